import AudioIO
import Features
import Foundation
import Support

/// `backbeat build`: scan → extract (parallel, cached) → similarity vectors → neighbour table →
/// data files and plots in a staging folder → atomic swap into the output folder.
///
/// A failed or interrupted build leaves the previous catalog untouched: everything is written
/// into a staging folder beside the output, which replaces it only at the very end.
public final class CatalogBuilder {
    public let options: BuildOptions
    let events: @Sendable (BuildEvent) -> Void
    /// Identifies the generator in the outputs.
    public static let generator = "backbeat 0.1.0"

    public init(options: BuildOptions, events: @escaping @Sendable (BuildEvent) -> Void = { _ in }) {
        self.options = options
        self.events = events
    }

    /// One analysed track, in dataset order.
    struct Track: Sendable {
        var id: String
        var file: String
        var features: TrackFeatures
        var tags: AudioTags
        var format: String
        /// The whole file's duration in seconds.
        var duration: Double
    }

    /// Runs the build. `finish` writes extra content (the site) into the staging folder before
    /// the swap; it receives the staging folder, the document and the report.
    /// - Returns: the report (also written to `data/build.json`).
    @discardableResult
    public func run(finish: (URL, CatalogDocument, BuildReport) throws -> Void = { _, _, _ in }) throws -> BuildReport {
        if let message = options.features.validationError() { throw BuildError.invalidOptions(message) }
        guard options.topK >= 0, options.bottomK >= 0, options.jobs >= 1 else { throw BuildError.invalidOptions("k and jobs must be non-negative") }
        var isDir: ObjCBool = false
        guard FileManager.default.fileExists(atPath: options.dataset.path, isDirectory: &isDir), isDir.boolValue else {
            throw BuildError.noDataset(options.dataset.path)
        }
        var clock = StageClock()

        // 1. Claim the output (refused before any work when it is not ours to replace), then scan.
        var o = options
        o.output = ResolvedPath.of(options.output)
        let staging = try OutputStaging(output: o.output, cache: ResolvedPath.of(o.cacheDirectory))
        for note in staging.notes { events(.warning(note)) }
        var committed = false
        defer { if !committed { staging.discard() } }
        // Backbeat's own output inside the dataset (`-o DATASET/site` with `--audio copy`, an older
        // catalog kept beside the music) is never indexed as new tracks, however either folder is
        // spelled: this output's files silently, another catalog's as skipped rows.
        let keyRoot = ResolvedPath.of(o.dataset)
        let scan = AudioFileScanner.walk(directory: o.dataset.path)
        let nested = NestedCatalogs.listedFiles(scan.files, root: keyRoot)
        let insideOutput: (String) -> Bool = { ResolvedPath.isInside(keyRoot.appendingPathComponent($0).path, o.output.path) }
        let files = scan.files.filter { nested[$0] == nil }
        let refused = scan.refused.filter { !insideOutput($0.path) }.map { BuildReport.Skipped(file: $0.path, reason: $0.reason) }
            + nested.filter { !insideOutput($0.key) }.map { BuildReport.Skipped(file: $0.key, reason: "written by the Backbeat catalog in \($0.value.isEmpty ? "." : $0.value)/ (its copy of a track); not indexed again") }
        events(.scanned(files: files.count))
        clock.lap("scan")

        // 2. Extract. Until `commit()` nothing touches the existing output.
        let plots = staging.url.appendingPathComponent("plots", isDirectory: true)
        let data = staging.url.appendingPathComponent("data", isDirectory: true)
        try FileManager.default.createDirectory(at: plots, withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: data, withIntermediateDirectories: true)
        let cache = try FeatureCache(directory: o.cacheDirectory, parametersKey: o.featureKey)
        let extraction = Extraction(options: o, files: files, cache: cache, plots: o.plots ? plots : nil,
                                    previous: (o.output, staging.owned),
                                    keyRoot: keyRoot, events: events)
        let (tracks, unusable, extracted) = extraction.run()
        // Entries the scan refused (links, names that are not UTF-8, …) are skipped too, listed
        // with the files that failed, in path order.
        let skipped = (refused + unusable).sorted { Array($0.file.utf8).lexicographicallyPrecedes(Array($1.file.utf8)) }
        do {
            try cache.savePathIndex(root: keyRoot.path, keeping: Set(files.map { keyRoot.appendingPathComponent($0).path }))
        } catch {
            events(.warning("the feature cache's path index could not be saved (\(ErrorText.line(error))); the next build reads every file again to hash it"))
        }
        cache.prune(featureVersion: o.features.version)
        clock.lap("extract")
        for s in skipped { events(.skipped(file: s.file, reason: s.reason)) }
        if o.strict, let first = skipped.first {
            throw BuildError.strictSkip(count: skipped.count, first: "\(first.file): \(first.reason)")
        }
        guard !tracks.isEmpty else {
            throw BuildError.noTracks(dataset: o.dataset.path, scanned: files.count, skipped: skipped.count)
        }

        // 3. Similarity vectors and the neighbour table.
        events(.stage("neighbour table"))
        let layout = DescriptorLayout(mfccCount: o.features.mfccCount)
        let model = SimilarityModel(fitting: tracks.map(\.features.descriptor), layout: layout, weights: o.weights)
        let vectors = tracks.map { SimilaritySpace.safeVector(model.vector($0.features.descriptor)) }
        let space = try SimilaritySpace.build(vectors: vectors, choice: o.index, topK: o.topK, bottomK: o.bottomK, seed: o.seed)
        try space.writeIndex(to: data.appendingPathComponent("catalog.idx"))
        let segments = tracks.enumerated().flatMap { i, t in t.features.segments.map { (i, $0) } }
        let segmentVectors = segments.map { SimilaritySpace.safeVector(model.vector($0.1.descriptor)) }
        if !segmentVectors.isEmpty {
            try SimilaritySpace.writeIndex(vectors: segmentVectors, choice: o.index, seed: o.seed,
                                           to: data.appendingPathComponent("segments.idx"))
        }
        clock.lap("index")

        // 4. Documents.
        events(.stage("writing data"))
        let parameters = CatalogParameters(
            feature_version: o.features.version, sample_rate: o.features.sampleRate, n_fft: o.features.nFFT,
            hop_length: o.features.hop, n_mels: o.features.melBands, n_mfcc: o.features.mfccCount, max_seconds: o.maxSeconds,
            weights: o.weights, metric: "angular", index: space.kindName, top_k: o.topK, bottom_k: o.bottomK, seed: o.seed)
        let document = CatalogDocument(generator: Self.generator, parameters: parameters, tracks: tracks.enumerated().map { i, t in
            CatalogTrack(id: t.id, file: t.file, title: t.tags.title ?? Self.fallbackTitle(t.file), artist: t.tags.artist,
                         album: t.tags.album, genre: t.tags.genre, duration_s: t.duration, tempo_bpm: t.features.tempo,
                         tempo_confidence: t.features.tempoConfidence,
                         top: space.table.top[i].map { .init(id: tracks[$0.index].id, distance: SimilaritySpace.cosineDistance($0.distance)) },
                         bottom: space.table.bottom[i].map { .init(id: tracks[$0.index].id, distance: SimilaritySpace.cosineDistance($0.distance)) })
        })
        try AtomicFile.write(CatalogExport.neighboursJSON(document), to: data.appendingPathComponent("neighbours.json"))
        try AtomicFile.write(CatalogSchema.neighbours, to: data.appendingPathComponent("neighbours.schema.json"))
        try AtomicFile.write(CatalogExport.neighboursCSV(document), to: data.appendingPathComponent("neighbours.csv"))
        try AtomicFile.write(CatalogExport.tracksCSV(document, summaries: tracks.map {
            .init(onsetMean: $0.features.onsetMean, beats: $0.features.beats.count, mfccMean: $0.features.mfccMean, sourceFormat: $0.format)
        }), to: data.appendingPathComponent("tracks.csv"))
        try AtomicFile.write(CatalogExport.skippedCSV(skipped), to: data.appendingPathComponent("skipped.csv"))
        try AtomicFile.write(NumpyArray.float32(rows: vectors.count, columns: layout.dimension, values: vectors.flatMap { $0 }),
                             to: data.appendingPathComponent("vectors.npy"))
        try AtomicFile.write(NumpyArray.float32(rows: segmentVectors.count, columns: layout.dimension, values: segmentVectors.flatMap { $0 }),
                             to: data.appendingPathComponent("segments.npy"))
        try AtomicFile.write(CatalogExport.segmentsCSV(segments.map { (tracks[$0.0].id, $0.1.start, $0.1.end) }),
                             to: data.appendingPathComponent("segments.csv"))
        let stored = StoredModel(generator: Self.generator, features: o.features, maxSeconds: o.maxSeconds, model: model,
                                 index: space.kindName, trackIDs: tracks.map(\.id), files: tracks.map(\.file),
                                 tempos: tracks.map(\.features.tempo), segmentTrack: segments.map(\.0),
                                 segmentStart: segments.map(\.1.start), segmentEnd: segments.map(\.1.end),
                                 dataChecksums: try Self.checksums(of: ["catalog.idx", "segments.idx", "vectors.npy", "segments.npy"], in: data))
        try stored.write(to: data.appendingPathComponent(StoredModel.fileName))
        if o.plots {
            try TrackPlots.writeCatalog(vectors: vectors, tempos: tracks.map(\.features.tempo), into: plots)
        }
        clock.lap("write")

        var report = BuildReport(tracks: tracks.count, skipped: skipped, extracted: extracted, cached: tracks.count - extracted,
                                 index_kind: space.kindName, measured_recall: space.measuredRecall, seconds: clock.laps)
        // Reproducible builds (SOURCE_DATE_EPOCH set) publish no timings, so every file is identical.
        let reproducible = ProcessInfo.processInfo.environment["SOURCE_DATE_EPOCH"] != nil
        var published = report
        if reproducible { published.seconds = [:] }
        try finish(staging.url, document, published)
        clock.lap("site")
        report.seconds = clock.laps
        try AtomicFile.write(BuildReportFile.json(report), to: data.appendingPathComponent("build.json"))
        let leftovers = try staging.commit(generator: Self.generator)
        committed = true
        for note in leftovers { events(.warning(note)) }
        return report
    }

    /// `data/NAME` → SHA-256 for the files of `names` that exist in `data`.
    static func checksums(of names: [String], in data: URL) throws -> [String: String] {
        var sums: [String: String] = [:]
        for name in names where FileManager.default.fileExists(atPath: data.appendingPathComponent(name).path) {
            sums["data/" + name] = try ContentHash.of(path: data.appendingPathComponent(name).path)
        }
        return sums
    }

    /// The file name without folders and extension: the title of an untagged track.
    static func fallbackTitle(_ file: String) -> String {
        ((file as NSString).lastPathComponent as NSString).deletingPathExtension
    }
}

/// Build failures the CLI reports as one line.
public enum BuildError: Error, CustomStringConvertible {
    case invalidOptions(String)
    case noDataset(String)
    case noTracks(dataset: String, scanned: Int, skipped: Int)
    case strictSkip(count: Int, first: String)
    case output(String)

    public var description: String {
        switch self {
        case .invalidOptions(let m): return "invalid options: \(m)"
        case .noDataset(let p): return "\(p): not a folder"
        case .noTracks(let dataset, let scanned, let skipped):
            return scanned == 0 ? "\(dataset): no audio files found (looked for \(AudioFileScanner.extensions.sorted().joined(separator: ", ")))"
                : "no usable track: all \(scanned) audio files were skipped (\(skipped)); see the reasons above"
        case .strictSkip(let count, let first): return "--strict: \(count) file(s) skipped, first: \(first)"
        case .output(let m): return "cannot write the output: \(m)"
        }
    }
}

/// Wall time per stage.
struct StageClock {
    private var last = DispatchTime.now().uptimeNanoseconds
    private(set) var laps: [String: Double] = [:]
    mutating func lap(_ name: String) {
        let now = DispatchTime.now().uptimeNanoseconds
        laps[name, default: 0] += Double(now - last) / 1e9
        last = now
    }
}
