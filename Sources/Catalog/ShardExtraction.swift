import Features
import Foundation
import Support

/// `backbeat extract`: the extraction stage of a build for one ``Shard`` of the dataset, written
/// into a feature cache that a later `build --cache DIR` (or `--cache-from DIR`) reads.
///
/// The same scan, hashing, analysis and cache code as `build`, on a different file list: a merge
/// of every shard's cache therefore gives the build the very entries it would have made itself, and
/// its catalog is byte-identical to a single-machine build. Plots are drawn into the cache's
/// `plots/` folder (``PlotCache``) so the merge decodes nothing.
///
/// Safe for many shards writing one shared folder at once, and for an engine's retries: entries
/// and plots appear by atomic rename (a killed task leaves at most a temporary file, which readers
/// ignore and a later build prunes), two writers of one entry write the same bytes, and a re-run
/// finds what it already wrote and analyses only the rest.
public enum ShardExtraction {
    public struct Options: Sendable {
        public var dataset: URL
        public var cache: URL
        public var shard: Shard
        public var jobs = ProcessInfo.processInfo.activeProcessorCount
        public var maxSeconds: Double? = BuildOptions.defaultMaxSeconds
        public var features = FeatureParameters()
        public var plots = true

        public init(dataset: URL, cache: URL, shard: Shard) {
            self.dataset = dataset
            self.cache = cache
            self.shard = shard
        }

        /// The build options that extract the same features (the output is never written).
        var build: BuildOptions {
            var o = BuildOptions(dataset: dataset, output: cache.appendingPathComponent("unused-output", isDirectory: true))
            o.cache = cache
            o.jobs = jobs
            o.maxSeconds = maxSeconds
            o.features = features
            return o
        }
    }

    /// What one shard did; also written as `CACHE/shards/I-of-N.json`.
    public struct Report: Codable, Sendable, Equatable {
        public struct File: Codable, Sendable, Equatable {
            public var file: String
            public var reason: String
        }
        /// `I/N`.
        public var shard: String
        public var host: String
        /// Audio files in the whole dataset, and in this shard.
        public var datasetFiles: Int
        public var files: Int
        /// Contents analysed now, and files whose features were already cached.
        public var extracted: Int
        public var cached: Int
        /// Files that are not audio Backbeat can use (listed with the reason, as `build` lists them).
        public var skipped: [File]
        /// Files that should be in the cache and are not (an entry or plot could not be written).
        public var failed: [File]
        public var seconds: Double
        /// The extraction parameters' key (``BuildOptions/featureKey``; `--max-seconds` is part of
        /// it): a merge with other parameters finds none of this shard's entries, and says so.
        public var featureKey: String?

        /// Whether every file of the shard is cached or skipped with a reason.
        public var complete: Bool { failed.isEmpty }
    }

    /// Extracts shard `o.shard` of `o.dataset` into `o.cache`.
    /// - Throws: ``CatalogError`` when the dataset or the cache folder cannot be used (a file that
    ///   cannot be analysed is a row of ``Report/skipped``, not an error).
    public static func run(_ o: Options, events: @escaping @Sendable (BuildEvent) -> Void = { _ in }) throws -> Report {
        let start = Date()
        var isDir: ObjCBool = false
        guard FileManager.default.fileExists(atPath: o.dataset.path, isDirectory: &isDir), isDir.boolValue else {
            throw CatalogError.noDataset(o.dataset.path)
        }
        if let message = o.features.validationError() { throw CatalogError.invalidOptions(message) }
        let build = o.build
        let found = CatalogBuilder.scan(dataset: o.dataset, output: nil)
        let mine = found.files.filter(o.shard.contains)
        events(.scanned(files: mine.count))
        let cache = try FeatureCache(directory: o.cache, parametersKey: build.featureKey)
        var extraction = Extraction(options: build, files: mine, cache: cache, plots: nil, previous: (o.cache, []),
                                    keyRoot: found.root, events: events)
        extraction.sharded = true
        extraction.plotCache = o.plots ? PlotCache(caches: [o.cache], parametersKey: build.featureKey) : nil
        let produced = cache.whileExtracting {
            let produced = extraction.run()
            do {
                try cache.savePathIndex(root: found.root.path, keeping: Set(mine.map { found.root.appendingPathComponent($0).path }), replacing: false)
            } catch {
                events(.warning("the feature cache's path index could not be saved (\(ErrorText.line(error))); the merge hashes these files again"))
            }
            return produced
        }
        let refused = found.refused.filter { o.shard.contains($0.file) }
        let skipped = (refused + produced.skipped).sorted { UTF8Order.precedes($0.file, $1.file) }
        for s in skipped { events(.skipped(file: s.file, reason: s.reason)) }
        let report = Report(shard: o.shard.description, host: Platform.hostName, datasetFiles: found.files.count,
                            files: mine.count, extracted: produced.extracted, cached: produced.tracks.count - produced.extracted,
                            skipped: skipped.map { .init(file: $0.file, reason: $0.reason) },
                            failed: produced.failed.map { .init(file: $0.file, reason: $0.reason) },
                            seconds: Date().timeIntervalSince(start), featureKey: build.featureKey)
        try write(report, shard: o.shard, cache: o.cache)
        return report
    }

    /// The feature keys of the shard reports in `caches` other than `key`, sorted (empty when
    /// every shard extracted with the build's parameters, or none left a report).
    public static func otherFeatureKeys(in caches: [URL], than key: String) -> [String] {
        var keys = Set<String>()
        for cache in caches {
            let folder = cache.appendingPathComponent("shards", isDirectory: true)
            for name in (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? [] where name.hasSuffix(".json") {
                guard let data = try? Data(contentsOf: folder.appendingPathComponent(name)),
                      let report = try? JSONDecoder().decode(Report.self, from: data), let k = report.featureKey, k != key else { continue }
                keys.insert(k)
            }
        }
        return keys.sorted()
    }

    /// `CACHE/shards/I-of-N.json`.
    public static func reportURL(shard: Shard, cache: URL) -> URL {
        cache.appendingPathComponent("shards", isDirectory: true).appendingPathComponent("\(shard.index)-of-\(shard.count).json")
    }

    /// Writes `report` atomically to ``reportURL(shard:cache:)``.
    static func write(_ report: Report, shard: Shard, cache: URL) throws {
        let url = reportURL(shard: shard, cache: cache)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted]
        do {
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try AtomicFile.write(encoder.encode(report), to: url)
        } catch {
            throw CatalogError(.cache, path: url.path, "the shard's report cannot be written (\(ErrorText.line(error)))")
        }
    }
}
