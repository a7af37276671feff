import Features
import Foundation

/// Everything `backbeat build` can be told.
public struct BuildOptions: Sendable {
    /// Which neighbour index builds the table.
    public enum IndexChoice: String, Sendable, CaseIterable {
        case auto, exact, forest, lsh, graph
    }

    /// The dataset folder (scanned recursively).
    public var dataset: URL
    /// The output folder (replaced atomically at the end of a successful build).
    public var output: URL
    public var topK = 10
    public var bottomK = 10
    /// Worker threads for extraction (default: all cores).
    public var jobs = ProcessInfo.processInfo.activeProcessorCount
    public var index = IndexChoice.auto
    public var seed: UInt64 = 42
    /// Analyse at most this many seconds from the start of each file (`nil`: whole files).
    /// The default, 10 minutes, bounds memory per worker (a 2-hour DJ mix would otherwise need
    /// ~1.3 GB for its spectrogram) while covering any ordinary track in full.
    public var maxSeconds: Double? = BuildOptions.defaultMaxSeconds
    public static let defaultMaxSeconds = 600.0
    /// Feature cache folder (default `output/.cache`).
    public var cache: URL?
    /// Caches written elsewhere (shards' own folders), read after ``cacheDirectory`` and never written.
    public var cacheFrom: [URL] = []
    /// Fail, naming the files, instead of analysing a content no cache has (a merge of shards).
    public var requireCached = false
    /// Any skipped file fails the build.
    public var strict = false
    /// Draw per-track plots.
    public var plots = true
    public var features = FeatureParameters()
    public var weights = SimilarityModel.defaultWeights
    /// At most this many tracks of one artist / album in a top list (``SpreadLimits``).
    public var spread = SpreadLimits.defaults
    /// What the caller writes beside the catalog (site, SQLite, templates, audio mode), as a string
    /// that changes when that output would: part of the inputs key a rebuild compares
    /// (``CatalogBuilder/upToDate()``).
    public var outputKey = ""

    public init(dataset: URL, output: URL) {
        self.dataset = dataset
        self.output = output
    }

    /// Folder of the feature cache.
    public var cacheDirectory: URL { cache ?? output.appendingPathComponent(".cache", isDirectory: true) }

    /// A short key naming every parameter that changes extracted features.
    public var featureKey: String {
        let f = features
        let text = "v\(f.version)|\(f.sampleRate)|\(f.nFFT)|\(f.hop)|\(f.melBands)|\(f.mfccCount)|\(f.minBPM)|\(f.maxBPM)|"
            + "\(f.segmentSeconds)|\(f.segmentHopSeconds)|\(maxSeconds.map { String($0) } ?? "all")"
        return "f\(f.version)-" + ContentHash.hex(TrackID.fnv1a64(Array(text.utf8))).prefix(12)
    }
}

/// What the build tells its caller while it runs.
public enum BuildEvent: Sendable {
    case scanned(files: Int)
    /// Content hashing (pass 1 of extraction): `done` of `total` files hashed.
    case hashed(done: Int, total: Int)
    case extracted(done: Int, total: Int, file: String)
    case skipped(file: String, reason: String)
    /// A stage begins (``BuildStage/progressText`` says what to show).
    case stage(BuildStage)
    /// Something the user should know that does not stop the build (one line).
    case warning(String)
}
