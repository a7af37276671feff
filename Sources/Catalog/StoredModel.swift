import Features
import Foundation
import Support

/// What `query` needs to map a new file exactly as the catalog's tracks were mapped:
/// extraction parameters, the fitted similarity model, and the row → track mapping of the
/// stored indexes. Written as `data/model.json`.
public struct StoredModel: Codable, Sendable {
    public static let fileName = "model.json"
    /// Bumped when this file's meaning changes; `query` refuses other versions.
    public static let formatVersion = 3

    public var formatVersion = StoredModel.formatVersion
    public var generator: String
    public var features: FeatureParameters
    public var maxSeconds: Double?
    public var model: SimilarityModel
    public var index: String
    public var trackIDs: [String]
    public var files: [String]
    public var tempos: [Double]
    /// Row r of `segments.idx`: track row, start and end in seconds.
    public var segmentTrack: [Int]
    public var segmentStart: [Double]
    public var segmentEnd: [Double]
    /// SHA-256 of the data files this model goes with (`data/catalog.idx`, `data/segments.idx`,
    /// `data/vectors.npy`, `data/segments.npy`): `query` refuses a file that is not the one this
    /// model was built with, even when a manifest was made to agree with it.
    public var dataChecksums: [String: String]
    /// r(x) of every track (``HubCorrection``), so `query` ranks with the same correction.
    public var density: [Double]
    /// Every track's artist and album group, and the caps the build used (``ArtistSpread``).
    public var groups: [SpreadGroup]
    public var spread: SpreadLimits
    /// The recording of every track: tracks with the same number are versions of one recording.
    public var recordings: [Int]
    /// The dataset folder, relative to the catalog folder (`../music`): where `playlist` and `path`
    /// find the audio their `.m3u8` files point to.
    public var datasetFromCatalog: String

    public init(generator: String, features: FeatureParameters, maxSeconds: Double?, model: SimilarityModel, index: String,
                trackIDs: [String], files: [String], tempos: [Double],
                segmentTrack: [Int], segmentStart: [Double], segmentEnd: [Double],
                density: [Double], groups: [SpreadGroup], spread: SpreadLimits, recordings: [Int], datasetFromCatalog: String,
                dataChecksums: [String: String]) {
        self.recordings = recordings
        self.datasetFromCatalog = datasetFromCatalog
        self.density = density
        self.groups = groups
        self.spread = spread
        self.dataChecksums = dataChecksums
        self.generator = generator
        self.features = features
        self.maxSeconds = maxSeconds
        self.model = model
        self.index = index
        self.trackIDs = trackIDs
        self.files = files
        self.tempos = tempos
        self.segmentTrack = segmentTrack
        self.segmentStart = segmentStart
        self.segmentEnd = segmentEnd
    }

    enum CodingKeys: String, CodingKey {
        case formatVersion = "format_version", generator, features, maxSeconds, model, index, trackIDs, files, tempos
        case segmentTrack, segmentStart, segmentEnd, dataChecksums, density, groups, spread, recordings, datasetFromCatalog
    }

    public func write(to url: URL) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        try AtomicFile.write(try encoder.encode(self), to: url)
    }

    public static func read(from url: URL) throws -> StoredModel {
        try JSONDecoder().decode(StoredModel.self, from: Data(contentsOf: url))
    }
}

/// `data/build.json`: the build report. Timings and the build date make it differ between
/// builds unless `SOURCE_DATE_EPOCH` is set, in which case the date is that epoch and timings and
/// the counts of extracted and cached features are left out, so every output file is
/// byte-identical, whether the features were extracted here, cached or merged from shards.
enum BuildReportFile {
    /// `SOURCE_DATE_EPOCH` (seconds since 1970) when set to a number: reproducible builds take their
    /// date from it and publish no timings, so every file is byte-identical.
    static var sourceDateEpoch: Double? { ProcessInfo.processInfo.environment["SOURCE_DATE_EPOCH"].flatMap(Double.init) }

    static func json(_ report: BuildReport) -> String {
        let epoch = sourceDateEpoch
        let date = ISO8601DateFormatter().string(from: epoch.map { Date(timeIntervalSince1970: $0) } ?? Date())
        var members: [(String, JSONValue)] = [("generator", .string(CatalogBuilder.generator)), ("built_at", .string(date))]
        if epoch == nil {
            let stages = report.seconds.keys.sorted { $0.rawValue < $1.rawValue }
            members.append(("seconds", .object(stages.map { ($0.rawValue, .number(report.seconds[$0]!, decimals: 3)) })))
        }
        members += [("tracks", .integer(report.tracks)), ("skipped", .integer(report.skipped.count))]
        if epoch == nil { members += [("extracted", .integer(report.extracted)), ("cached", .integer(report.cached))] }
        members += [("index", .string(report.indexKind)), ("measured_recall", .number(report.measuredRecall, decimals: 4)),
                    ("measured_bottom_recall", .number(report.measuredBottomRecall, decimals: 4))]
        if let key = report.inputsKey { members.append(("inputs", .string(key))) }
        return JSONValue.object(members).text + "\n"
    }
}
