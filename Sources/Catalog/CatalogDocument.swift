/// The catalog as published in `data/neighbours.json` (schema version 2, see
/// `data/neighbours.schema.json`). Swift names are camelCase; the file's snake_case names are
/// mapped in one place, each type's `CodingKeys`.
public struct CatalogDocument: Codable, Sendable, Equatable {
    public static let currentSchemaVersion = 2

    public var schemaVersion: Int
    /// `backbeat <version>`.
    public var generator: String
    /// Every parameter that shaped the catalog (features, similarity weights, index).
    public var parameters: CatalogParameters
    /// One entry per track, sorted by `file` (UTF-8 byte order); row i of `vectors.npy`.
    public var tracks: [CatalogTrack]

    public init(generator: String, parameters: CatalogParameters, tracks: [CatalogTrack]) {
        schemaVersion = Self.currentSchemaVersion
        self.generator = generator
        self.parameters = parameters
        self.tracks = tracks
    }

    enum CodingKeys: String, CodingKey {
        case schemaVersion = "schema_version", generator, parameters, tracks
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
    /// Track and disc number tags (the N of "N/total"), or `null`.
    public var track: Int?
    public var disc: Int?
    /// Album-artist tag, or `null`.
    public var albumArtist: String?
    /// The whole file's duration in seconds (the analysed part may be shorter: `maxSeconds`).
    public var durationSeconds: Double
    /// Beat tempo in BPM (0 when none was found) and its confidence in [0, 1].
    public var tempoBPM: Double
    public var tempoConfidence: Double
    /// The k most similar tracks, best first by hub-corrected ``Neighbour/score`` (never the track
    /// itself or one of its versions; at most `max_per_artist` / `max_per_album` of one artist / album).
    public var top: [Neighbour]
    /// The k least similar tracks, farthest first by ``Neighbour/distance``.
    public var bottom: [Neighbour]
    /// Ids of the other files of the same recording (``Versions``), sorted.
    public var versions: [String]
    /// The track's radio (``Radio``): up to 20 tracks after it, in playing order.
    public var radio: [String]

    public struct Neighbour: Codable, Sendable, Equatable {
        public var id: String
        /// Cosine distance `1 − cos θ` between similarity vectors, in [0, 2].
        public var distance: Double
        /// Hub-corrected similarity (``HubCorrection``): `cos θ − (r_a + r_b) / 2`, in [−2, 2] (r, a mean cosine, is negative in a sparse neighbourhood).
        public var score: Double
        /// Which parts of the descriptor made the pair alike (``MatchReason``).
        public var why: MatchReason
        public init(id: String, distance: Double, score: Double, why: MatchReason) {
            self.id = id
            self.distance = distance
            self.score = score
            self.why = why
        }
    }

    public init(id: String, file: String, title: String, artist: String?, album: String? = nil, genre: String? = nil, track: Int? = nil, disc: Int? = nil, albumArtist: String? = nil,
                durationSeconds: Double, tempoBPM: Double, tempoConfidence: Double, top: [Neighbour], bottom: [Neighbour],
                versions: [String] = [], radio: [String] = []) {
        self.radio = radio
        self.id = id
        self.file = file
        self.title = title
        self.artist = artist
        self.album = album
        self.genre = genre
        self.track = track
        self.disc = disc
        self.albumArtist = albumArtist
        self.versions = versions
        self.durationSeconds = durationSeconds
        self.tempoBPM = tempoBPM
        self.tempoConfidence = tempoConfidence
        self.top = top
        self.bottom = bottom
    }

    enum CodingKeys: String, CodingKey {
        case id, file, title, artist, album, genre, track, disc, top, bottom, versions, radio
        case albumArtist = "album_artist"
        case durationSeconds = "duration_s", tempoBPM = "tempo_bpm", tempoConfidence = "tempo_confidence"
    }
}

/// The parameters recorded in the catalog.
public struct CatalogParameters: Codable, Sendable, Equatable {
    public var featureVersion: Int
    public var sampleRate: Int
    public var nFFT: Int
    public var hopLength: Int
    public var nMels: Int
    public var nMFCC: Int
    /// Seconds analysed from the start of each file; nil: whole files.
    public var maxSeconds: Double?
    public var weights: [String: Double]
    public var metric: String
    /// The index actually used (`exact`, `forest`, `lsh`).
    public var index: String
    public var topK: Int
    public var bottomK: Int
    public var seed: UInt64
    /// The caps of the top lists (`max_per_artist`, `max_per_album`; 0: none).
    public var spread: SpreadLimits

    public init(featureVersion: Int, sampleRate: Int, nFFT: Int, hopLength: Int, nMels: Int, nMFCC: Int,
                maxSeconds: Double?, weights: [String: Double], metric: String, index: String,
                topK: Int, bottomK: Int, seed: UInt64, spread: SpreadLimits = .defaults) {
        self.featureVersion = featureVersion
        self.sampleRate = sampleRate
        self.nFFT = nFFT
        self.hopLength = hopLength
        self.nMels = nMels
        self.nMFCC = nMFCC
        self.maxSeconds = maxSeconds
        self.weights = weights
        self.metric = metric
        self.index = index
        self.topK = topK
        self.bottomK = bottomK
        self.seed = seed
        self.spread = spread
    }

    /// Placeholder values (a staged catalog before its document is made).
    static let empty = CatalogParameters(featureVersion: 0, sampleRate: 0, nFFT: 0, hopLength: 0, nMels: 0, nMFCC: 0, maxSeconds: nil,
                                         weights: [:], metric: "", index: "", topK: 0, bottomK: 0, seed: 0)

    enum CodingKeys: String, CodingKey {
        case featureVersion = "feature_version", sampleRate = "sample_rate", nFFT = "n_fft", hopLength = "hop_length"
        case nMels = "n_mels", nMFCC = "n_mfcc", maxSeconds = "max_seconds", weights, metric, index
        case topK = "top_k", bottomK = "bottom_k", seed, spread
    }
}

/// What a build did, for the summary line, `about.html` and `data/build.json`.
public struct BuildReport: Sendable, Equatable {
    public struct Skipped: Sendable, Equatable {
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
    /// `SOURCE_DATE_EPOCH` is set: what depends on the build's history rather than its input (the
    /// timings, and how many features came from a cache) is not published, so a catalog built from
    /// shards' caches is byte-identical to one built on one machine.
    public var reproducible = false
    /// The index actually used (`exact`, `forest`, `lsh`, `graph`) and the measured recall of its
    /// top-k and bottom-k lists against exact search on a sample of tracks (1 for exact).
    public var indexKind: String
    public var measuredRecall: Double
    public var measuredBottomRecall: Double
    /// SHA-256 of everything the catalog was made from (``CatalogBuilder/upToDate()``).
    public var inputsKey: String?
    /// Wall time per stage in seconds. Left out of `data/build.json` when `SOURCE_DATE_EPOCH` fixes
    /// the build time, so the output is byte-identical.
    public var seconds: [BuildStage: Double]

    public init(tracks: Int, skipped: [Skipped], extracted: Int, cached: Int, indexKind: String,
                measuredRecall: Double, measuredBottomRecall: Double = 1, seconds: [BuildStage: Double]) {
        self.tracks = tracks
        self.skipped = skipped
        self.extracted = extracted
        self.cached = cached
        self.indexKind = indexKind
        self.measuredRecall = measuredRecall
        self.measuredBottomRecall = measuredBottomRecall
        self.seconds = seconds
    }
}

extension BuildReport {
    /// This report with its inputs key set.
    func with(inputsKey: String?) -> BuildReport {
        var r = self
        r.inputsKey = inputsKey
        return r
    }
}
