import Foundation
import Testing
@testable import Catalog

/// A rebuild with nothing changed notices it and touches nothing; any change to the dataset, the
/// options or the catalog itself makes it build, and the result equals a fresh build.
@Suite struct UpToDateTests {
    func options(_ out: URL, _ dataset: URL) -> BuildOptions {
        var o = BuildOptions(dataset: dataset, output: out)
        o.topK = 3
        o.bottomK = 2
        return o
    }

    /// A catalog from before sharding (flat `plots/<id>-*.png`): the next build moves to the sharded
    /// layout, carries the plots over by hard link instead of drawing them, leaves no flat file, and
    /// equals a fresh build.
    @Test func aFlatCatalogMovesToShardsWithoutRedrawing() throws {
        let dataset = try TestDataset.make(seconds: 6)
        let out = TestDataset.temporaryDirectory("flat")
        try TestDataset.build(out, dataset: dataset)
        let fm = FileManager.default
        var inodes: [String: NSNumber] = [:]
        for path in try fm.subpathsOfDirectory(atPath: out.appendingPathComponent("plots").path) where path.contains("/") {
            let flat = "plots/" + (path as NSString).lastPathComponent
            try fm.moveItem(at: out.appendingPathComponent("plots/" + path), to: out.appendingPathComponent(flat))
            inodes[flat] = try fm.attributesOfItem(atPath: out.appendingPathComponent(flat).path)[.systemFileNumber] as? NSNumber
        }
        #expect(inodes.count == 2 * TestDataset.good.count)
        try CatalogManifest.describe(folder: out, generator: CatalogBuilder.generator).write(into: out)
        try TestDataset.build(out, dataset: dataset)
        for (flat, inode) in inodes {
            #expect(!fm.fileExists(atPath: out.appendingPathComponent(flat).path), "\(flat) left behind")
            let name = (flat as NSString).lastPathComponent
            let kind = name.hasSuffix("-mfcc.png") ? "mfcc" : "tempo"
            let id = String(name.dropLast("-\(kind).png".count))
            let sharded = out.appendingPathComponent(CatalogPaths.plot(id, kind: kind))
            #expect(try fm.attributesOfItem(atPath: sharded.path)[.systemFileNumber] as? NSNumber == inode, "\(flat): carried over, not redrawn")
        }
        try TestDataset.expectEqualsFreshBuild(out, dataset: dataset, "a flat catalog rebuilt")
    }

    @Test func unchangedDatasetIsUpToDateAndNothingIsWritten() throws {
        let dataset = try TestDataset.make(seconds: 6)
        let out = TestDataset.temporaryDirectory("uptodate")
        let built = try TestDataset.build(out, dataset: dataset)
        let before = TestDataset.snapshot(out)
        let current = try #require(CatalogBuilder(options: options(out, dataset)).upToDate())
        #expect(current.tracks == built.tracks && current.skipped.count == built.skipped.count)
        #expect(current.inputsKey?.count == 64)
        #expect(TestDataset.snapshot(out) == before, "checking writes nothing")
        // The key is what build.json records, and a second build of the same inputs records the same.
        let json = try String(contentsOf: out.appendingPathComponent("data/build.json"), encoding: .utf8)
        #expect(json.contains("\"inputs\":\"\(current.inputsKey ?? "-")\""))
    }

    @Test func anyChangeMeansABuildThatEqualsAFreshOne() throws {
        let dataset = try TestDataset.make(seconds: 6)
        let out = TestDataset.temporaryDirectory("changes")
        try TestDataset.build(out, dataset: dataset)
        let o = options(out, dataset)
        #expect(CatalogBuilder(options: o).upToDate() != nil)
        // Other options: another k, another site.
        var other = o
        other.topK = 4
        #expect(CatalogBuilder(options: other).upToDate() == nil)
        other = o
        other.outputKey = "site=none"
        #expect(CatalogBuilder(options: other).upToDate() == nil)
        // --strict on a catalog that skipped files must build (and fail) again.
        other = o
        other.strict = true
        #expect(CatalogBuilder(options: other).upToDate() == nil)
        #expect(!CatalogBuilder.executableDigest.isEmpty)
        // A catalog file gone: not intact.
        let plot = try #require(FileManager.default.subpathsOfDirectory(atPath: out.appendingPathComponent("plots").path).sorted()
            .first { $0.hasSuffix("-tempo.png") })
        let plotURL = out.appendingPathComponent("plots/\(plot)")
        let saved = try Data(contentsOf: plotURL)
        try FileManager.default.removeItem(at: plotURL)
        #expect(CatalogBuilder(options: o).upToDate() == nil)
        try saved.write(to: plotURL)
        #expect(CatalogBuilder(options: o).upToDate() != nil)
        // A dataset file with new content (same name), then a file added: both need a build, and
        // the incremental build equals a fresh one.
        try FileManager.default.removeItem(at: dataset.appendingPathComponent("rock/rock one.wav"))
        try FileManager.default.copyItem(at: dataset.appendingPathComponent("日本語/funk.wav"),
                                         to: dataset.appendingPathComponent("rock/rock one.wav"))
        #expect(CatalogBuilder(options: o).upToDate() == nil)
        try FileManager.default.copyItem(at: dataset.appendingPathComponent("rock/rock two.flac"),
                                         to: dataset.appendingPathComponent("waltz/again.flac"))
        #expect(CatalogBuilder(options: o).upToDate() == nil)
        let rebuilt = try TestDataset.build(out, dataset: dataset)
        #expect(rebuilt.extracted == 0, "both contents are in the cache")
        #expect(CatalogBuilder(options: o).upToDate() != nil)
        try TestDataset.expectEqualsFreshBuild(out, dataset: dataset, "after a changed and an added file")
    }
}
