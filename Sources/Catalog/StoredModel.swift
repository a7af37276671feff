import Features
import Foundation
import Support

/// What `query` needs to map a new file exactly as the catalog's tracks were mapped:
/// extraction parameters, the fitted similarity model, and the row → track mapping of the
/// stored indexes. Written as `data/model.json`.
public struct StoredModel: Codable, Sendable {
    public static let fileName = "model.json"
    /// Bumped when this file's meaning changes; `query` refuses other versions.
    public static let formatVersion = 2

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

    public init(generator: String, features: FeatureParameters, maxSeconds: Double?, model: SimilarityModel, index: String,
                trackIDs: [String], files: [String], tempos: [Double],
                segmentTrack: [Int], segmentStart: [Double], segmentEnd: [Double], dataChecksums: [String: String]) {
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
        case segmentTrack, segmentStart, segmentEnd, dataChecksums
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
/// builds unless `SOURCE_DATE_EPOCH` is set, in which case the date is that epoch and timings
/// are left out, so every output file is byte-identical.
enum BuildReportFile {
    static func json(_ report: BuildReport) -> String {
        let epoch = ProcessInfo.processInfo.environment["SOURCE_DATE_EPOCH"].flatMap(Double.init)
        var s = "{\"generator\":\(JSONText.string(CatalogBuilder.generator)),"
        if let epoch {
            s += "\"built_at\":\(JSONText.string(ISO8601DateFormatter().string(from: Date(timeIntervalSince1970: epoch)))),"
        } else {
            s += "\"built_at\":\(JSONText.string(ISO8601DateFormatter().string(from: Date()))),"
            let stages = report.seconds.keys.sorted { $0.rawValue < $1.rawValue }
            s += "\"seconds\":{" + stages.map { "\(JSONText.string($0.rawValue)):\(JSONText.number(report.seconds[$0]!, 3))" }.joined(separator: ",") + "},"
        }
        s += "\"tracks\":\(report.tracks),\"skipped\":\(report.skipped.count),\"extracted\":\(report.extracted),\"cached\":\(report.cached),"
        s += "\"index\":\(JSONText.string(report.indexKind)),\"measured_recall\":\(JSONText.number(report.measuredRecall, 4))}\n"
        return s
    }
}
