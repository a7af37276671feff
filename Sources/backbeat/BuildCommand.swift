import ArgumentParser
import Catalog
import Foundation
import SiteBuilder
import SQLiteExport
import Support

/// `backbeat build DATASET`: the whole catalog.
struct BuildCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "build",
        abstract: "Build a recommendation catalog (data, plots, site) from a folder of audio clips.")

    @Argument(help: "The dataset folder (scanned recursively).")
    var dataset: String

    @Option(name: .shortAndLong, help: "Output folder.")
    var output = "output"

    @Option(parsing: .unconditional, help: "Most similar tracks kept per track.") var topK = 10
    @Option(parsing: .unconditional, help: "Least similar tracks kept per track.") var bottomK = 10
    @Option(parsing: .unconditional, help: "At most this many tracks of one artist in a top list, filling from further down (0: no cap).")
    var maxPerArtist = SpreadLimits.defaults.maxPerArtist
    @Option(parsing: .unconditional, help: "At most this many tracks of one album in a top list (0: no cap).")
    var maxPerAlbum = SpreadLimits.defaults.maxPerAlbum
    @Option(parsing: .unconditional, help: "Extraction workers (default: all cores).") var jobs: Int?
    @Option(help: "Neighbour index (auto: exact up to 15,000 tracks, then graph).") var index = BuildOptions.IndexChoice.auto
    @Option(parsing: .unconditional, help: "Seed for the index's random projections.") var seed: UInt64 = 42
    @Option(parsing: .unconditional, help: "Analyse at most this many seconds from the start of each file (0: whole files, unbounded memory).")
    var maxSeconds: Double = BuildOptions.defaultMaxSeconds
    @Option(help: "Feature cache folder (default: OUTPUT/.cache).") var cache: String?
    @Option(name: .customLong("cache-from"), parsing: .upToNextOption,
            help: "More caches to read features and plots from (shards' own folders from `backbeat extract`); never written.")
    var cacheFrom: [String] = []
    @Flag(help: "Analyse nothing: fail, listing the files, when a content or its plots are in no cache.") var requireCached = false
    @Flag(help: "Fail if any file is skipped.") var strict = false
    @Flag(help: "Build even when nothing changed since the catalog at OUTPUT was built.") var force = false
    @Flag(help: "No progress output.") var quiet = false
    @Flag(help: "Skip the per-track plots.") var noPlots = false
    @Flag(help: "Do not write the HTML site (data and plots only).") var noSite = false
    @Flag(help: "Do not write data/catalog.sqlite.") var noSqlite = false
    @Option(help: "Site templates folder (see `backbeat templates export`); missing files fall back to the built-in ones.")
    var templates: String?
    @Option(help: "Audio in the site: link (relative links to the dataset files), copy (into OUTPUT/audio) or none.")
    var audio = AudioMode.link

    func validate() throws {
        try requirePaths(["DATASET": dataset, "--output": output, "--cache": cache, "--templates": templates])
        for folder in cacheFrom {
            var isDir: ObjCBool = false
            guard !folder.isEmpty, FileManager.default.fileExists(atPath: folder, isDirectory: &isDir), isDir.boolValue else {
                throw ValidationError("--cache-from \(folder): no such folder; give the --cache folders the shards wrote.")
            }
        }
        if topK < 0 || topK > 1_000 { throw ValidationError("--top-k must be between 0 and 1000.") }
        if bottomK < 0 || bottomK > 1_000 { throw ValidationError("--bottom-k must be between 0 and 1000.") }
        if maxPerArtist < 0 || maxPerAlbum < 0 { throw ValidationError("--max-per-artist and --max-per-album must be ≥ 0 (0: no cap).") }
        if let jobs, jobs < 1 { throw ValidationError("--jobs must be at least 1.") }
        if maxSeconds != 0 && !(maxSeconds >= 4 && maxSeconds <= 86_400) {
            throw ValidationError("--max-seconds must be between 4 and 86400 (or 0 for whole files).")
        }
        if let templates, !FileManager.default.fileExists(atPath: templates) {
            throw ValidationError("--templates \(templates): no such folder; write the defaults with `backbeat templates export DIR`.")
        }
    }

    func run() throws {
        Platform.limitHeapArenas(to: ProcessInfo.processInfo.activeProcessorCount)
        Platform.mapLargeAllocations(from: 4 << 20)
        var options = BuildOptions(dataset: URL(fileURLWithPath: dataset, isDirectory: true),
                                   output: URL(fileURLWithPath: output, isDirectory: true))
        options.topK = topK
        options.bottomK = bottomK
        options.spread = SpreadLimits(maxPerArtist: maxPerArtist, maxPerAlbum: maxPerAlbum)
        options.jobs = jobs ?? ProcessInfo.processInfo.activeProcessorCount
        options.index = index
        options.seed = seed
        options.maxSeconds = maxSeconds == 0 ? nil : maxSeconds
        options.cache = cache.map { URL(fileURLWithPath: $0, isDirectory: true) }
        options.cacheFrom = cacheFrom.map { URL(fileURLWithPath: $0, isDirectory: true) }
        options.requireCached = requireCached
        options.strict = strict
        options.plots = !noPlots
        let display = ProgressDisplay(quiet: quiet)
        let report: BuildReport
        do {
            let site = SiteOptions(datasetRoot: options.dataset.standardizedFileURL, audio: audio,
                                   templatesDirectory: templates.map { URL(fileURLWithPath: $0, isDirectory: true) })
            let writeSite = !noSite
            if writeSite { try SiteBuilder.checkTemplates(site) }
            options.outputKey = "site=\(writeSite ? site.outputKey : "none");sqlite=\(!noSqlite)"
            let builder = CatalogBuilder(options: options, events: { display.handle($0) })
            if !force, let current = builder.upToDate() {
                if !quiet {
                    print("up to date: \(current.tracks) tracks, \(current.skipped.count) skipped; nothing changed since the last build "
                        + "(--force builds anyway)")
                    print(terminalSafe("catalog: \(options.output.path)"))
                }
                return
            }
            let staged = try builder.prepare()
            if !noSqlite {
                display.handle(.stage(.sqlite))
                try staged.time(.sqlite) { try SQLiteExport.write(staged) }
                staged.noteWritten("data/" + SQLiteExport.fileName)
            }
            if writeSite {
                display.handle(.stage(.site))
                try staged.time(.site) { try SiteBuilder.write(staged, options: site) }
            }
            report = try builder.commit(staged)
        } catch {
            reportError(error)
            throw ExitCode(1)
        }
        if !quiet {
            let stages = BuildStage.allCases.compactMap { stage in
                report.seconds[stage].map { String(format: "%@ %.2f s", stage.rawValue, $0) }
            }.joined(separator: ", ")
            print("built \(report.tracks) tracks (\(report.extracted) extracted, \(report.cached) reused), \(report.skipped.count) skipped")
            print("index \(report.indexKind), recall@\(topK) \(String(format: "%.3f", report.measuredRecall)), "
                + "bottom recall \(String(format: "%.3f", report.measuredBottomRecall)); \(stages)")
            print(terminalSafe("catalog: \(options.output.path)" + (noSite ? "" : " (open \(options.output.appendingPathComponent("index.html").path))")))
        }
    }
}

// `--index` and `--audio` take the enums' raw values; `--help` lists them.
extension BuildOptions.IndexChoice: ExpressibleByArgument {}
extension AudioMode: ExpressibleByArgument {}
