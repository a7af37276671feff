import Features
import Foundation
import Support
import NeighbourIndex

/// `backbeat query`: a new file against a built catalog, through the same decode → features →
/// vector path as the build, with the catalog's stored parameters and statistics, searched in
/// the stored (memory-mapped) index.
public final class CatalogQuery {
    public let catalog: URL
    public let stored: StoredModel
    let index: any NeighbourSearcher

    /// A match: catalog row, id, file, tempo, cosine distance (1 − cos θ), the hub-corrected score
    /// top lists are ranked by (``HubCorrection``) and why it matched (``MatchReason``; segment
    /// matches carry none).
    public struct Match: Sendable, Equatable {
        public let row: Int
        public let id: String
        public let file: String
        public let tempo: Double
        public let distance: Double
        public var score: Double? = nil
        public var why: MatchReason? = nil
    }

    /// A query window and its best catalog segments.
    public struct SegmentMatch: Sendable {
        public let queryStart: Double
        public let queryEnd: Double
        public let matches: [(match: Match, start: Double, end: Double)]
    }

    public struct Result: Sendable {
        public let file: String
        public let features: TrackFeatures
        public let vector: [Float]
        public let top: [Match]
        public let bottom: [Match]
        public let segments: [SegmentMatch]
    }

    /// The catalog's manifest: every data file is checked against it before it is read.
    public let manifest: CatalogManifest

    /// Opens a catalog folder (the `-o` of `backbeat build`): its manifest, then `model.json` and
    /// `catalog.idx`, each checked against the manifest's size and SHA-256 and against each other.
    /// - Throws: ``CatalogError`` (`.notACatalog`, `.incompatible`) when the catalog is missing, from another version, damaged or mixed
    ///   with files of another catalog.
    public init(catalog: URL) throws {
        self.catalog = catalog
        let found: CatalogManifest?
        do { found = try CatalogManifest.read(folder: catalog) } catch let error as CatalogError {
            throw CatalogError(.incompatible, error.description)
        }
        guard let manifest = found else {
            throw CatalogError(.notACatalog, "\(catalog.path): not a Backbeat catalog (no \(CatalogManifest.fileName)); build one with `backbeat build DATASET -o \(catalog.path)` (catalogs built before the manifest existed must be rebuilt)")
        }
        do { try manifest.verify("data/\(StoredModel.fileName)", in: catalog) } catch let error as CatalogError {
            throw CatalogError(.incompatible, error.description)
        }
        self.manifest = manifest
        let modelURL = catalog.appendingPathComponent("data/\(StoredModel.fileName)")
        let model: StoredModel
        do {
            model = try StoredModel.read(from: modelURL)
        } catch {
            throw CatalogError(.incompatible, "\(modelURL.path): unreadable or from another version of backbeat (\(ErrorText.line(error))); rebuild the catalog")
        }
        guard model.formatVersion == StoredModel.formatVersion, model.features.version == FeatureParameters.currentVersion else {
            throw CatalogError(.incompatible, "\(catalog.path) was built by \(model.generator) (model format \(model.formatVersion), features v\(model.features.version)); this is \(CatalogBuilder.generator) (format \(StoredModel.formatVersion), features v\(FeatureParameters.currentVersion)): rebuild the catalog")
        }
        if let problem = model.inconsistency() {
            throw CatalogError(.incompatible, "\(modelURL.path): \(problem); rebuild the catalog")
        }
        stored = model
        index = try Self.loadIndex("data/catalog.idx", in: catalog, manifest: manifest, model: model, count: model.trackIDs.count)
    }

    /// Checks the data file `relative` against the manifest (size, checksum) and against the model
    /// (the checksum it was built with), so a file from another catalog is refused even when the
    /// manifest was rewritten to agree with it.
    static func check(_ relative: String, in catalog: URL, manifest: CatalogManifest, model: StoredModel) throws {
        do { try manifest.verify(relative, in: catalog) } catch let error as CatalogError {
            throw CatalogError(.incompatible, error.description)
        }
        guard let expected = model.dataChecksums[relative], manifest.entry(relative)?.sha256 == expected else {
            throw CatalogError(.incompatible, "\(catalog.appendingPathComponent(relative).path) is not the file data/\(StoredModel.fileName) was built with (mixed catalogs?); rebuild the catalog")
        }
    }

    /// Loads the index file `relative` after ``check(_:in:manifest:model:)``, and checks that it
    /// holds `count` vectors of the model's dimension.
    static func loadIndex(_ relative: String, in catalog: URL, manifest: CatalogManifest, model: StoredModel,
                          count: Int) throws -> any NeighbourSearcher {
        let path = catalog.appendingPathComponent(relative).path
        let dimension = model.model.vectorDimension
        try check(relative, in: catalog, manifest: manifest, model: model)
        do {
            let index = try IndexFile.load(path, metric: .angular, dimension: dimension)
            guard index.count == count else {
                throw CatalogError(.incompatible, "\(path): holds \(index.count) items, the model lists \(count): rebuild the catalog")
            }
            return index
        } catch let error as CatalogError {
            throw error
        } catch {
            throw CatalogError(.incompatible, "\(path): \(error)")
        }
    }

    /// Checks a data file (``check(_:in:manifest:model:)``) before it is read.
    func verified(_ relative: String) throws -> URL {
        try Self.check(relative, in: catalog, manifest: manifest, model: stored)
        return catalog.appendingPathComponent(relative)
    }

    /// Decodes and analyses `file`, then finds its `topK` best matches — ranked as the build ranks
    /// its lists: a cosine shortlist re-ranked by the hub-corrected score with the query's own
    /// density, at most `spread` (default: the catalog's caps) of one artist / album — and its
    /// `bottomK` farthest tracks, and the `perWindow` best segments for each of its windows (0: none).
    public func run(file: String, topK: Int, bottomK: Int, perWindow: Int = 0, spread: SpreadLimits? = nil) throws -> Result {
        let analysis = try TrackAnalyzer(parameters: stored.features, maxSeconds: stored.maxSeconds).analyze(path: file)
        let vector = SimilaritySpace.safeVector(stored.model.vector(analysis.features.descriptor))
        // Unit length by the arithmetic the catalog's own vectors were normalised with, so a catalog
        // file's reasons here are the build's.
        let unit = VectorSet.unitLength(vector)
        let shortlist = try index.search(vector, k: min(max(topK, HubCorrection.shortlist(k: topK, count: index.count + 1)), index.count))
        // A catalog file queried again meets itself (and its byte-identical copies) at distance 0:
        // those come first, and are left out of its density and of the artist/album caps, as the
        // build leaves a track and its versions out of its own list.
        let distances = shortlist.map { SimilaritySpace.cosineDistance($0.distance) }
        let density = HubCorrection.density(distances.filter { $0 >= Self.identical })
        let candidates = zip(shortlist, distances).map { n, d in
            Recommendation(row: n.index, distance: d, score: HubCorrection.score(distance: d, density, stored.density[n.index]))
        }
        let itself = candidates.filter { $0.distance < Self.identical }.prefix(topK)
        let others = Recommendations.rank(candidates.filter { $0.distance >= Self.identical }, k: topK - itself.count,
                                          limits: spread ?? stored.spread) { stored.groups[$0] }
        let top = (itself + others).map {
            explained(match(Neighbour(index: $0.row, distance: 0), distance: $0.distance, score: $0.score), query: unit,
                      tempo: analysis.features.tempo)
        }
        let bottom = try index.farthest(vector, k: min(bottomK, index.count)).map { n in
            let d = SimilaritySpace.cosineDistance(n.distance)
            return explained(match(n, distance: d, score: HubCorrection.score(distance: d, density, stored.density[n.index])),
                             query: unit, tempo: analysis.features.tempo)
        }
        var segments: [SegmentMatch] = []
        if perWindow > 0 && !stored.segmentTrack.isEmpty {
            let segmentIndex = try Self.loadIndex("data/segments.idx", in: catalog, manifest: manifest, model: stored,
                                                  count: stored.segmentTrack.count)
            for s in analysis.features.segments {
                let v = SimilaritySpace.safeVector(stored.model.vector(s.descriptor))
                let found = try segmentIndex.search(v, k: min(perWindow, segmentIndex.count)).map { n in
                    (match: match(Neighbour(index: stored.segmentTrack[n.index], distance: n.distance)),
                     start: stored.segmentStart[n.index], end: stored.segmentEnd[n.index])
                }
                segments.append(SegmentMatch(queryStart: s.start, queryEnd: s.end, matches: found))
            }
        }
        return Result(file: file, features: analysis.features, vector: vector, top: top, bottom: bottom, segments: segments)
    }

    /// Cosine distance below which a catalog track is the queried audio itself.
    static let identical = 1e-6

    /// The match of row `n.index`; `distance` (cosine) when known, else from the index's angular distance.
    func match(_ n: Neighbour, distance: Double? = nil, score: Double? = nil) -> Match {
        Match(row: n.index, id: stored.trackIDs[n.index], file: stored.files[n.index], tempo: stored.tempos[n.index],
              distance: distance ?? SimilaritySpace.cosineDistance(n.distance), score: score)
    }

    /// `m` with its reason against the query's vector and tempo.
    func explained(_ m: Match, query: [Float], tempo: Double) -> Match {
        var m = m
        m.why = MatchReason.explain(query, index.storedVector(m.row), layout: stored.model.layout, tempoA: tempo, tempoB: m.tempo)
        return m
    }
}

extension CatalogQuery {
    /// The segment matches as CSV: query_start_s, query_end_s, rank, track_id, file,
    /// segment_start_s, segment_end_s, distance.
    public static func segmentsCSV(_ result: Result) -> String {
        var table = CSVTable(header: ["query_start_s", "query_end_s", "rank", "track_id", "file", "segment_start_s", "segment_end_s", "distance"])
        for window in result.segments {
            for (rank, m) in window.matches.enumerated() {
                table.append([.number(JSONText.number(window.queryStart, 3)), .number(JSONText.number(window.queryEnd, 3)),
                              .number(String(rank + 1)), .text(m.match.id), .text(m.match.file),
                              .number(JSONText.number(m.start, 3)), .number(JSONText.number(m.end, 3)),
                              .number(JSONText.number(m.match.distance, 6))])
            }
        }
        return table.contents
    }

    /// The original project's `Cluster,Song` CSV over the query's (up to) 100 nearest tracks by
    /// plain cosine distance.
    public func legacyCSV(_ result: Result) throws -> String {
        let url = try verified("data/vectors.npy")
        let vectors: (rows: Int, columns: Int, values: [Float])
        do { vectors = try NumpyArray.readFloat32(url) } catch {
            throw CatalogError(.incompatible, "\(url.path): \(ErrorText.line(error)); rebuild the catalog")
        }
        guard vectors.rows == stored.trackIDs.count, vectors.columns == stored.model.vectorDimension else {
            throw CatalogError(.incompatible, "\(url.path): \(vectors.rows) × \(vectors.columns) values, the model needs \(stored.trackIDs.count) × \(stored.model.vectorDimension): rebuild the catalog")
        }
        let nearest = try index.search(result.vector, k: min(100, index.count)).map { match($0) }
        let points = nearest.map { m in Array(vectors.values[(m.row * vectors.columns)..<((m.row + 1) * vectors.columns)]) }
        return LegacyClusters.csv(files: nearest.map(\.file), labels: LegacyClusters.kmeans(points, k: 10, seed: 42))
    }
}
