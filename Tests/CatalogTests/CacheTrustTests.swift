import Catalog
import Foundation
import Support
import Testing

/// The feature cache is never trusted for the wrong content (issue #15, class 2).
@Suite(.serialized) struct CacheTrustTests {
    let fm = FileManager.default

    @discardableResult
    func build(_ output: URL, dataset: URL, configure: (inout BuildOptions) -> Void = { _ in },
               events: @escaping @Sendable (BuildEvent) -> Void = { _ in }) throws -> BuildReport {
        try TestDataset.build(output, dataset: dataset, configure: configure, events: events)
    }

    func entries(_ cache: URL) throws -> [String] {
        try fm.contentsOfDirectory(atPath: cache.path).filter { $0.hasSuffix(".bin") }.sorted()
    }

    /// A file rewritten between hashing and decoding: its features are neither stored under the
    /// old content's key nor used; after the file is restored, the catalog equals a fresh build.
    @Test func aFileRewrittenDuringTheBuildPoisonsNothing() throws {
        let dataset = try TestDataset.make(seconds: 6)
        let out = TestDataset.temporaryDirectory("race")
        let victim = dataset.appendingPathComponent("rock/rock two.flac")
        let original = try Data(contentsOf: victim)
        let other = try Data(contentsOf: dataset.appendingPathComponent("waltz/waltz two.flac"))
        // Rewrite the file once every file is hashed and before any is decoded.
        let report = try build(out, dataset: dataset, events: { event in
            if case .hashed(let done, let total) = event, done == total { try? other.write(to: victim) }
        })
        let reason = try #require(report.skipped.first { $0.file == "rock/rock two.flac" }?.reason)
        #expect(reason.contains("changed while it was being read"))
        try original.write(to: victim)
        try build(out, dataset: dataset)
        try TestDataset.expectEqualsFreshBuild(out, dataset: dataset, "the restored file must get its own features")
    }

    /// Entries are named by SHA-256 of the content, and each carries its own key: two entries swapped
    /// on disk are both recomputed, and the result equals a fresh build.
    @Test func swappedEntriesAreRecomputed() throws {
        let dataset = try TestDataset.make(seconds: 6)
        let out = TestDataset.temporaryDirectory("swapentries")
        try build(out, dataset: dataset)
        let cache = out.appendingPathComponent(".cache")
        let names = try entries(cache)
        #expect(names.count == TestDataset.good.count)
        let hash = try ContentHash.of(path: dataset.appendingPathComponent("rock/rock one.wav").path)
        #expect(names.contains { $0.hasPrefix(hash + "-f") })
        #expect(names.allSatisfy { ContentHash.isHex(String($0.prefix(64))) })
        let a = cache.appendingPathComponent(names[0]), b = cache.appendingPathComponent(names[1])
        let t = cache.appendingPathComponent("t")
        try fm.moveItem(at: a, to: t)
        try fm.moveItem(at: b, to: a)
        try fm.moveItem(at: t, to: b)
        let again = try build(out, dataset: dataset)
        #expect(again.extracted == 2)
        try TestDataset.expectEqualsFreshBuild(out, dataset: dataset, "swapped entries must not be trusted")
    }

    @Test func sha256MatchesTheStandardVectors() throws {
        #expect(ContentHash.of(bytes: Array("abc".utf8)) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(ContentHash.of(bytes: [UInt8]()) == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        let url = TestDataset.temporaryDirectory("sha").appendingPathComponent("big")
        let bytes = (0..<(3 << 18) + 5).map { UInt8(truncatingIfNeeded: $0 &* 31) } // spans several reads
        try Data(bytes).write(to: url)
        #expect(try ContentHash.of(path: url.path) == ContentHash.of(bytes: bytes))
    }

    /// Entries of contents no file has any more, and entries of the old 64-bit-hash format, are
    /// pruned; other files in the cache folder stay.
    @Test func staleEntriesArePruned() throws {
        let dataset = try TestDataset.make(seconds: 6)
        let out = TestDataset.temporaryDirectory("prune")
        let cache = TestDataset.temporaryDirectory("prune-cache")
        try build(out, dataset: dataset) { $0.cache = cache }
        let legacy = cache.appendingPathComponent("0123456789abcdef-f8-0123456789ab.bin")
        try Data("BBCACHE3".utf8).write(to: legacy)
        try Data("keep".utf8).write(to: cache.appendingPathComponent("README.txt"))
        let gone = try ContentHash.of(path: dataset.appendingPathComponent("rock/rock two.flac").path)
        try fm.removeItem(at: dataset.appendingPathComponent("rock/rock two.flac"))
        try build(out, dataset: dataset) { $0.cache = cache }
        let names = try entries(cache)
        #expect(names.count == TestDataset.good.count - 1)
        #expect(!names.contains { $0.hasPrefix(gone) })
        #expect(!fm.fileExists(atPath: legacy.path))
        #expect(fm.fileExists(atPath: cache.appendingPathComponent("README.txt").path))
    }

    /// A `--cache` folder inside the output is the user's entry there: it survives each build and
    /// serves the next one.
    @Test func aCacheInsideTheOutputSurvives() throws {
        let dataset = try TestDataset.make(seconds: 6)
        let out = TestDataset.temporaryDirectory("cacheinside").appendingPathComponent("catalog")
        let cache = out.appendingPathComponent("features-cache")
        let first = try build(out, dataset: dataset) { $0.cache = cache }
        let second = try build(out, dataset: dataset) { $0.cache = cache }
        #expect(first.extracted == TestDataset.good.count && second.extracted == 0)
        #expect(try entries(cache).count == TestDataset.good.count)
        let manifest = try #require(try CatalogManifest.read(folder: out))
        #expect(!manifest.files.contains { $0.path.hasPrefix("features-cache/") })
    }

    /// A truncated plot in the previous catalog is drawn again, never carried forward.
    @Test func damagedPlotsAreRedrawn() throws {
        let dataset = try TestDataset.make(seconds: 6)
        let out = TestDataset.temporaryDirectory("plots")
        try build(out, dataset: dataset)
        let plots = try fm.subpathsOfDirectory(atPath: out.appendingPathComponent("plots").path).filter { $0.hasSuffix("-mfcc.png") }.sorted()
        let damaged = out.appendingPathComponent("plots/" + plots[0])
        let good = try Data(contentsOf: damaged)
        try good.prefix(good.count / 2).write(to: damaged)
        var flipped = try Data(contentsOf: out.appendingPathComponent("plots/" + plots[1]))
        flipped[flipped.count / 2] ^= 0xFF
        try flipped.write(to: out.appendingPathComponent("plots/" + plots[1]))
        try build(out, dataset: dataset)
        #expect(try Data(contentsOf: damaged) == good)
        // The damaged files were not Backbeat's any more: they are kept beside, never deleted.
        #expect(try Data(contentsOf: out.appendingPathComponent("plots/\(plots[0]).edited")) == good.prefix(good.count / 2))
        #expect(try Data(contentsOf: out.appendingPathComponent("plots/\(plots[1]).edited")) == flipped)
        for name in plots.prefix(2) { try fm.removeItem(at: out.appendingPathComponent("plots/\(name).edited")) }
        try TestDataset.expectEqualsFreshBuild(out, dataset: dataset, "damaged plots must be redrawn")
    }

    /// The path index is checksummed: hashes swapped by hand (or damage) drop the index, every file
    /// is hashed again and gets its own features; an index that cannot be saved is a warning.
    @Test func aTamperedPathIndexIsDropped() throws {
        let dataset = try TestDataset.make(seconds: 6)
        let out = TestDataset.temporaryDirectory("pathindex")
        try build(out, dataset: dataset)
        let index = out.appendingPathComponent(".cache/paths.json")
        var text = try String(contentsOf: index, encoding: .utf8)
        let rock = try ContentHash.of(path: dataset.appendingPathComponent("rock/rock one.wav").path)
        let waltz = try ContentHash.of(path: dataset.appendingPathComponent("waltz/waltz two.flac").path)
        text = text.replacingOccurrences(of: rock, with: "X").replacingOccurrences(of: waltz, with: rock).replacingOccurrences(of: "X", with: waltz)
        try Data(text.utf8).write(to: index)
        try build(out, dataset: dataset)
        try TestDataset.expectEqualsFreshBuild(out, dataset: dataset, "a tampered path index must not swap features")
        try fm.removeItem(at: index)
        try fm.createDirectory(at: index, withIntermediateDirectories: true)
        let warnings = Warnings()
        try build(out, dataset: dataset, events: { if case .warning(let text) = $0 { warnings.add(text) } })
        #expect(warnings.items.contains { $0.contains("path index") })
    }

    /// A shared cache whose path index is damaged loses no entry: without a trustworthy index
    /// nothing can be known unused, so nothing is pruned.
    @Test func aDamagedPathIndexPrunesNothing() throws {
        let a = try TestDataset.make(seconds: 6), b = try TestDataset.make(seconds: 6)
        try fm.removeItem(at: b.appendingPathComponent("rock"))
        let cache = TestDataset.temporaryDirectory("shared-cache")
        try build(TestDataset.temporaryDirectory("sa"), dataset: a) { $0.cache = cache }
        let before = try entries(cache)
        try Data("garbage".utf8).write(to: cache.appendingPathComponent("paths.json"))
        try build(TestDataset.temporaryDirectory("sb"), dataset: b) { $0.cache = cache }
        #expect(Set(before).isSubset(of: Set(try entries(cache))), "entries of the other dataset were pruned")
    }

    /// A first build that failed with `--cache` inside the output leaves only the cache there; the
    /// next build takes the folder.
    @Test func anOutputHoldingOnlyItsCacheIsTaken() throws {
        let dataset = try TestDataset.make(seconds: 6)
        let out = TestDataset.temporaryDirectory("onlycache").appendingPathComponent("catalog")
        #expect(throws: CatalogError.self) { try build(out, dataset: dataset) { $0.cache = out.appendingPathComponent("data/cc"); $0.strict = true } }
        #expect(fm.fileExists(atPath: out.appendingPathComponent("data/cc").path))
        let report = try build(out, dataset: dataset) { $0.cache = out.appendingPathComponent("data/cc") }
        #expect(report.tracks == TestDataset.good.count && report.extracted == 0)
    }

    /// A cache folder that cannot be one (a file of that name) is one clear error.
    @Test func aCacheThatIsAFileIsOneClearError() throws {
        let dataset = try TestDataset.make(seconds: 6)
        let base = TestDataset.temporaryDirectory("cachefile")
        let file = base.appendingPathComponent("cache")
        try Data("x".utf8).write(to: file)
        do {
            try build(base.appendingPathComponent("out"), dataset: dataset) { $0.cache = file }
            Issue.record("built with a file as the cache")
        } catch {
            let text = ErrorText.line(error)
            #expect(text.contains(file.path) && !text.contains("NSCocoaErrorDomain") && !text.contains("\n"), "\(text)")
        }
    }
}

/// Warnings collected from build events (which arrive on worker threads).
final class Warnings: @unchecked Sendable {
    private let lock = NSLock()
    private var stored: [String] = []
    var items: [String] { lock.withLock { stored } }
    func add(_ text: String) { lock.withLock { stored.append(text) } }
}
