import ArgumentParser
import AudioIO
import Catalog
import Foundation

/// `bench-catalog`: the catalog build at the original project's scale (3,415 clips of 30 s in
/// mixed formats, rates and channel counts): full build, no-change rebuild, rebuild after 1 %
/// new files, peak RSS; optionally the original librosa + annoy pipeline on a subset.
@main
struct BenchCatalog: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "bench-catalog",
                                                    abstract: "Full-scale catalog build benchmark.")

    @Option(help: "Work folder (dataset and outputs).") var dir = "/tmp/backbeat-bench-catalog"
    @Option(help: "Unique synthesised clips per groove family (7 families).") var perFamily = 61
    @Option(help: "Files per unique clip: each copy is new content (WAV: last byte XOR the copy number; compressed: trailing zero bytes), so it has its own content hash and is decoded and analysed in full. 61 × 7 × 8 = 3,416 files.")
    var copies = 8
    @Option(help: "Seconds per synthesised clip.") var seconds = 30.0
    @Option(help: "Path of the release backbeat binary.") var backbeat = ".build/release/backbeat"
    @Option(help: "Also time the original pipeline (bench/python/original_pipeline.py) on this many clips (0: skip).")
    var python = 0
    @Flag(inversion: .prefixedNo, help: "First time decoding + resampling alone on all cores: the floor under the build.")
    var decodeFloor = true

    @Option(help: "Instead of the build table: the sharded-extraction benchmark for these shard counts (e.g. 1,2,4,8): every shard in turn with --jobs 2 (one 2-core machine each), then the merge.")
    var shards: String?

    func run() throws {
        let root = URL(fileURLWithPath: dir, isDirectory: true)
        let (dataset, unique, clips) = try makeDataset(root)
        if let shards {
            let counts = shards.split(separator: ",").compactMap { Int($0) }
            guard !counts.isEmpty, counts.allSatisfy({ $0 >= 1 }) else { throw ValidationError("--shards takes counts such as 1,2,4,8") }
            return try ShardBench(backbeat: backbeat).run(dataset: dataset, work: root.appendingPathComponent("shards"), counts: counts, files: clips)
        }
        let output = root.appendingPathComponent("output")
        try? FileManager.default.removeItem(at: output)

        var rows: [(String, Run)] = []
        if decodeFloor {
            let files = AudioFileScanner.scan(directory: dataset.path).map { dataset.appendingPathComponent($0).path }
            let floor = DecodeFloor.measure(files)
            rows.append(("decode + resample only", Run(wall: floor.seconds, peakRSS: .nan,
                                                       stages: "libsndfile + libsoxr HQ on all cores, \(floor.failed) failed")))
        }
        let files = AudioFileScanner.scan(directory: dataset.path).map { dataset.appendingPathComponent($0).path }
        let hashing = HashRate.measure(files)
        rows.append(("read files only", Run(wall: hashing.readSeconds, peakRSS: .nan,
                                            stages: String(format: "%.0f MB, %.0f files/s", hashing.megabytes, Double(hashing.files) / hashing.readSeconds))))
        rows.append(("content hashing (SHA-256)", Run(wall: hashing.hashSeconds, peakRSS: .nan,
                                                      stages: String(format: "%.0f files/s, %.0f MB/s; the hashing pass of a first build",
                                                                     Double(hashing.files) / hashing.hashSeconds, hashing.megabytes / hashing.hashSeconds))))
        rows.append(("full build (no site)", try build(dataset, output)))
        rows.append(("rebuild, nothing changed", try build(dataset, output, upToDate: true)))
        rows.append(("rebuild, nothing changed, --force", try build(dataset, output, force: true)))
        // 1 % new files: copies under a new folder with a different last byte (new content).
        let added = dataset.appendingPathComponent("added")
        try? FileManager.default.removeItem(at: added)
        try FileManager.default.createDirectory(at: added, withIntermediateDirectories: true)
        let sources = try FileManager.default.contentsOfDirectory(atPath: unique.appendingPathComponent("rock").path).sorted()
        for (i, name) in sources.prefix(max(1, clips / 100)).enumerated() {
            var data = try Data(contentsOf: unique.appendingPathComponent("rock/\(name)"))
            // A perturbation no copy uses, so these are new contents, not cache hits.
            if name.hasSuffix(".wav") { data[data.count - 1] ^= 0x40 } else { data.append(contentsOf: [UInt8](repeating: 0x5A, count: 9)) }
            try data.write(to: added.appendingPathComponent("new-\(i)-\(name)"))
        }
        rows.append(("rebuild, 1 % new files", try build(dataset, output)))
        try FileManager.default.removeItem(at: added)
        rows.append(("rebuild with the site", try build(dataset, output, site: true)))

        print("\nrun                          wall s   clips/s  peak RSS MB  stages (s)")
        for (name, r) in rows {
            let label = name.count >= 28 ? name : name + String(repeating: " ", count: 28 - name.count)
            let rss = r.peakRSS.isNaN ? "—".padding(toLength: 11, withPad: " ", startingAt: 0) : String(format: "%11.0f", r.peakRSS / 1_048_576)
            print(String(format: "%@ %7.1f  %8.1f  %@  %@", label as NSString, r.wall, Double(clips) / r.wall,
                         rss as NSString, r.stages as NSString))
        }
        print("targets: full build (no site) < 90 s, no-change rebuild < 5 s, peak RSS < 1 GiB; site pages < 5 s")

        if python > 0 {
            let p = Process()
            p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            p.arguments = ["python3", "bench/python/original_pipeline.py", unique.path, "--limit", String(python),
                           "--out-dir", root.appendingPathComponent("original").path, "--quiet"]
            let pipe = Pipe()
            p.standardOutput = pipe
            try p.run()
            let out = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            p.waitUntilExit()
            if let line = out.split(separator: "\n").last(where: { $0.hasPrefix("RESULT ") }),
               let json = try JSONSerialization.jsonObject(with: Data(line.dropFirst(7).utf8)) as? [String: Any] {
                let perClip = (json["extract_s_per_clip"] as? Double) ?? (json["mean_extract_s"] as? Double) ?? .nan
                let full = (rows.first { $0.0 == "full build (no site)" }?.1.wall ?? .nan) / Double(clips)
                print(String(format: "\noriginal pipeline (librosa + annoy, one process) on %d clips: %.3f s per clip extraction",
                             python, perClip))
                print(String(format: "backbeat full build: %.4f s per clip (all stages, 2 cores) → %.0f× faster", full, perClip / full))
                print("original RESULT: \(line.dropFirst(7))")
            } else {
                print("original pipeline: no RESULT line; output:\n\(out.suffix(2_000))")
            }
        }
    }

    /// The dataset (synthesised once, then reused): its folder, the unique clips' folder, the file count.
    func makeDataset(_ root: URL) throws -> (URL, URL, Int) {
        let dataset = root.appendingPathComponent("dataset")
        let t0 = Date()
        let unique = dataset.appendingPathComponent("unique")
        let written = try DemoDataset.write(to: unique, perFamily: perFamily, seconds: seconds)
        let originals = AudioFileScanner.scan(directory: unique.path)
        for copy in 1..<max(1, copies) {
            for rel in originals {
                let target = dataset.appendingPathComponent("copy\(copy)/\(rel)")
                if FileManager.default.fileExists(atPath: target.path) { continue }
                try FileManager.default.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
                var data = try Data(contentsOf: unique.appendingPathComponent(rel))
                // Every copy is new content: WAV, the last byte XOR the copy number (1–7, the high
                // byte of the last sample); compressed streams, `copy` trailing zero bytes (junk
                // after the stream, which for Ogg also hides the length from libsndfile).
                if rel.hasSuffix(".wav") { data[data.count - 1] ^= UInt8(copy) } else { data.append(contentsOf: [UInt8](repeating: 0, count: copy)) }
                try data.write(to: target)
            }
        }
        let synthSeconds = Date().timeIntervalSince(t0)
        let clips = originals.count * max(1, copies)
        print(String(format: "dataset: %d files of %.0f s (%d unique clips × %d byte-perturbed copies; %d synthesised now, %.0f s), mixed WAV/FLAC/Ogg/MP3, 22.05–48 kHz, mono and stereo",
                     clips, seconds, originals.count, max(1, copies), written, synthSeconds))
        return (dataset, unique, clips)
    }


    struct Run {
        var wall: Double
        var peakRSS: Double
        var stages: String
    }

    /// Runs `backbeat build` as a child process and measures wall time and its peak RSS.
    /// `upToDate`: the build is expected to notice nothing changed (build.json is then the last build's).
    func build(_ dataset: URL, _ output: URL, site: Bool = false, force: Bool = false, upToDate: Bool = false) throws -> Run {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: backbeat)
        p.arguments = ["build", dataset.path, "-o", output.path, "--quiet"] + (site ? [] : ["--no-site"]) + (force ? ["--force"] : [])
        let pipe = Pipe()
        p.standardOutput = pipe
        let start = Date()
        try p.run()
        _ = pipe.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        let wall = Date().timeIntervalSince(start)
        guard p.terminationStatus == 0 else { throw ValidationError("backbeat build failed (\(p.terminationStatus))") }
        var usage = rusage()
        getrusage(RUSAGE_CHILDREN.rawValue, &usage)
        let report = (try? JSONSerialization.jsonObject(with: Data(contentsOf: output.appendingPathComponent("data/build.json")))) as? [String: Any]
        let seconds = report?["seconds"] as? [String: Double] ?? [:]
        var stages = seconds.keys.sorted().map { String(format: "%@ %.1f", $0, seconds[$0]!) }.joined(separator: ", ")
        if let extracted = report?["extracted"] as? Int, let cached = report?["cached"] as? Int {
            stages += "; \(extracted) analysed, \(cached) cached"
        }
        if upToDate { stages = "up to date: nothing rebuilt (build.json is the last build's)" }
        return Run(wall: wall, peakRSS: Double(usage.ru_maxrss) * 1024, stages: stages)
    }
}
