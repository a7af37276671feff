import AudioIO
import Catalog
import Foundation
import Testing

/// `backbeat build` end to end on a small synthesised dataset with hostile names and bad files.
@Suite(.serialized) struct BuildEndToEndTests {
    /// Made once; a failure fails every test that uses it, with its own message.
    static let shared = Result { try TestDataset.make() }

    func build(_ output: URL, dataset: URL? = nil, configure: (inout BuildOptions) -> Void = { _ in },
               finish: (URL, CatalogDocument, BuildReport) throws -> Void = { _, _, _ in }) throws -> BuildReport {
        try TestDataset.build(output, dataset: dataset ?? Self.shared.get(), configure: configure, finish: finish)
    }

    @Test func outputsAreCompleteAndValid() throws {
        let out = TestDataset.temporaryDirectory("out")
        let report = try build(out)
        #expect(report.tracks == TestDataset.good.count)
        #expect(Set(report.skipped.map(\.file)) == Set(TestDataset.bad))
        #expect(report.skipped.first { $0.file == "silent.wav" }?.reason.contains("silent") == true)
        #expect(report.skipped.first { $0.file == "short.wav" }?.reason.contains("too short") == true)

        // neighbours.json: parses, validates against the shipped schema, lists every track once.
        let data = out.appendingPathComponent("data")
        let json = try JSONSerialization.jsonObject(with: Data(contentsOf: data.appendingPathComponent("neighbours.json")))
        let schema = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: data.appendingPathComponent("neighbours.schema.json"))) as? [String: Any])
        let violations = SchemaValidator(root: schema).validate(json)
        #expect(violations.isEmpty, "\(violations.prefix(5))")
        let doc = try JSONDecoder().decode(CatalogDocument.self, from: Data(contentsOf: data.appendingPathComponent("neighbours.json")))
        #expect(doc.tracks.map(\.file) == TestDataset.good.map(\.0).sorted { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) })
        let ids = Set(doc.tracks.map(\.id))
        #expect(ids.count == doc.tracks.count)
        for t in doc.tracks {
            #expect(t.id.allSatisfy { $0.isASCII && ($0.isLowercase || $0.isNumber || $0 == "-") })
            #expect(t.top.count == 3 && t.bottom.count == 2)
            #expect(!t.top.contains { $0.id == t.id } && !t.bottom.contains { $0.id == t.id })
            #expect(t.top.allSatisfy { ids.contains($0.id) })
            #expect(zip(t.top, t.top.dropFirst()).allSatisfy { $0.score >= $1.score }, "top lists are ranked by the hub-corrected score")
            #expect(zip(t.bottom, t.bottom.dropFirst()).allSatisfy { $0.distance >= $1.distance })
            #expect((t.top.last?.distance ?? 0) <= (t.bottom.first?.distance ?? 2))
        }
        // Tags come through; the formula-looking artist is neutralised in CSV, not in JSON.
        let tagged = try #require(doc.tracks.first { $0.file == "rock/rock one.wav" })
        #expect(tagged.title == "Rock \"One\" & <b>friends</b>")
        #expect(tagged.artist == "=cmd|' /C calc'!A0")

        // CSVs parse back with their headers and one row per track / neighbour.
        let tracks = CSVReader.parse(try String(contentsOf: data.appendingPathComponent("tracks.csv"), encoding: .utf8))
        #expect(Array(tracks[0].prefix(7)) == ["id", "file", "title", "artist", "duration_s", "tempo_bpm", "tempo_confidence"])
        #expect(tracks.count == doc.tracks.count + 1)
        #expect(tracks.allSatisfy { $0.count == tracks[0].count })
        let row = try #require(tracks.first { $0.count > 1 && $0[1] == "rock/rock one.wav" })
        #expect(row[3] == "'=cmd|' /C calc'!A0")
        #expect(row[2] == "Rock \"One\" & <b>friends</b>")
        let neighbours = CSVReader.parse(try String(contentsOf: data.appendingPathComponent("neighbours.csv"), encoding: .utf8))
        #expect(neighbours[0] == ["track_id", "kind", "rank", "neighbour_id", "distance", "score", "why_groove", "why_pulse", "why_tempo", "why_timbre", "why"])
        #expect(neighbours.count == 1 + doc.tracks.count * 5)
        let skipped = CSVReader.parse(try String(contentsOf: data.appendingPathComponent("skipped.csv"), encoding: .utf8))
        #expect(skipped[0] == ["file", "reason"] && skipped.count == 4)

        // vectors.npy: header, shape, unit rows.
        let npy = try Data(contentsOf: data.appendingPathComponent("vectors.npy"))
        #expect(Array(npy.prefix(6)) == [0x93] + Array("NUMPY".utf8))
        let headerLength = Int(npy[8]) | Int(npy[9]) << 8
        let header = String(decoding: npy[10..<(10 + headerLength)], as: UTF8.self)
        #expect((10 + headerLength) % 64 == 0)
        #expect(header.contains("'descr': '<f4'") && header.contains("'shape': (\(doc.tracks.count), "))
        let shape = try #require(header.range(of: #"\((\d+), (\d+)\)"#, options: .regularExpression).map { header[$0] })
        let dimension = Int(shape.dropFirst().split(separator: ",")[1].trimmingCharacters(in: .whitespaces).dropLast()) ?? 0
        #expect(dimension > 100)
        #expect(npy.count == 10 + headerLength + doc.tracks.count * dimension * 4)

        // Plots for every track and the catalog.
        for t in doc.tracks {
            #expect(FileManager.default.fileExists(atPath: out.appendingPathComponent(CatalogPaths.plot(t.id, kind: "mfcc")).path))
            #expect(FileManager.default.fileExists(atPath: out.appendingPathComponent(CatalogPaths.plot(t.id, kind: "tempo")).path))
        }
        #expect(FileManager.default.fileExists(atPath: out.appendingPathComponent("plots/catalog-map.png").path))
    }

    @Test func twoBuildsAreByteIdentical() throws {
        let a = TestDataset.temporaryDirectory("a"), b = TestDataset.temporaryDirectory("b")
        _ = try build(a)
        _ = try build(b)
        let sa = TestDataset.snapshot(a, excluding: ["data/build.json"]), sb = TestDataset.snapshot(b, excluding: ["data/build.json"])
        #expect(sa.count > 10)
        #expect(sa.keys.sorted() == sb.keys.sorted())
        for (k, v) in sa { #expect(sb[k] == v, "\(k) differs") }
    }

    @Test func rebuildsAreIncremental() throws {
        let dataset = try TestDataset.make(seconds: 6)
        let out = TestDataset.temporaryDirectory("inc")
        let first = try build(out, dataset: dataset)
        #expect(first.extracted == TestDataset.good.count)
        let second = try build(out, dataset: dataset)
        #expect(second.extracted == 0 && second.cached == TestDataset.good.count)
        // Add one file: only it is extracted.
        try FileManager.default.copyItem(at: dataset.appendingPathComponent("rock/rock one.wav"),
                                         to: dataset.appendingPathComponent("rock/rock three.wav"))
        let third = try build(out, dataset: dataset)
        #expect(third.tracks == TestDataset.good.count + 1)
        #expect(third.extracted == 0, "identical content is found in the cache by hash")
        // Remove a file: it leaves the catalog.
        try FileManager.default.removeItem(at: dataset.appendingPathComponent("rock/rock two.flac"))
        let fourth = try build(out, dataset: dataset)
        #expect(fourth.tracks == TestDataset.good.count)
        let doc = try JSONDecoder().decode(CatalogDocument.self, from: Data(contentsOf: out.appendingPathComponent("data/neighbours.json")))
        #expect(!doc.tracks.contains { $0.file == "rock/rock two.flac" })
    }

    /// The same bytes under two names in one fresh build: analysed once, two tracks with their
    /// own ids, titles and plots, and identical features.
    @Test func duplicateContentsAreAnalysedOnce() throws {
        let dataset = try TestDataset.make(seconds: 6)
        try FileManager.default.createDirectory(at: dataset.appendingPathComponent("again"), withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: dataset.appendingPathComponent("waltz/waltz two.flac"),
                                         to: dataset.appendingPathComponent("again/copy of waltz two.flac"))
        let out = TestDataset.temporaryDirectory("dup")
        let report = try build(out, dataset: dataset)
        #expect(report.tracks == TestDataset.good.count + 1)
        #expect(report.extracted == TestDataset.good.count && report.cached == 1)
        let doc = try JSONDecoder().decode(CatalogDocument.self, from: Data(contentsOf: out.appendingPathComponent("data/neighbours.json")))
        let pair = doc.tracks.filter { $0.file.hasSuffix("waltz two.flac") }
        try #require(pair.count == 2)
        #expect(pair[0].id != pair[1].id)
        #expect(pair[0].tempoBPM == pair[1].tempoBPM && pair[0].title != pair[1].title)
        for track in pair {
            for kind in ["mfcc", "tempo"] {
                #expect(FileManager.default.fileExists(atPath: out.appendingPathComponent(CatalogPaths.plot(track.id, kind: kind)).path))
            }
        }
    }

    /// Two files swap names (each keeps its id, gets the other's content, both cached): the
    /// rebuild gives exactly what a fresh build of the swapped dataset gives, plots included,
    /// even when another output sharing the cache was built in between.
    @Test func swappedFilesGetFreshPlots() throws {
        let dataset = try TestDataset.make(seconds: 6)
        let out = TestDataset.temporaryDirectory("swap"), other = TestDataset.temporaryDirectory("swap-other")
        let shared = TestDataset.temporaryDirectory("swap-cache")
        _ = try build(out, dataset: dataset) { $0.cache = shared }
        let fm = FileManager.default
        let a = dataset.appendingPathComponent("rock/rock two.flac"), b = dataset.appendingPathComponent("waltz/waltz two.flac")
        let t = dataset.appendingPathComponent("swap.tmp")
        try fm.moveItem(at: a, to: t)
        try fm.moveItem(at: b, to: a)
        try fm.moveItem(at: t, to: b)
        _ = try build(other, dataset: dataset) { $0.cache = shared }
        let again = try build(out, dataset: dataset) { $0.cache = shared }
        #expect(again.extracted == 0, "both contents are in the cache")
        try TestDataset.expectEqualsFreshBuild(out, dataset: dataset, "swapped files")
    }

    @Test func damagedCacheEntriesAreRecomputed() throws {
        let dataset = try TestDataset.make(seconds: 6)
        let out = TestDataset.temporaryDirectory("cache")
        _ = try build(out, dataset: dataset)
        let cache = out.appendingPathComponent(".cache")
        let entries = try FileManager.default.contentsOfDirectory(atPath: cache.path).filter { $0.hasSuffix(".bin") }.sorted()
        #expect(entries.count == TestDataset.good.count)
        // Flip a byte in one entry, truncate another.
        var bytes = try Data(contentsOf: cache.appendingPathComponent(entries[0]))
        bytes[bytes.count / 2] ^= 0x55
        try bytes.write(to: cache.appendingPathComponent(entries[0]))
        try Data(contentsOf: cache.appendingPathComponent(entries[1])).prefix(40).write(to: cache.appendingPathComponent(entries[1]))
        let again = try build(out, dataset: dataset)
        #expect(again.extracted == 2)
    }

    @Test func failedBuildLeavesThePreviousCatalogIntact() throws {
        let out = TestDataset.temporaryDirectory("intact")
        _ = try build(out)
        let before = TestDataset.snapshot(out)
        struct Interrupted: Error {}
        #expect(throws: Interrupted.self) {
            _ = try build(out, configure: { $0.topK = 4 }, finish: { _, _, _ in throw Interrupted() })
        }
        #expect(TestDataset.snapshot(out) == before)
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: out.deletingLastPathComponent().path)
            .filter { $0.hasPrefix(".\(out.lastPathComponent).staging") }
        #expect(leftovers.isEmpty)
    }

    /// `--max-seconds` bounds the analysed audio (and memory), not the reported duration.
    @Test func maxSecondsBoundsAnalysisNotDuration() throws {
        let out = TestDataset.temporaryDirectory("max")
        let report = try build(out, configure: { $0.maxSeconds = 5 })
        #expect(report.tracks == TestDataset.good.count)
        let doc = try JSONDecoder().decode(CatalogDocument.self, from: Data(contentsOf: out.appendingPathComponent("data/neighbours.json")))
        #expect(doc.parameters.maxSeconds == 5)
        #expect(doc.tracks.allSatisfy { abs($0.durationSeconds - 8) < 0.01 })
    }

    /// `-o` pointing at a folder of other files (say, ~/Documents) must never replace it.
    @Test func aForeignOutputFolderIsNeverReplaced() throws {
        let out = TestDataset.temporaryDirectory("foreign")
        try Data("my thesis".utf8).write(to: out.appendingPathComponent("thesis.txt"))
        #expect(throws: CatalogError.self) { _ = try build(out) }
        #expect(FileManager.default.contents(atPath: out.appendingPathComponent("thesis.txt").path) == Data("my thesis".utf8))
    }

    @Test func strictAndEmptyDatasetsFailClearly() throws {
        let out = TestDataset.temporaryDirectory("strict")
        #expect(throws: CatalogError.self) { _ = try build(out, configure: { $0.strict = true }) }
        let empty = TestDataset.temporaryDirectory("empty")
        do {
            _ = try build(TestDataset.temporaryDirectory("emptyout"), dataset: empty)
            Issue.record("an empty dataset built")
        } catch {
            #expect("\(error)".contains("no audio files"))
        }
    }
}
