import ArgumentParser
import Catalog
import Foundation
import Support

/// `backbeat extract DATASET --shard I/N --cache DIR`: one shard's features into a shared cache.
struct ExtractCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "extract",
        abstract: "Extract the features of one shard of a dataset into a feature cache, for a later `build` to merge.",
        discussion: """
            Shards split the dataset by a hash of each file's relative path: shard I of N (0-based) \
            is the same files on any machine. Without --shard, the shard comes from a Slurm job array \
            (SLURM_ARRAY_TASK_ID, counted from SLURM_ARRAY_TASK_MIN, of SLURM_ARRAY_TASK_COUNT) or a \
            Kubernetes Indexed Job (JOB_COMPLETION_INDEX, of --shard-count or BACKBEAT_SHARD_COUNT). \
            Shards may write one shared cache folder at once. Then `backbeat build DATASET --cache DIR` \
            (or --cache-from DIR... for one folder per shard) builds the catalog from the cache. Exit \
            status 0 only when every file of the shard is cached or listed as skipped with its reason.
            """)

    @Argument(help: "The dataset folder (scanned recursively).")
    var dataset: String
    @Option(help: "Feature cache folder to fill (shared by the shards, or one per shard).")
    var cache: String
    @Option(help: "This shard, I/N (0-based); default: from the batch engine's environment.")
    var shard: String?
    @Option(parsing: .unconditional, help: "The number of shards, when the environment gives only an index (Kubernetes).")
    var shardCount: Int?
    @Option(parsing: .unconditional, help: "Extraction workers (default: all cores).") var jobs: Int?
    @Option(parsing: .unconditional, help: "Analyse at most this many seconds of each file; must match the build's (0: whole files).")
    var maxSeconds: Double = BuildOptions.defaultMaxSeconds
    @Flag(help: "Do not draw the per-track plots (the merge then decodes every file to draw them, or builds with --no-plots).")
    var noPlots = false
    @Flag(help: "No progress output (the summary line stays).") var quiet = false

    func validate() throws {
        try requirePaths(["DATASET": dataset, "--cache": cache])
        if let jobs, jobs < 1 { throw ValidationError("--jobs must be at least 1.") }
        if let shardCount, shardCount < 1 { throw ValidationError("--shard-count must be at least 1.") }
        if let shard {
            if shardCount != nil { throw ValidationError("give --shard I/N or --shard-count N, not both.") }
            do { _ = try Shard(parsing: shard) } catch { throw ValidationError("--shard \(shard): expected I/N with 0 ≤ I < N, e.g. 0/4.") }
        }
        if maxSeconds != 0 && !(maxSeconds >= 4 && maxSeconds <= 86_400) {
            throw ValidationError("--max-seconds must be between 4 and 86400 (or 0 for whole files).")
        }
    }

    func run() throws {
        Platform.limitHeapArenas(to: ProcessInfo.processInfo.activeProcessorCount)
        Platform.mapLargeAllocations(from: 4 << 20)
        let display = ProgressDisplay(quiet: quiet)
        let report: ShardExtraction.Report
        do {
            let chosen = try shard.map { try Shard(parsing: $0) }
                ?? Shard.fromEnvironment(ProcessInfo.processInfo.environment, count: shardCount)
            guard let chosen else {
                throw ValidationError("no shard given: pass --shard I/N, or run as a Slurm array task or a Kubernetes Indexed Job.")
            }
            var options = ShardExtraction.Options(dataset: URL(fileURLWithPath: dataset, isDirectory: true),
                                                  cache: URL(fileURLWithPath: cache, isDirectory: true), shard: chosen)
            options.jobs = jobs ?? ProcessInfo.processInfo.activeProcessorCount
            options.maxSeconds = maxSeconds == 0 ? nil : maxSeconds
            options.plots = !noPlots
            report = try ShardExtraction.run(options, events: { display.handle($0) })
        } catch let error as ValidationError {
            throw error
        } catch {
            reportError(error)
            throw ExitCode(1)
        }
        for failure in report.failed { printError("failed: \(failure.file): \(failure.reason)") }
        print(terminalSafe(String(format: "shard %@ on %@: %d of %d files, %d extracted, %d already cached, %d skipped, %d failed, %.1f s",
                                  report.shard, report.host, report.files, report.datasetFiles, report.extracted, report.cached,
                                  report.skipped.count, report.failed.count, report.seconds)))
        if !report.complete { throw ExitCode(1) }
    }
}
