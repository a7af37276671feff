import ArgumentParser
import Foundation

/// `bench-catalog --shards 1,2,4,8`: sharded extraction (issue #22). For each shard count N, every
/// shard runs in turn as `backbeat extract --shard i/N --jobs 2` (standing for one 2-core machine
/// each) into a fresh cache, then `build --require-cached` merges it. The projected wall time on N
/// machines is the slowest shard plus the merge. Each merged catalog is compared byte for byte with
/// a single-machine build (`SOURCE_DATE_EPOCH` set for both).
struct ShardBench {
    let backbeat: String
    static let epoch = ["SOURCE_DATE_EPOCH": "1700000000"]

    func run(dataset: URL, work: URL, counts: [Int], files: Int) throws {
        try? FileManager.default.removeItem(at: work)
        try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
        let single = work.appendingPathComponent("single")
        let baseline = try time(["build", dataset.path, "-o", single.path, "--cache", work.appendingPathComponent("single-cache").path,
                                 "--jobs", "2", "--quiet"])
        print(String(format: "%d files; single-machine build (2 cores, with site): %.1f s", files, baseline))
        print("\nshards  per shard s (min / median / max)  all shards s  merge s  projected wall on N machines s  speed-up  identical")
        var firstProjected: Double?
        for n in counts {
            let cache = work.appendingPathComponent("cache-\(n)"), output = work.appendingPathComponent("merged-\(n)")
            let times = try (0..<n).map { i in
                try time(["extract", dataset.path, "--cache", cache.path, "--shard", "\(i)/\(n)", "--jobs", "2", "--quiet"])
            }.sorted()
            let merge = try time(["build", dataset.path, "-o", output.path, "--cache", cache.path, "--require-cached", "--jobs", "2", "--quiet"])
            let projected = times.last! + merge
            firstProjected = firstProjected ?? projected
            let same = try identical(output, single)
            print(String(format: "%6d  %8.1f / %6.1f / %6.1f           %12.1f  %7.1f  %30.1f  %7.2f×  %@", n, times.first!, times[times.count / 2],
                         times.last!, times.reduce(0, +), merge, projected, firstProjected! / projected, same ? "yes" : "NO"))
        }
        print("(the shards run one after another here: 'projected' is what N machines with 2 cores each would take, given a shared file system that keeps up)")
    }

    /// Runs `backbeat arguments` and returns its wall time in seconds.
    func time(_ arguments: [String]) throws -> Double {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: backbeat)
        p.arguments = arguments
        p.environment = ProcessInfo.processInfo.environment.merging(Self.epoch) { $1 }
        p.standardOutput = FileHandle.nullDevice
        let start = Date()
        try p.run()
        p.waitUntilExit()
        guard p.terminationStatus == 0 else { throw ValidationError("backbeat \(arguments.joined(separator: " ")) failed (\(p.terminationStatus))") }
        return Date().timeIntervalSince(start)
    }

    /// Whether the two folders hold the same files with the same bytes.
    func identical(_ a: URL, _ b: URL) throws -> Bool {
        func files(_ root: URL) -> [String: Data] {
            var out: [String: Data] = [:]
            let walker = FileManager.default.enumerator(atPath: root.path)
            while let rel = walker?.nextObject() as? String {
                var isDir: ObjCBool = false
                if FileManager.default.fileExists(atPath: root.appendingPathComponent(rel).path, isDirectory: &isDir), !isDir.boolValue {
                    out[rel] = FileManager.default.contents(atPath: root.appendingPathComponent(rel).path)
                }
            }
            return out
        }
        return files(a) == files(b)
    }
}
