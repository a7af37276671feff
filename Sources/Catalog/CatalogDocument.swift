/// The catalog as published in `data/neighbours.json` (schema version 1, see
/// `data/neighbours.schema.json`). Field names are the JSON names.
public struct CatalogDocument: Codable, Sendable, Equatable {
    public static let currentSchemaVersion = 1

    public var schema_version: Int
    /// `backbeat <version>`.
    public var generator: String
    /// Every parameter that shaped the catalog (features, similarity weights, index).
    public var parameters: CatalogParameters
    /// One entry per track, sorted by `file` (UTF-8 byte order); row i of `vectors.npy`.
    public var tracks: [CatalogTrack]

    public init(generator: String, parameters: CatalogParameters, tracks: [CatalogTrack]) {
        schema_version = Self.currentSchemaVersion
        self.generator = generator
        self.parameters = parameters
        self.tracks = tracks
    }
}

/// One track and its precomputed neighbours.
public struct CatalogTrack: Codable, Sendable, Equatable {
    /// Stable id derived from the relative path; safe in file names and URLs (`[a-z0-9-]`).
    public var id: String
    /// Path relative to the dataset root, `/`-separated.
    public var file: String
    /// Title tag, or the file name without extension when untagged.
    public var title: String
    /// Artist tag, or `null`.
    public var artist: String?
    public var album: String?
    public var genre: String?
    /// The whole file's duration in seconds (the analysed part may be shorter: `max_seconds`).
    public var duration_s: Double
    /// Beat tempo in BPM (0 when none was found) and its confidence in [0, 1].
    public var tempo_bpm: Double
    public var tempo_confidence: Double
    /// The k most similar tracks, nearest first (never the track itself).
    public var top: [Neighbour]
    /// The k least similar tracks, farthest first.
    public var bottom: [Neighbour]

    public struct Neighbour: Codable, Sendable, Equatable {
        public var id: String
        /// Cosine distance `1 − cos θ` between similarity vectors, in [0, 2].
        public var distance: Double
        public init(id: String, distance: Double) {
            self.id = id
            self.distance = distance
        }
    }

    public init(id: String, file: String, title: String, artist: String?, album: String? = nil, genre: String? = nil,
                duration_s: Double, tempo_bpm: Double, tempo_confidence: Double, top: [Neighbour], bottom: [Neighbour]) {
        self.id = id
        self.file = file
        self.title = title
        self.artist = artist
        self.album = album
        self.genre = genre
        self.duration_s = duration_s
        self.tempo_bpm = tempo_bpm
        self.tempo_confidence = tempo_confidence
        self.top = top
        self.bottom = bottom
    }
}

/// The parameters recorded in the catalog.
public struct CatalogParameters: Codable, Sendable, Equatable {
    public var feature_version: Int
    public var sample_rate: Int
    public var n_fft: Int
    public var hop_length: Int
    public var n_mels: Int
    public var n_mfcc: Int
    public var max_seconds: Double?
    public var weights: [String: Double]
    public var metric: String
    public var index: String
    public var top_k: Int
    public var bottom_k: Int
    public var seed: UInt64

    public init(feature_version: Int, sample_rate: Int, n_fft: Int, hop_length: Int, n_mels: Int, n_mfcc: Int,
                max_seconds: Double?, weights: [String: Double], metric: String, index: String,
                top_k: Int, bottom_k: Int, seed: UInt64) {
        self.feature_version = feature_version
        self.sample_rate = sample_rate
        self.n_fft = n_fft
        self.hop_length = hop_length
        self.n_mels = n_mels
        self.n_mfcc = n_mfcc
        self.max_seconds = max_seconds
        self.weights = weights
        self.metric = metric
        self.index = index
        self.top_k = top_k
        self.bottom_k = bottom_k
        self.seed = seed
    }
}

/// What a build did, for the summary line, `about.html` and `data/build.json`.
public struct BuildReport: Codable, Sendable, Equatable {
    public struct Skipped: Codable, Sendable, Equatable {
        public var file: String
        public var reason: String
        public init(file: String, reason: String) {
            self.file = file
            self.reason = reason
        }
    }
    /// Tracks in the catalog.
    public var tracks: Int
    /// Files skipped, with the reason (also in `data/skipped.csv`).
    public var skipped: [Skipped]
    /// Feature extractions done in this build, and cache hits.
    public var extracted: Int
    public var cached: Int
    /// The index actually used (`exact`, `forest`, `lsh`) and its measured recall@k against
    /// exact search on a sample of queries (1 for exact).
    public var index_kind: String
    public var measured_recall: Double
    /// Wall time per stage in seconds (`scan`, `extract`, `index`, `write`, `plots`, `site`).
    /// Excluded from byte-identical output unless `SOURCE_DATE_EPOCH` fixes the build time.
    public var seconds: [String: Double]

    public init(tracks: Int, skipped: [Skipped], extracted: Int, cached: Int, index_kind: String,
                measured_recall: Double, seconds: [String: Double]) {
        self.tracks = tracks
        self.skipped = skipped
        self.extracted = extracted
        self.cached = cached
        self.index_kind = index_kind
        self.measured_recall = measured_recall
        self.seconds = seconds
    }
}
