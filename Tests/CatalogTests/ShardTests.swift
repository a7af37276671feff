import Catalog
import Dispatch
import Foundation
import Support
import Testing

@Suite("Shards: the split and the engines' variables")
struct ShardSplitTests {
    @Test func everyFileIsInExactlyOneShard() throws {
        let paths = (0..<2_000).map { "folder \($0 % 7)/track \($0).flac" } + ["日本語/曲.mp3", "a", ""]
        for n in 1...9 {
            let shards = try (0..<n).map { try Shard(index: $0, count: n) }
            var sizes = [Int](repeating: 0, count: n)
            for p in paths {
                let owners = shards.filter { $0.contains(p) }
                #expect(owners.count == 1, "\(p) in \(owners.count) of \(n) shards")
                sizes[owners.first!.index] += 1
            }
            // A hash split: every shard within 25 % of an equal share of 2,003 files.
            let share = Double(paths.count) / Double(n)
            #expect(sizes.allSatisfy { abs(Double($0) - share) < 0.25 * share }, "shard sizes \(sizes) for \(n)")
        }
    }

    @Test func theSplitIsPinned() {
        // The split must never change between versions, or shards of one run with two binaries
        // would miss files: these are SHA-256 prefixes of the paths, mod the count.
        // (Computed independently: Python's hashlib.sha256(path.encode()).digest()[:8], big-endian.)
        let expected = [("a", 1000, 250), ("rock/rock one.wav", 4, 3), ("日本語/funk.wav", 7, 4)]
        for (path, n, slot) in expected { #expect(Shard.slot(of: path, count: n) == slot, "\(path) mod \(n)") }
    }

    @Test func parsesIOverN() throws {
        #expect(try Shard(parsing: "0/4") == Shard(index: 0, count: 4))
        #expect(try Shard(parsing: "3/4").description == "3/4")
        for bad in ["4/4", "-1/4", "1/0", "1", "a/b", "1/2/3", ""] {
            #expect(throws: CatalogError.self, "\(bad)") { try Shard(parsing: bad) }
        }
    }

    @Test func readsSlurmArrays() throws {
        #expect(try Shard.fromEnvironment(["SLURM_ARRAY_TASK_ID": "2", "SLURM_ARRAY_TASK_COUNT": "4", "SLURM_ARRAY_TASK_MIN": "0",
                                           "SLURM_ARRAY_TASK_MAX": "3"]) == Shard(index: 2, count: 4))
        // An array numbered from 1.
        #expect(try Shard.fromEnvironment(["SLURM_ARRAY_TASK_ID": "1", "SLURM_ARRAY_TASK_MIN": "1", "SLURM_ARRAY_TASK_MAX": "8"])
                == Shard(index: 0, count: 8))
        // With --shard-count the task id is the index: a retry of shard 2 alone is shard 2.
        #expect(try Shard.fromEnvironment(["SLURM_ARRAY_TASK_ID": "5"], count: 6) == Shard(index: 5, count: 6))
        #expect(try Shard.fromEnvironment(["SLURM_ARRAY_TASK_ID": "2", "SLURM_ARRAY_TASK_COUNT": "1", "SLURM_ARRAY_TASK_MIN": "2",
                                           "SLURM_ARRAY_TASK_MAX": "2"], count: 4) == Shard(index: 2, count: 4))
        #expect(throws: CatalogError.self) { try Shard.fromEnvironment(["SLURM_ARRAY_TASK_ID": "4"], count: 4) }
        // A stepped array is refused.
        #expect(throws: CatalogError.self) {
            try Shard.fromEnvironment(["SLURM_ARRAY_TASK_ID": "2", "SLURM_ARRAY_TASK_COUNT": "4", "SLURM_ARRAY_TASK_MIN": "0", "SLURM_ARRAY_TASK_MAX": "6"])
        }
        #expect(throws: CatalogError.self) { try Shard.fromEnvironment(["SLURM_ARRAY_TASK_ID": "2"]) }
        #expect(throws: CatalogError.self) { try Shard.fromEnvironment(["SLURM_ARRAY_TASK_ID": "two", "SLURM_ARRAY_TASK_COUNT": "4"]) }
    }

    @Test func readsKubernetesIndexedJobs() throws {
        #expect(try Shard.fromEnvironment(["JOB_COMPLETION_INDEX": "3", "BACKBEAT_SHARD_COUNT": "8"]) == Shard(index: 3, count: 8))
        #expect(try Shard.fromEnvironment(["JOB_COMPLETION_INDEX": "3"], count: 4) == Shard(index: 3, count: 4))
        #expect(throws: CatalogError.self) { try Shard.fromEnvironment(["JOB_COMPLETION_INDEX": "3"]) }
        #expect(throws: CatalogError.self) { try Shard.fromEnvironment(["JOB_COMPLETION_INDEX": "4", "BACKBEAT_SHARD_COUNT": "4"]) }
        #expect(try Shard.fromEnvironment(["HOME": "/root"]) == nil)
    }
}

@Suite("Sharded extraction merged into one catalog")
struct ShardExtractionTests {
    static func options(_ dataset: URL, _ cache: URL, _ shard: Shard) -> ShardExtraction.Options {
        var o = ShardExtraction.Options(dataset: dataset, cache: cache, shard: shard)
        o.jobs = 1
        return o
    }

    /// Runs shards `0..<n` at once, each into `cache(i)`.
    static func extractAll(_ dataset: URL, count n: Int, cache: @escaping @Sendable (Int) -> URL) throws -> [ShardExtraction.Report] {
        let results = Results(count: n)
        DispatchQueue.concurrentPerform(iterations: n) { i in
            results.set(i, Result { try ShardExtraction.run(options(dataset, cache(i), try Shard(index: i, count: n))) })
        }
        return try results.values.map { try $0!.get() }
    }

    final class Results: @unchecked Sendable {
        private let lock = NSLock()
        private(set) var values: [Result<ShardExtraction.Report, any Error>?]
        init(count: Int) { values = Array(repeating: nil, count: count) }
        func set(_ i: Int, _ r: Result<ShardExtraction.Report, any Error>) { lock.lock(); values[i] = r; lock.unlock() }
    }

    @Test func sharedCacheMergesIntoTheSingleMachineCatalog() throws {
        let dataset = try TestDataset.make(seconds: 6)
        let cache = TestDataset.temporaryDirectory("shared-cache")
        let reports = try Self.extractAll(dataset, count: 3) { _ in cache }
        let files = TestDataset.good.count + TestDataset.bad.count
        #expect(reports.map(\.files).reduce(0, +) == files && reports.allSatisfy { $0.datasetFiles == files && $0.complete })
        #expect(reports.map { $0.skipped.count }.reduce(0, +) == TestDataset.bad.count) // broken, silent, short: listed with reasons
        #expect(reports.map(\.extracted).reduce(0, +) == TestDataset.good.count)
        // The files that cannot be analysed are remembered with their reasons, so the merge lists them without decoding.
        #expect(try FileManager.default.contentsOfDirectory(atPath: cache.path).filter { $0.hasSuffix(".skip") }.count == TestDataset.bad.count)
        for (i, r) in reports.enumerated() {
            let written = try JSONDecoder().decode(ShardExtraction.Report.self,
                                                   from: Data(contentsOf: ShardExtraction.reportURL(shard: try Shard(index: i, count: 3), cache: cache)))
            #expect(written == r)
        }
        // A retried shard finds its work done.
        let again = try ShardExtraction.run(Self.options(dataset, cache, try Shard(index: 1, count: 3)))
        #expect(again.extracted == 0 && again.cached == reports[1].files - reports[1].skipped.count)

        let merged = TestDataset.temporaryDirectory("merged")
        let report = try TestDataset.build(merged, dataset: dataset) { $0.cache = cache; $0.requireCached = true }
        #expect(report.extracted == 0 && report.tracks == TestDataset.good.count)
        try TestDataset.expectEqualsFreshBuild(merged, dataset: dataset, "merged from three shards sharing one cache")
    }

    @Test func ownFoldersMergeWithCacheFromAndMissingShardsAreNamed() throws {
        let dataset = try TestDataset.make(seconds: 6)
        let root = TestDataset.temporaryDirectory("own-caches")
        let folders = (0..<3).map { root.appendingPathComponent("shard-\($0)") }
        _ = try Self.extractAll(dataset, count: 3) { folders[$0] }
        // A killed writer's leftovers: a temporary entry and a temporary plot.
        try Data("half".utf8).write(to: folders[0].appendingPathComponent(".x-f9-000000000000.bin.999999999.ABCDEF12.tmp"))
        try FileManager.default.createDirectory(at: folders[0].appendingPathComponent("plots"), withIntermediateDirectories: true)
        try Data("half".utf8).write(to: folders[0].appendingPathComponent("plots/.x.png.999999999.ABCDEF12.tmp"))

        // Without shard 2, --require-cached fails and names its files.
        let missing = try TestDataset.good.map(\.0).filter { try Shard(index: 2, count: 3).contains($0) }
        #expect(!missing.isEmpty)
        let merged = TestDataset.temporaryDirectory("merged-from")
        do {
            try TestDataset.build(merged, dataset: dataset) { $0.cacheFrom = Array(folders[0..<2]); $0.requireCached = true }
            Issue.record("a build missing a shard's cache should fail under --require-cached")
        } catch let error as CatalogError {
            #expect(error.kind == .cache && missing.allSatisfy { error.reason.contains($0) }, "\(error)")
        }
        // A merge with another --max-seconds than the shards' says so, not "no cache has …".
        do {
            try TestDataset.build(merged, dataset: dataset) { $0.cacheFrom = folders; $0.requireCached = true; $0.maxSeconds = 300 }
            Issue.record("a merge with other extraction parameters should fail under --require-cached")
        } catch let error as CatalogError {
            #expect(error.reason.contains("other parameters") && error.reason.contains("--max-seconds"), "\(error)")
        }
        try TestDataset.build(merged, dataset: dataset) { $0.cacheFrom = folders; $0.requireCached = true }
        try TestDataset.expectEqualsFreshBuild(merged, dataset: dataset, "merged from three shards' own folders")
        // The fallbacks were read, not written; the build's own cache took copies.
        #expect(FileManager.default.fileExists(atPath: folders[0].appendingPathComponent(".x-f9-000000000000.bin.999999999.ABCDEF12.tmp").path))
        let own = merged.appendingPathComponent(".cache")
        #expect(try FileManager.default.contentsOfDirectory(atPath: own.path).filter { $0.hasSuffix(".bin") }.count == TestDataset.good.count)
    }

    @Test func damagedEntriesAndPlotsInAShardAreNotTrusted() throws {
        let dataset = try TestDataset.make(seconds: 6)
        let cache = TestDataset.temporaryDirectory("damaged-shard")
        _ = try Self.extractAll(dataset, count: 1) { _ in cache }
        let fm = FileManager.default
        let entries = try fm.contentsOfDirectory(atPath: cache.path).filter { $0.hasSuffix(".bin") }.sorted()
        let plots = try fm.contentsOfDirectory(atPath: cache.appendingPathComponent("plots").path).filter { $0.hasSuffix(".png") }.sorted()
        #expect(entries.count == TestDataset.good.count && plots.count == 2 * TestDataset.good.count)
        // Flip a byte of one entry and truncate one plot.
        var entry = try Data(contentsOf: cache.appendingPathComponent(entries[0]))
        entry[entry.count / 2] ^= 0xFF
        try entry.write(to: cache.appendingPathComponent(entries[0]))
        let plot = cache.appendingPathComponent("plots/" + plots[0])
        try Data(contentsOf: plot).prefix(100).write(to: plot)

        let merged = TestDataset.temporaryDirectory("merged-damaged")
        let report = try TestDataset.build(merged, dataset: dataset) { $0.cacheFrom = [cache] }
        #expect(report.extracted == 1) // the damaged entry's content, analysed again
        try TestDataset.expectEqualsFreshBuild(merged, dataset: dataset, "a shard cache with a damaged entry and plot")
        #expect(fm.fileExists(atPath: cache.appendingPathComponent(entries[0]).path), "a --cache-from folder is never written")
    }
}

@Suite("A cache shared by machines: what a build may prune")
struct SharedCachePruneTests {
    @Test func temporaryFilesOfOtherMachinesAndRunningShardsStay() throws {
        let dataset = try TestDataset.make(seconds: 6)
        let cache = TestDataset.temporaryDirectory("shared-prune")
        let output = TestDataset.temporaryDirectory("shared-prune-out")
        try TestDataset.build(output, dataset: dataset) { $0.cache = cache } // a path index, so the next build prunes
        let fm = FileManager.default
        func temp(_ name: String, age: TimeInterval) throws -> URL {
            let url = cache.appendingPathComponent(name)
            try Data("half".utf8).write(to: url)
            try fm.setAttributes([.modificationDate: Date().addingTimeInterval(-age)], ofItemAtPath: url.path)
            return url
        }
        let deadHere = try temp(".a.bin.\(Platform.hostTag).999999999.AAAAAAAA.tmp", age: 60)
        let elsewhereRecent = try temp(".b.bin.0badc0de.1.BBBBBBBB.tmp", age: 3_600)   // a shard on another node, PID 1 in its container
        let elsewhereOld = try temp(".c.bin.0badc0de.1.CCCCCCCC.tmp", age: 2 * 86_400)

        // While an extract holds the folder (any machine), nothing is pruned.
        let fd = open(cache.appendingPathComponent(".extract.lock").path, O_RDWR | O_CREAT, 0o644)
        #expect(fd >= 0 && flock(fd, LOCK_SH) == 0)
        try TestDataset.build(output, dataset: dataset) { $0.cache = cache }
        #expect(fm.fileExists(atPath: deadHere.path) && fm.fileExists(atPath: elsewhereOld.path), "pruned while a shard was extracting")
        close(fd)

        try TestDataset.build(output, dataset: dataset) { $0.cache = cache }
        #expect(!fm.fileExists(atPath: deadHere.path), "a dead writer of this machine leaves nothing")
        #expect(fm.fileExists(atPath: elsewhereRecent.path), "another machine's writer may still be running")
        #expect(!fm.fileExists(atPath: elsewhereOld.path), "another machine's temporary file untouched for a day is gone")
    }
}
