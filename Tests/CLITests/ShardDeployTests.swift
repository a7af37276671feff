import Catalog
import Foundation
import TestScratch
import Testing
import Yams

/// Sharded extraction through the batch engines' own interfaces (issue #22): the Kubernetes
/// manifests' protocol here, and a real Slurm cluster in ``SlurmArrayTests``. Each merges shards
/// into a catalog compared byte for byte with a single-machine build (`SOURCE_DATE_EPOCH` set).
enum ShardHarness {
    /// The repository's root (this file is `Tests/CLITests/…`).
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let epoch = "1700000000"

    /// Starts `backbeat arguments` in `folder` with `environment` added.
    static func start(_ arguments: [String], in folder: URL, environment: [String: String] = [:]) throws -> (Process, Pipe, Pipe) {
        let process = Process()
        process.executableURL = ErrorLineTests.binary
        process.arguments = arguments
        process.currentDirectoryURL = folder
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        return (process, out, err)
    }

    static func finish(_ p: (Process, Pipe, Pipe)) -> ErrorLineTests.Run {
        let o = p.1.fileHandleForReading.readDataToEndOfFile(), e = p.2.fileHandleForReading.readDataToEndOfFile()
        p.0.waitUntilExit()
        return .init(status: p.0.terminationStatus, stdout: String(decoding: o, as: UTF8.self), stderr: String(decoding: e, as: UTF8.self))
    }

    /// A demo dataset in a fresh folder, and a single-machine reference catalog of it (`single/`).
    static func dataset(_ name: String, perFamily: Int, seconds: Int = 6) throws -> URL {
        let root = Scratch.directory(name)
        for step in [["demo", "ds", "--per-family", "\(perFamily)", "--seconds", "\(seconds)"],
                     ["build", "ds", "-o", "single", "--cache", "single-cache", "--quiet"]] {
            let r = finish(try start(step, in: root, environment: ["SOURCE_DATE_EPOCH": epoch]))
            guard r.status == 0 else { throw ErrorLineTests.SetupFailure(description: "backbeat \(step.joined(separator: " ")): \(r.stderr)") }
        }
        return root
    }

    /// Every file below `root` (relative path → bytes).
    static func snapshot(_ root: URL) -> [String: Data] {
        var out: [String: Data] = [:]
        let walker = FileManager.default.enumerator(atPath: root.path)
        while let rel = walker?.nextObject() as? String {
            var isDir: ObjCBool = false
            let path = root.appendingPathComponent(rel).path
            if FileManager.default.fileExists(atPath: path, isDirectory: &isDir), !isDir.boolValue { out[rel] = FileManager.default.contents(atPath: path) }
        }
        return out
    }

    /// Expects `merged` to be byte-identical to `single`, file for file.
    static func expectIdentical(_ merged: URL, _ single: URL, _ comment: String, sourceLocation: SourceLocation = #_sourceLocation) {
        let a = snapshot(merged), b = snapshot(single)
        #expect(a.count > 20 && a.keys.sorted() == b.keys.sorted(), "\(comment): \(a.count) vs \(b.count) files", sourceLocation: sourceLocation)
        let differing = a.keys.filter { b[$0] != a[$0] }.sorted()
        #expect(differing.isEmpty, "\(comment): differ from the single-machine build: \(differing.prefix(5))", sourceLocation: sourceLocation)
    }
}

@Suite(.serialized) struct KubernetesIndexedJobTests {
    func manifest(_ name: String) throws -> [String: Any] {
        let text = try String(contentsOf: ShardHarness.repository.appendingPathComponent("deploy/kubernetes/\(name)"), encoding: .utf8)
        return try #require(try Yams.load(yaml: text) as? [String: Any], "\(name) is not a YAML mapping")
    }

    func container(_ job: [String: Any]) throws -> (pod: [String: Any], container: [String: Any]) {
        let spec = try #require(job["spec"] as? [String: Any])
        let pod = try #require((spec["template"] as? [String: Any])?["spec"] as? [String: Any])
        let containers = try #require(pod["containers"] as? [[String: Any]])
        #expect(containers.count == 1)
        return (pod, containers[0])
    }

    /// The manifests have what an Indexed Job and its merge need, and agree with each other.
    @Test func manifestsAreIndexedJobs() throws {
        let extract = try manifest("extract-job.yaml"), merge = try manifest("merge-job.yaml")
        for job in [extract, merge] {
            #expect(job["apiVersion"] as? String == "batch/v1" && job["kind"] as? String == "Job")
            #expect((job["metadata"] as? [String: Any])?["name"] as? String != nil)
        }
        let spec = try #require(extract["spec"] as? [String: Any])
        #expect(spec["completionMode"] as? String == "Indexed")
        let completions = try #require(spec["completions"] as? Int)
        #expect(completions >= 1 && (spec["parallelism"] as? Int ?? 1) <= completions)
        let (pod, box) = try container(extract)
        #expect(pod["restartPolicy"] as? String == "Never", "backoffLimitPerIndex needs restartPolicy Never")
        let env = try #require(box["env"] as? [[String: Any]])
        #expect(env.first { $0["name"] as? String == "BACKBEAT_SHARD_COUNT" }?["value"] as? String == "\(completions)",
                "BACKBEAT_SHARD_COUNT must equal completions")
        let command = try #require(box["command"] as? [String])
        #expect(Array(command.prefix(2)) == ["backbeat", "extract"] && command.contains("--cache"))
        let (mergePod, mergeBox) = try container(merge)
        let mergeCommand = try #require(mergeBox["command"] as? [String])
        #expect(Array(mergeCommand.prefix(2)) == ["backbeat", "build"] && mergeCommand.contains("--require-cached"))
        func value(_ c: [String], _ option: String) -> String? { c.firstIndex(of: option).map { c[$0 + 1] } }
        #expect(value(command, "--cache") == value(mergeCommand, "--cache") && value(command, "--max-seconds") == value(mergeCommand, "--max-seconds"))
        #expect(command[2] == mergeCommand[2], "both read the same dataset path")
        // Every mount names a declared volume, and both jobs mount the same cache claim.
        for (p, c) in [(pod, box), (mergePod, mergeBox)] {
            let volumes = try #require(p["volumes"] as? [[String: Any]])
            let names = Set(volumes.compactMap { $0["name"] as? String })
            let mounts = try #require(c["volumeMounts"] as? [[String: Any]])
            #expect(mounts.allSatisfy { names.contains($0["name"] as? String ?? "") })
        }
        func claim(_ p: [String: Any], _ name: String) -> String? {
            ((p["volumes"] as? [[String: Any]])?.first { $0["name"] as? String == name }?["persistentVolumeClaim"] as? [String: Any])?["claimName"] as? String
        }
        #expect(claim(pod, "cache") != nil && claim(pod, "cache") == claim(mergePod, "cache"))
        let claims = try String(contentsOf: ShardHarness.repository.appendingPathComponent("deploy/kubernetes/cache-claims.yaml"), encoding: .utf8)
        let declared = try Yams.load_all(yaml: claims).compactMap { (($0 as? [String: Any])?["metadata"] as? [String: Any])?["name"] as? String }
        #expect(declared.contains(claim(pod, "cache") ?? "-"), "the cache claim is declared in cache-claims.yaml")
    }

    /// The manifests' own commands, run as Kubernetes runs them: N processes at once with
    /// `JOB_COMPLETION_INDEX` against one cache folder, then the merge.
    @Test func indexedJobProtocolMergesByteIdentically() throws {
        let root = try ShardHarness.dataset("k8s", perFamily: 2)
        let (_, box) = try container(try manifest("extract-job.yaml"))
        let (_, mergeBox) = try container(try manifest("merge-job.yaml"))
        let count = try #require((try manifest("extract-job.yaml")["spec"] as? [String: Any])?["completions"] as? Int)
        // The pods' paths, mapped to folders of this test.
        let paths = ["/music": "ds", "/cache": "shared-cache", "/catalog/site": "merged"]
        func local(_ command: [String]) -> [String] { Array(command.dropFirst()).map { paths[$0] ?? $0 } }
        let running = try (0..<count).map { i in
            try ShardHarness.start(local(try #require(box["command"] as? [String])), in: root,
                                   environment: ["JOB_COMPLETION_INDEX": "\(i)", "BACKBEAT_SHARD_COUNT": "\(count)"])
        }
        let results = running.map(ShardHarness.finish)
        for (i, r) in results.enumerated() { #expect(r.status == 0 && r.stdout.contains("shard \(i)/\(count)"), "index \(i): \(r.stdout) \(r.stderr)") }
        let merged = ShardHarness.finish(try ShardHarness.start(local(try #require(mergeBox["command"] as? [String])), in: root,
                                                                environment: ["SOURCE_DATE_EPOCH": ShardHarness.epoch]))
        #expect(merged.status == 0, "\(merged.stderr)")
        #expect(merged.stdout.contains("(0 extracted"), "the merge analysed nothing: \(merged.stdout)")
        ShardHarness.expectIdentical(root.appendingPathComponent("merged"), root.appendingPathComponent("single"), "Indexed Job merge")
    }
}

/// A real Slurm cluster (`scripts/slurm-local start`; `scripts/test` starts one): the
/// `deploy/slurm` scripts submit a 4-task array and the merge; one task is stopped mid-run and
/// requeued, as the engine retries a task, and the merged catalog must still be byte-identical.
@Suite(.serialized, .enabled(if: SlurmCluster.answers, "no Slurm cluster answers: run scripts/slurm-local start, or scripts/test"))
struct SlurmArrayTests {
    /// Runs a command-line tool (found on PATH) and returns its status and standard output.
    @discardableResult
    static func tool(_ name: String, _ arguments: [String], environment: [String: String] = [:], in folder: URL? = nil) throws -> (Int32, String) {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = [name] + arguments
        p.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        if let folder { p.currentDirectoryURL = folder }
        let out = Pipe()
        p.standardOutput = out
        p.standardError = FileHandle.nullDevice
        try p.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return (p.terminationStatus, String(decoding: data, as: UTF8.self))
    }

    /// `Field=value` of `scontrol show job ID` (nil once the job is gone).
    static func field(_ name: String, of job: String) -> String? {
        guard let (status, text) = try? tool("scontrol", ["show", "job", job]), status == 0 else { return nil }
        return text.split(whereSeparator: { $0 == " " || $0 == "\n" }).first { $0.hasPrefix(name + "=") }.map { String($0.dropFirst(name.count + 1)) }
    }

    /// Waits until `condition` holds, polling every 50 ms, for at most `seconds`.
    static func wait(_ seconds: Double, _ condition: () -> Bool) -> Bool {
        let end = Date().addingTimeInterval(seconds)
        while Date() < end {
            if condition() { return true }
            usleep(50_000)
        }
        return condition()
    }

    @Test func arrayWithARequeuedTaskMergesByteIdentically() throws {
        let root = try ShardHarness.dataset("slurm", perFamily: 4, seconds: 10)
        let dataset = root.appendingPathComponent("ds"), cache = root.appendingPathComponent("cache")
        let logs = root.appendingPathComponent("logs")
        let submit = ShardHarness.repository.appendingPathComponent("deploy/slurm/submit.sh").path
        let (status, out) = try Self.tool(submit, [dataset.path, cache.path, root.appendingPathComponent("merged").path, "4", "--", "--cpus-per-task=1"],
                                          environment: ["BACKBEAT": ErrorLineTests.binary.path, "SOURCE_DATE_EPOCH": ShardHarness.epoch,
                                                        "LOGS": logs.path], in: root)
        #expect(status == 0, "submit.sh: \(out)")
        func id(_ key: String) -> String? { out.split(separator: "\n").first { $0.hasPrefix(key + "=") }.map { String($0.dropFirst(key.count + 1)) } }
        let array = try #require(id("BACKBEAT_ARRAY_JOB")), merge = try #require(id("BACKBEAT_MERGE_JOB"))
        defer { _ = try? Self.tool("scancel", [array, merge]) }

        // Shard 2's files and their cache entries' names (content hash prefixes).
        let files = try #require(FileManager.default.enumerator(atPath: dataset.path)?.compactMap { $0 as? String })
            .filter { ["wav", "flac", "ogg", "mp3"].contains(($0 as NSString).pathExtension) && Shard.slot(of: $0, count: 4) == 2 }
        let hashes = try files.map { try ContentHash.of(path: dataset.appendingPathComponent($0).path) }
        #expect(!files.isEmpty)
        func cachedOfShard2() -> Int {
            let names = (try? FileManager.default.contentsOfDirectory(atPath: cache.path)) ?? []
            return hashes.filter { h in names.contains { $0.hasPrefix(h) && $0.hasSuffix(".bin") } }.count
        }

        // Task 2, stopped mid-run (SIGSTOP) and requeued: Slurm kills it and runs it again.
        let task = "\(array)_2"
        // Stopped once it has cached something and before it has cached everything.
        try #require(Self.wait(120) { Self.field("JobState", of: task) == "RUNNING" && cachedOfShard2() >= 1 }, "task 2 never made progress")
        try Self.tool("scontrol", ["suspend", task])
        try #require(Self.field("JobState", of: task) == "SUSPENDED", "task 2 ended before it could be stopped mid-run")
        let before = cachedOfShard2()
        try #require(before >= 1 && before < files.count, "task 2 stopped with \(before) of \(files.count) files cached")
        let (requeued, _) = try Self.tool("scontrol", ["requeue", task])
        #expect(requeued == 0)
        // Slurm holds a job requeued while suspended (JobHeldAdmin) until it is released.
        try Self.tool("scontrol", ["release", task])

        // The merge runs once every task (task 2's second run included) has succeeded.
        #expect(Self.wait(180) { (try? Self.tool("squeue", ["-h", "-j", merge]).1.isEmpty) ?? true }, "the merge job never finished")
        #expect(Self.field("JobState", of: merge) == "COMPLETED", "merge: \((try? String(contentsOf: logs.appendingPathComponent("backbeat-merge-\(merge).log"), encoding: .utf8)) ?? "")")
        #expect(Self.field("Restarts", of: task) == "1")
        // The second run redid only what the first had not cached.
        let report = try JSONDecoder().decode(ShardExtraction.Report.self,
                                              from: Data(contentsOf: ShardExtraction.reportURL(shard: try Shard(index: 2, count: 4), cache: cache)))
        #expect(report.cached == before && report.extracted == files.count - before && report.complete, "\(report)")
        ShardHarness.expectIdentical(root.appendingPathComponent("merged"), root.appendingPathComponent("single"), "Slurm array, one task requeued")
    }
}

enum SlurmCluster {
    static var answers: Bool { (try? SlurmArrayTests.tool("scontrol", ["ping"]).1.contains("is UP")) ?? false }
}
