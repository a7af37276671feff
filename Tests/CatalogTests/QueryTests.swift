import AudioIO
import Catalog
import Foundation
import Support
import Synth
import Testing

/// `backbeat query` against a built catalog.
@Suite(.serialized) struct QueryTests {
    /// A catalog of 21 clips: seven grooves × three tempi on rotating kits.
    static let shared: Result<Fixture, any Error> = Result {
        let dataset = TestDataset.temporaryDirectory("qdata"), output = TestDataset.temporaryDirectory("qcat")
        for (f, family) in GrooveFamily.allCases.enumerated() {
            for (t, bpm) in [90.0, 110, 135].enumerated() {
                let spec = ClipSpec(family: family, bpm: bpm, kit: DrumKit.allCases[(f + t) % 5], instrument: Instrument.allCases[(f + 2 * t) % 5],
                                    seconds: 8, seed: UInt64(10 * f + t + 1))
                try AudioWriter.write(ClipSynthesizer.render(spec), channels: 1, sampleRate: 22_050, format: .wav16,
                                      to: dataset.appendingPathComponent("\(family.rawValue)-\(Int(bpm)).wav").path)
            }
        }
        var options = BuildOptions(dataset: dataset, output: output)
        options.plots = false
        try CatalogBuilder(options: options).run()
        return Fixture(dataset: dataset, output: output)
    }
    struct Fixture: Sendable { let dataset: URL, output: URL }
    /// The shared catalog; a failure to build it fails each test with its own message.
    static var catalog: (dataset: URL, output: URL) { get throws { let c = try shared.get(); return (c.dataset, c.output) } }

    @Test func aCatalogTrackIsItsOwnBestMatch() throws {
        let (dataset, output) = try Self.catalog
        let query = try CatalogQuery(catalog: output)
        for name in ["rock-110.wav", "waltz-90.wav", "funk-135.wav"] {
            let r = try query.run(file: dataset.appendingPathComponent(name).path, topK: 5, bottomK: 3)
            #expect(r.top.first?.file == name)
            #expect((r.top.first?.distance ?? 1) < 1e-4)
            #expect(r.top.count == 5 && r.bottom.count == 3)
            #expect(!r.bottom.contains { $0.file == name })
        }
    }

    /// A catalog file queried again gets the list the build published for it (after itself): the
    /// same shortlist, the same density, the same caps.
    @Test func aCatalogFileQueriedGetsItsBuildList() throws {
        let (dataset, output) = try Self.catalog
        let doc = try JSONDecoder().decode(CatalogDocument.self, from: Data(contentsOf: output.appendingPathComponent("data/neighbours.json")))
        let query = try CatalogQuery(catalog: output)
        for name in ["rock-110.wav", "bossa-90.wav", "shuffle-135.wav"] {
            let track = try #require(doc.tracks.first { $0.file == name })
            let r = try query.run(file: dataset.appendingPathComponent(name).path, topK: track.top.count + 1, bottomK: 0)
            #expect(r.top.first?.id == track.id)
            #expect(Array(r.top.dropFirst().map(\.id)) == track.top.map(\.id), "\(name)")
            for (m, n) in zip(r.top.dropFirst(), track.top) { #expect(abs((m.score ?? 9) - n.score) < 1e-4) }
        }
    }

    @Test func aRemixFindsItsSource() throws {
        let (_, output) = try Self.catalog
        let query = try CatalogQuery(catalog: output)
        let dir = TestDataset.temporaryDirectory("remix")
        // Same grooves and tempi as catalog tracks, other kit, instrument, gain and humanisation.
        let cases: [(GrooveFamily, Double, Int)] = [(.rock, 110, 0), (.waltz, 90, 4), (.house, 135, 2), (.shuffle, 110, 3)]
        for (family, bpm, f) in cases {
            let t = [90.0, 110, 135].firstIndex(of: bpm)!
            let fIndex = GrooveFamily.allCases.firstIndex(of: family)!
            let kit = DrumKit.allCases[(fIndex + t + 2) % 5]
            let spec = ClipSpec(family: family, bpm: bpm, kit: kit, instrument: Instrument.allCases[(f + 1) % 5], seconds: 8, gain: 0.3, seed: 999)
            let path = dir.appendingPathComponent("remix-\(family.rawValue).flac").path
            try AudioWriter.write(ClipSynthesizer.render(spec), channels: 1, sampleRate: 44_100 / 2, format: .flac, to: path)
            let r = try query.run(file: path, topK: 3, bottomK: 0)
            #expect(r.top.map(\.file).contains("\(family.rawValue)-\(Int(bpm)).wav"), "\(family) \(bpm): \(r.top.map(\.file))")
        }
    }

    @Test func segmentMatchesCoverTheQuery() throws {
        let (dataset, output) = try Self.catalog
        let query = try CatalogQuery(catalog: output)
        let r = try query.run(file: dataset.appendingPathComponent("bossa-110.wav").path, topK: 3, bottomK: 0, perWindow: 2)
        let rows = CSVReader.parse(CatalogQuery.segmentsCSV(r))
        #expect(rows[0] == ["query_start_s", "query_end_s", "rank", "track_id", "file", "segment_start_s", "segment_end_s", "distance"])
        let body = rows.dropFirst()
        #expect(body.count == r.segments.count * 2)
        #expect(body.allSatisfy { $0.count == 8 })
        let starts = body.compactMap { Double($0[0]) }, ends = body.compactMap { Double($0[1]) }
        #expect(starts.min() == 0)
        #expect(abs((ends.max() ?? 0) - r.features.duration) < 0.05)
        // The windows tile the query with no gaps.
        let windows = r.segments.map { ($0.queryStart, $0.queryEnd) }
        #expect(zip(windows, windows.dropFirst()).allSatisfy { $1.0 <= $0.1 })
        // A window of a catalog track finds that track's own segment first.
        #expect(body.first?[4] == "bossa-110.wav" && Double(body.first?[7] ?? "1") ?? 1 < 1e-3)
    }

    @Test func legacyCSVHasTheOriginalShape() throws {
        let (dataset, output) = try Self.catalog
        let query = try CatalogQuery(catalog: output)
        let r = try query.run(file: dataset.appendingPathComponent("rock-90.wav").path, topK: 100, bottomK: 0)
        let rows = CSVReader.parse(try query.legacyCSV(r))
        #expect(rows[0] == ["Cluster", "Song"])
        #expect(rows.count == 1 + 21) // the catalog has 21 tracks, fewer than 100
        #expect(rows.dropFirst().allSatisfy { $0.count == 2 && (Int($0[0]).map { (0..<10).contains($0) } ?? false) })
        // With 100 or more tracks there are exactly 100 rows and 10 clusters.
        var rng = SplitMix64(seed: 3)
        let points = (0..<150).map { i in (0..<8).map { d in Float(rng.gaussian() * 0.1) + Float((i % 10) == d % 10 ? 1 : 0) } }
        let labels = LegacyClusters.kmeans(Array(points.prefix(100)), k: 10, seed: 42)
        let csv = CSVReader.parse(LegacyClusters.csv(files: (0..<100).map { "song\($0).mp3" }, labels: labels))
        #expect(csv.count == 101 && csv.allSatisfy { $0.count == 2 })
        #expect(Set(labels).count == 10)
        #expect(labels == LegacyClusters.kmeans(Array(points.prefix(100)), k: 10, seed: 42))
    }

    @Test func missingOrIncompatibleCatalogsAreRefused() throws {
        let (_, output) = try Self.catalog
        do {
            _ = try CatalogQuery(catalog: TestDataset.temporaryDirectory("nothing"))
            Issue.record("opened a folder that is no catalog")
        } catch {
            #expect("\(error)".contains("backbeat build"))
        }
        // A catalog from another version: copy it and change the model's format version.
        let copy = TestDataset.temporaryDirectory("old")
        try FileManager.default.removeItem(at: copy)
        try FileManager.default.copyItem(at: output, to: copy)
        let modelURL = copy.appendingPathComponent("data/model.json")
        let text = try String(contentsOf: modelURL, encoding: .utf8)
            .replacingOccurrences(of: "\"format_version\":\(StoredModel.formatVersion)", with: "\"format_version\":99")
        try text.write(to: modelURL, atomically: true, encoding: .utf8)
        try CatalogManifest.describe(folder: copy, generator: "test").write(into: copy) // only the version differs
        do {
            _ = try CatalogQuery(catalog: copy)
            Issue.record("opened a catalog of another format")
        } catch {
            #expect("\(error)".contains("rebuild") && "\(error)".contains("format 99"), "\(error)")
        }
        // A damaged index is refused too.
        try FileManager.default.removeItem(at: copy)
        try FileManager.default.copyItem(at: output, to: copy)
        let idx = copy.appendingPathComponent("data/catalog.idx")
        try Data(contentsOf: idx).prefix(100).write(to: idx)
        #expect(throws: CatalogError.self) { _ = try CatalogQuery(catalog: copy) }
    }
}
