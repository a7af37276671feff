import Features
import Foundation
import Support

/// Per-track plots kept beside the feature cache (`CACHE/plots/`), so that a build whose features
/// all come from the cache (a merge of sharded extraction, or a build into a new output folder)
/// decodes no audio to draw them.
///
/// A plot depends on the content (its analysis), the extraction parameters and the title drawn in
/// it, so it is stored as `<content SHA-256>-<parameters key>-<title key>-mfcc.png` (and
/// `-tempo.png`), the title key being the first 16 hex digits of the SHA-256 of the title.
/// Files are written atomically, and one is copied out only when it has a PNG's signature and
/// ends with its `IEND` chunk (a damaged file is drawn again). `backbeat extract` draws them; `build` reads them (from its cache and any
/// `--cache-from` folder) and never writes here.
struct PlotCache: Sendable {
    /// `CACHE/plots`, then the `plots` folders of the `--cache-from` caches.
    let folders: [URL]
    let parametersKey: String
    static let kinds = ["mfcc", "tempo"]

    init(caches: [URL], parametersKey: String) {
        folders = caches.map { $0.appendingPathComponent("plots", isDirectory: true) }
        self.parametersKey = parametersKey
    }

    /// The base name of the plots of `hash` titled `title` (no kind, no extension).
    func base(hash: String, title: String) -> String {
        "\(hash)-\(parametersKey)-\(ContentHash.of(bytes: Array(title.utf8)).prefix(16))"
    }

    /// Whether the first folder (this cache's own) has both plots, whole; a damaged one is removed
    /// (so `extract` draws it again).
    func has(hash: String, title: String) -> Bool {
        let base = base(hash: hash, title: title)
        return Self.kinds.allSatisfy { kind in
            let url = folders[0].appendingPathComponent("\(base)-\(kind).png")
            guard let data = try? Data(contentsOf: url) else { return false }
            if Self.looksWhole(data) { return true }
            try? FileManager.default.removeItem(at: url)
            return false
        }
    }

    /// Draws the plots of `hash` into this cache's own folder.
    func draw(hash: String, title: String, detail: AnalysisDetail, beats: [Double]) throws {
        try FileManager.default.createDirectory(at: folders[0], withIntermediateDirectories: true)
        try TrackPlots.write(id: base(hash: hash, title: title), title: title, detail: detail, beats: beats, into: folders[0])
    }

    /// Copies the cached plots of `hash` titled `title` to `<id>-mfcc.png` and `-tempo.png` in `plots` (the shard folder),
    /// from the first folder that has both; false when none has.
    func copy(hash: String, title: String, id: String, into plots: URL) -> Bool {
        let base = base(hash: hash, title: title)
        for folder in folders {
            let sources = Self.kinds.map { folder.appendingPathComponent("\(base)-\($0).png") }
            guard sources.allSatisfy({ FileManager.default.fileExists(atPath: $0.path) }) else { continue }
            guard let images = try? sources.map({ try Data(contentsOf: $0) }), images.allSatisfy(Self.looksWhole) else { continue }
            do {
                for (kind, image) in zip(Self.kinds, images) {
                    try AtomicFile.write(image, to: plots.appendingPathComponent("\(id)-\(kind).png"))
                }
                return true
            } catch { continue }
        }
        return false
    }

    /// Whether `data` starts with the PNG signature and ends with an `IEND` chunk.
    static func looksWhole(_ data: Data) -> Bool {
        let signature: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]
        let end: [UInt8] = [0, 0, 0, 0, 0x49, 0x45, 0x4E, 0x44, 0xAE, 0x42, 0x60, 0x82]
        return data.count > 20 && Array(data.prefix(8)) == signature && Array(data.suffix(12)) == end
    }
}
