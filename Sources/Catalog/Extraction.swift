import AudioIO
import Dispatch
import Features
import Foundation

/// The parallel extraction stage: each worker owns a ``TrackAnalyzer`` and takes the next file
/// from a shared counter, so memory is one decoded clip per worker whatever the dataset size.
struct Extraction {
    let options: BuildOptions
    let files: [String]
    let cache: FeatureCache
    /// Where to draw per-track plots (nil: no plots).
    let plots: URL?
    /// The previous build's plots, reused for unchanged tracks.
    let previousPlots: URL
    let events: @Sendable (BuildEvent) -> Void

    enum Outcome: Sendable {
        case track(CatalogBuilder.Track, extracted: Bool)
        case skipped(BuildReport.Skipped)
    }

    /// Tracks in dataset order, skipped files, and how many were extracted (not cached).
    func run() -> ([CatalogBuilder.Track], [BuildReport.Skipped], Int) {
        let results = Results(count: files.count)
        let ids = Self.uniqueIDs(files)
        let workers = max(1, min(options.jobs, files.count))
        let this = self
        DispatchQueue.concurrentPerform(iterations: workers) { _ in
            let analyzer = TrackAnalyzer(parameters: this.options.features, maxSeconds: this.options.maxSeconds)
            while let i = results.next() {
                let outcome = this.process(index: i, id: ids[i], analyzer: analyzer)
                let done = results.store(i, outcome)
                this.events(.extracted(done: done, total: this.files.count, file: this.files[i]))
            }
        }
        var tracks: [CatalogBuilder.Track] = [], skipped: [BuildReport.Skipped] = [], extracted = 0
        for outcome in results.values {
            switch outcome {
            case .track(let t, let fresh)?:
                tracks.append(t)
                if fresh { extracted += 1 }
            case .skipped(let s)?: skipped.append(s)
            case nil: break
            }
        }
        return (tracks, skipped, extracted)
    }

    func process(index i: Int, id: String, analyzer: TrackAnalyzer) -> Outcome {
        let file = files[i]
        let path = options.dataset.appendingPathComponent(file).path
        do {
            let hash = try cache.contentHash(relativePath: file, absolutePath: path)
            if let entry = cache.load(hash: hash) {
                let track = CatalogBuilder.Track(id: id, file: file, features: entry.features, tags: entry.tags, format: entry.container,
                                                 duration: entry.fileDuration)
                if let plots, !reusePlots(id: id, into: plots) {
                    let analysis = try analyzer.analyze(path: path)
                    try TrackPlots.write(id: id, title: entry.tags.title ?? CatalogBuilder.fallbackTitle(file),
                                         detail: analysis.detail, beats: analysis.features.beats, into: plots)
                }
                return .track(track, extracted: false)
            }
            let analysis = try analyzer.analyze(path: path)
            let entry = FeatureCache.Entry(features: analysis.features, tags: analysis.info.tags, sourceRate: analysis.info.sampleRate,
                                           channels: analysis.info.channels, container: analysis.info.container,
                                           fileDuration: analysis.info.duration)
            try? cache.store(entry, hash: hash) // a full disk costs a rebuild later, not this build
            if let plots {
                try TrackPlots.write(id: id, title: analysis.info.tags.title ?? CatalogBuilder.fallbackTitle(file),
                                     detail: analysis.detail, beats: analysis.features.beats, into: plots)
            }
            let track = CatalogBuilder.Track(id: id, file: file, features: analysis.features, tags: analysis.info.tags,
                                             format: analysis.info.container, duration: analysis.info.duration)
            return .track(track, extracted: true)
        } catch let error as AudioError {
            return .skipped(.init(file: file, reason: "\(error.kind.rawValue): \(error.detail)"))
        } catch let error as AnalysisError {
            return .skipped(.init(file: file, reason: error.reason))
        } catch {
            return .skipped(.init(file: file, reason: "\(error)"))
        }
    }

    /// Hard-links (or copies) the previous build's plots of `id`; false when they are missing.
    func reusePlots(id: String, into plots: URL) -> Bool {
        let names = ["\(id)-mfcc.png", "\(id)-tempo.png"]
        let fm = FileManager.default
        guard names.allSatisfy({ fm.fileExists(atPath: previousPlots.appendingPathComponent($0).path) }) else { return false }
        for name in names {
            let from = previousPlots.appendingPathComponent(name), to = plots.appendingPathComponent(name)
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

/// Thread-safe result slots and work counter.
final class Results: @unchecked Sendable {
    private let lock = NSLock()
    private var cursor = 0
    private var done = 0
    private(set) var values: [Extraction.Outcome?]

    init(count: Int) { values = Array(repeating: nil, count: count) }

    func next() -> Int? {
        lock.lock(); defer { lock.unlock() }
        guard cursor < values.count else { return nil }
        cursor += 1
        return cursor - 1
    }

    func store(_ i: Int, _ outcome: Extraction.Outcome) -> Int {
        lock.lock(); defer { lock.unlock() }
        values[i] = outcome
        done += 1
        return done
    }
}
