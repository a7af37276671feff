import Dispatch
import Support

/// The stages of `backbeat build`, in order: what progress reports, what `data/build.json` times
/// (under the raw value) and what the about page lists (under the label).
public enum BuildStage: String, CaseIterable, Sendable {
    /// Claim the output folder and list the dataset's audio files.
    case scan
    /// Hash every file and analyse each distinct content (cached), drawing per-track plots.
    case extract
    /// Fit the similarity model and build the neighbour index and table.
    case index
    /// Write the data files and the catalog plots.
    case write
    /// Write `data/catalog.sqlite` (the CLI's stage, after ``CatalogBuilder/prepare()``).
    case sqlite
    /// Render the HTML site (the CLI's stage, after ``CatalogBuilder/prepare()``).
    case site
    /// Checksum every file into the manifest and replace the previous catalog
    /// (``CatalogBuilder/commit(_:)``; recorded in `data/build.json` once the catalog is in place).
    case publish

    /// How the about page names the stage.
    public var label: String {
        switch self {
        case .scan: return "scanning the dataset"
        case .extract: return "feature extraction"
        case .index: return "index and neighbours"
        case .write: return "writing data"
        case .sqlite: return "SQLite database"
        case .site: return "site"
        case .publish: return "manifest and replacing the previous catalog"
        }
    }

    /// What progress says when the stage starts (stages with a progress bar of their own say nothing).
    public var progressText: String? {
        switch self {
        case .scan, .extract, .publish: return nil
        case .index: return "neighbour table"
        case .write: return "writing data"
        case .sqlite: return "writing SQLite database"
        case .site: return "writing site"
        }
    }
}

/// Wall time per stage.
struct StageClock {
    private var last = DispatchTime.now().uptimeNanoseconds
    private(set) var laps: [BuildStage: Double] = [:]

    /// Adds the time since the last lap to `stage`, and gives the memory the stage freed back to the
    /// system (``Platform/releaseFreeMemory()``; its time counts towards the next stage).
    mutating func lap(_ stage: BuildStage) {
        defer { Platform.releaseFreeMemory() }
        let now = DispatchTime.now().uptimeNanoseconds
        laps[stage, default: 0] += Double(now - last) / 1e9
        last = now
    }
}
