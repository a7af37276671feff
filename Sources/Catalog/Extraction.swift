import AudioIO
import Dispatch
import Features
import Foundation
import Support

/// The parallel extraction stage, in two passes over the sorted files:
///
/// 1. content hashes (cheap for unchanged files: the cache remembers size, times and inode per
///    path);
/// 2. one work item per distinct content: files with the same bytes (the same song in two
///    folders) are decoded and analysed once and share the features; each still gets its own
///    id, title and plots.
///
/// Each worker owns a ``TrackAnalyzer`` and takes the next item from a shared counter, so memory
/// is one decoded clip per worker whatever the dataset size.
struct Extraction {
    let options: BuildOptions
    let files: [String]
    let cache: FeatureCache
    /// Where to draw per-track plots (nil: no plots).
    let plots: URL?
    /// The previous catalog and its files that still match its manifest: its plots are reused for
    /// unchanged tracks when they are among those.
    let previous: (folder: URL, intact: Set<String>)
    /// The dataset folder with symbolic links resolved: cache keys are built from it, so
    /// `../music` and `/home/me/music` find the same entries.
    let keyRoot: URL
    let events: @Sendable (BuildEvent) -> Void
    /// Plots drawn earlier (by `extract`): a build copies them instead of decoding again; `extract`
    /// draws into it.
    var plotCache: PlotCache? = nil
    /// `extract`: every content must end up in the cache (an entry that cannot be written fails
    /// its files), plots are drawn into ``plotCache`` only.
    var sharded = false
    /// `build --require-cached`: a content (or plots) missing from every cache fails its files
    /// instead of being analysed.
    var requireCached = false

    /// Name of the manifest, inside `plots/`, recording which content each track's plots were
    /// drawn from (id → content hash). Plots are reused only when it matches.
    static let plotManifest = ".sources.json"

    enum Outcome: Sendable {
        case track(CatalogBuilder.Track, extracted: Bool)
        /// `transient`: the reason may not hold next time (a plot that could not be written, a
        /// file that changed or could not be read while analysed), so the catalog must not count
        /// as up to date (``CatalogBuilder/upToDate()``).
        case skipped(BuildReport.Skipped, transient: Bool = false)
        /// The file could not be made available from the cache as required (``sharded`` or
        /// ``requireCached``): the run fails, naming it.
        case failed(BuildReport.Skipped)
    }

    /// What a run produced, in dataset order.
    struct Produced {
        var tracks: [CatalogBuilder.Track] = []
        var skipped: [BuildReport.Skipped] = []
        var failed: [BuildReport.Skipped] = []
        /// Contents analysed in this run (not from a cache).
        var extracted = 0
        /// Every file's content hash as this run read it, in file order (nil: it could not be hashed).
        var hashes: [String?] = []
        /// A file was skipped for a reason that may not recur (see ``Outcome/skipped(_:transient:)``).
        var transient = false
    }

    /// Tracks in dataset order, skipped and failed files, and how many contents were extracted.
    func run() -> Produced {
        let results = Slots<Outcome>(count: files.count)
        let records = hashAll()
        let groups = group(records, results: results)
        analyse(groups, records: records, results: results)
        var produced = Produced()
        produced.hashes = records.map { try? $0.get().hash }
        var sources: [String: String] = [:]
        for (i, outcome) in results.values.enumerated() {
            switch outcome {
            case .track(let t, let fresh)?:
                produced.tracks.append(t)
                if fresh { produced.extracted += 1 }
                if case .success(let record) = records[i] { sources[t.id] = record.hash }
            case .skipped(let s, let transient)?:
                produced.skipped.append(s)
                if transient { produced.transient = true }
            case .failed(let s)?: produced.failed.append(s)
            case nil: break
            }
        }
        if let plots { try? Self.writeManifest(sources, to: plots) } // without it, the next build redraws
        return produced
    }

    var workers: Int { max(1, min(options.jobs, files.count)) }

    /// Pass 1: every file's content hash (cheap for unchanged files), in file order.
    func hashAll() -> [Result<FeatureCache.PathRecord, any Error>] {
        let hashes = Slots<Result<FeatureCache.PathRecord, any Error>>(count: files.count)
        let next = Counter(limit: files.count)
        let this = self
        DispatchQueue.concurrentPerform(iterations: workers) { _ in
            while let i = next.next() {
                let path = this.options.dataset.appendingPathComponent(this.files[i]).path
                let done = hashes.store(i, Result { try this.cache.contentHash(of: this.keyRoot.appendingPathComponent(this.files[i]).path, reading: path) })
                this.events(.hashed(done: done, total: this.files.count))
            }
        }
        return hashes.values.map { $0! }
    }

    /// The work items: indices of the files of each distinct content, in dataset order of their
    /// first file. Files that could not be hashed are stored as skipped in `results`.
    func group(_ records: [Result<FeatureCache.PathRecord, any Error>], results: Slots<Outcome>) -> [[Int]] {
        var groups: [[Int]] = [], groupOf: [String: Int] = [:]
        for (i, record) in records.enumerated() {
            switch record {
            case .success(let r):
                if let g = groupOf[r.hash] { groups[g].append(i) } else {
                    groupOf[r.hash] = groups.count
                    groups.append([i])
                }
            case .failure(let error):
                let done = results.store(i, .skipped(.init(file: files[i], reason: Self.reason(error)), transient: true))
                events(.extracted(done: done, total: files.count, file: files[i]))
            }
        }
        return groups
    }

    /// Pass 2: one analysis (or cache hit) per distinct content, each worker with its own analyzer.
    func analyse(_ groups: [[Int]], records: [Result<FeatureCache.PathRecord, any Error>], results: Slots<Outcome>) {
        let ids = Self.uniqueIDs(files)
        let previousSources = plots == nil || !previous.intact.contains("plots/" + Self.plotManifest) ? [:]
            : Self.readManifest(previous.folder.appendingPathComponent("plots"))
        let hashed = records.map { try? $0.get() }
        let next = Counter(limit: groups.count)
        let this = self
        DispatchQueue.concurrentPerform(iterations: min(workers, max(1, groups.count))) { _ in
            let analyzer = TrackAnalyzer(parameters: this.options.features, maxSeconds: this.options.maxSeconds)
            while let g = next.next() {
                let members = groups[g]
                let outcomes = this.process(members: members, records: hashed, ids: ids, previousSources: previousSources, analyzer: analyzer)
                for (i, outcome) in zip(members, outcomes) {
                    let done = results.store(i, outcome)
                    this.events(.extracted(done: done, total: this.files.count, file: this.files[i]))
                }
            }
        }
    }

    /// The outcomes of the files `members` (indices into ``files``), which share one content:
    /// from the cache, or from one analysis that is then stored (a content that cannot be analysed
    /// is remembered as such, ``FeatureCache/storeFailure(_:hash:)``). Only the first file of a
    /// freshly analysed content counts as extracted. Plots are handled per file by
    /// ``plots(for:title:hash:previousSources:work:)``: a file whose plots fail is skipped on its
    /// own. A file found changed since it was hashed is skipped, and its analysis is neither stored
    /// nor used (another member of the group is analysed instead).
    func process(members: [Int], records: [FeatureCache.PathRecord?], ids: [String], previousSources: [String: String],
                 analyzer: TrackAnalyzer) -> [Outcome] {
        guard let hash = records[members[0]]?.hash else { return [] }
        var work = Work(members: members, records: records, analyzer: analyzer)
        let entry: FeatureCache.Entry, fresh: Bool
        switch features(of: hash, work: &work) {
        case .outcomes(let outcomes): return outcomes
        case .entry(let found, let made):
            entry = found
            fresh = made
        }
        var counted = false
        return members.map { i in
            let id = ids[i], file = files[i]
            do {
                try plots(for: id, title: entry.tags.title ?? CatalogBuilder.fallbackTitle(file), hash: hash, previousSources: previousSources, work: &work)
            } catch let error as CatalogError where error.kind == .cache {
                return .failed(.init(file: file, reason: error.reason))
            } catch {
                let reason = "plots: " + Self.reason(error)
                return sharded ? .failed(.init(file: file, reason: reason)) : .skipped(.init(file: file, reason: reason), transient: true)
            }
            if work.changed.contains(i) { return .skipped(.init(file: file, reason: Self.reason(CatalogError.changed(file))), transient: true) }
            let track = CatalogBuilder.Track(id: id, file: file, features: entry.features, tags: entry.tags,
                                             format: entry.container, duration: entry.fileDuration)
            defer { counted = true }
            return .track(track, extracted: fresh && !counted)
        }
    }

    /// The features of one content, or what becomes of its files when there are none to have.
    enum Found {
        /// From a cache, or analysed now (`fresh`) and stored.
        case entry(FeatureCache.Entry, fresh: Bool)
        case outcomes([Outcome])
    }

    /// The features of content `hash`: cached, or analysed and stored. A content that cannot be
    /// analysed is skipped (and remembered, when the bytes decide it); one no cache has fails
    /// under ``requireCached``; one whose entry or record cannot be written fails when ``sharded``.
    func features(of hash: String, work: inout Work) -> Found {
        let members = work.members
        func failAll(_ reason: String) -> Found { .outcomes(members.map { .failed(.init(file: files[$0], reason: reason)) }) }
        if let cached = cache.load(hash: hash) { return .entry(cached, fresh: false) }
        if let reason = cache.loadFailure(hash: hash) { return .outcomes(members.map { .skipped(.init(file: files[$0], reason: reason)) }) }
        if requireCached { return failAll("no cache has its features") }
        do {
            let made = try analyse(&work)
            let entry = FeatureCache.Entry(features: made.features, tags: made.info.tags, sourceRate: made.info.sampleRate,
                                           channels: made.info.channels, container: made.info.container, fileDuration: made.info.duration)
            do { try cache.store(entry, hash: hash) } catch {
                // A build only loses time next run; a shard exists to fill the cache.
                if sharded { return failAll("its cache entry cannot be written (\(Self.reason(error)))") }
            }
            return .entry(entry, fresh: true)
        } catch {
            if FeatureCache.isContentFailure(error) {
                do { try cache.storeFailure(Self.reason(error), hash: hash) } catch {
                    if sharded { return failAll("its cache record cannot be written (\(Self.reason(error)))") }
                }
            }
            let changed = work.changed, content = FeatureCache.isContentFailure(error)
            return .outcomes(members.map {
                .skipped(.init(file: files[$0], reason: Self.reason(changed.contains($0) ? CatalogError.changed(files[$0]) : error)),
                         transient: !content || changed.contains($0))
            })
        }
    }

    /// The files of one content, the analysis once made, and the members found changed.
    struct Work {
        let members: [Int]
        let records: [FeatureCache.PathRecord?]
        let analyzer: TrackAnalyzer
        var analysis: TrackAnalyzer.Analysis?
        var changed = Set<Int>()
    }

    /// The analysis of `work`'s content, made once.
    func analyse(_ work: inout Work) throws -> TrackAnalyzer.Analysis {
        if let made = work.analysis { return made }
        let made = try analyseUnchanged(work.members, records: work.records, analyzer: work.analyzer, changed: &work.changed)
        work.analysis = made
        return made
    }

    /// Makes the plots of the file `id`. A build reuses the previous catalog's (same content,
    /// intact), else copies the plot cache's, else draws them (decoding when the features came
    /// from the cache). `extract` draws them into the plot cache unless they are there.
    /// - Throws: ``CatalogError`` (`.cache`) under `--require-cached` when no cache has them.
    func plots(for id: String, title: String, hash: String, previousSources: [String: String], work: inout Work) throws {
        if let plots {
            let folder = try Self.shardFolder(of: id, in: plots)
            if work.analysis == nil {
                if previousSources[id] == hash, reusePlots(id: id, into: folder) { return }
                if plotCache?.copy(hash: hash, title: title, id: id, into: folder) == true { return }
                if requireCached {
                    throw CatalogError(.cache, "no cache has its plots (extract without --no-plots, or build with --no-plots)")
                }
            }
            let made = try analyse(&work)
            try TrackPlots.write(id: id, title: title, detail: made.detail, beats: made.features.beats, into: folder)
        } else if sharded, let plotCache, !plotCache.has(hash: hash, title: title) {
            let made = try analyse(&work)
            try plotCache.draw(hash: hash, title: title, detail: made.detail, beats: made.features.beats)
        }
    }

    /// Analyses the first of `members` (files of one content) whose file is still the one that was
    /// hashed when the analysis ends; members found changed are added to `changed`.
    /// - Throws: the analysis error (of a file still as hashed), or ``CatalogError`` (`.changed`)
    ///   when every member changed.
    func analyseUnchanged(_ members: [Int], records: [FeatureCache.PathRecord?], analyzer: TrackAnalyzer,
                          changed: inout Set<Int>) throws -> TrackAnalyzer.Analysis {
        for i in members where !changed.contains(i) {
            guard let record = records[i] else { continue }
            let path = options.dataset.appendingPathComponent(files[i]).path
            let analysis: TrackAnalyzer.Analysis
            do { analysis = try analyzer.analyze(path: path) } catch {
                // A failure says something about the hashed bytes only if they are still the file's.
                if cache.unchanged(record, path: path) { throw error }
                changed.insert(i)
                continue
            }
            if cache.unchanged(record, path: path) { return analysis }
            changed.insert(i)
        }
        throw CatalogError.changed(files[members[0]])
    }

    /// The reason written to skipped.csv for an error.
    static func reason(_ error: any Error) -> String {
        switch error {
        case let error as AudioError: return error.reason
        case let error as CatalogError where error.kind == .unreadable: return "cannot read (\(error.reason))"
        case let error as CatalogError: return error.reason
        default: return ErrorText.line(error)
        }
    }

    /// The previous build's plot manifest (id → content hash); empty when absent or unreadable.
    static func readManifest(_ plots: URL) -> [String: String] {
        let url = plots.appendingPathComponent(plotManifest)
        return (try? JSONDecoder().decode([String: String].self, from: Data(contentsOf: url))) ?? [:]
    }

    static func writeManifest(_ sources: [String: String], to plots: URL) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        try AtomicFile.write(try encoder.encode(sources), to: plots.appendingPathComponent(plotManifest))
    }

    /// `plots/<shard>/` of `id` (``CatalogPaths``), created when missing.
    static func shardFolder(of id: String, in plots: URL) throws -> URL {
        let folder = plots.appendingPathComponent(CatalogPaths.shard(of: id), isDirectory: true)
        do { try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true) } catch {
            throw CatalogError(.output, "\(folder.path): cannot create the folder (\(ErrorText.line(error)))")
        }
        return folder
    }

    /// Hard-links (or copies) the previous build's plots of `id` into its shard `folder`; false when
    /// they are missing or do not match the previous manifest (a truncated or edited PNG is drawn
    /// again, never carried on). A catalog from before sharding has them flat in `plots/`: they
    /// are carried over from there, so moving to the sharded layout redraws nothing.
    func reusePlots(id: String, into folder: URL) -> Bool {
        let kinds = ["mfcc", "tempo"]
        let sharded = kinds.map { CatalogPaths.plot(id, kind: $0) }, flat = kinds.map { "plots/\(id)-\($0).png" }
        guard let sources = [sharded, flat].first(where: { $0.allSatisfy(previous.intact.contains) }) else { return false }
        let fm = FileManager.default
        for (kind, source) in zip(kinds, sources) {
            let from = previous.folder.appendingPathComponent(source)
            let to = folder.appendingPathComponent("\(id)-\(kind).png")
            if link(from.path, to.path) != 0 {
                guard (try? fm.copyItem(at: from, to: to)) != nil else { return false }
            }
        }
        return true
    }

    /// Track ids for the sorted relative paths; a (very unlikely) hash collision gets a suffix.
    static func uniqueIDs(_ files: [String]) -> [String] {
        var seen = Set<String>()
        return files.map { file in
            var id = TrackID.make(relativePath: file)
            var n = 2
            while seen.contains(id) {
                id = TrackID.make(relativePath: file) + "-\(n)"
                n += 1
            }
            seen.insert(id)
            return id
        }
    }
}
