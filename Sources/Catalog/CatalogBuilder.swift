import AudioIO
import Features
import NeighbourIndex
import Foundation
import Playlists
import Plotting
import Support

/// `backbeat build`, as a sequence of stages that take and return values:
///
/// ```
/// prepare(): claim output → scan → extract → neighbour space → data files → catalog plots
///            ⇒ StagedCatalog (a complete catalog in a staging folder beside the output)
/// caller:    anything else that belongs in the catalog (the site) is written into staged.folder
/// commit():  build report → manifest → one atomic exchange with the old catalog
/// ```
///
/// A failed or interrupted build leaves the previous catalog untouched: everything is written
/// into the staging folder, which replaces the output only in ``commit(_:)``; a staged catalog
/// that is never committed is removed.
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

    /// Builds the catalog into a staging folder (every stage but ``BuildStage/site``).
    public func prepare() throws -> StagedCatalog {
        try checkOptions()
        var clock = StageClock()
        let o = resolvedOptions()
        let staging = try OutputStaging(output: o.output, cache: ResolvedPath.of(o.cacheDirectory))
        for note in staging.notes { events(.warning(note)) }
        let staged = StagedCatalog(staging: staging)
        let found = scan(o)
        clock.lap(.scan)
        var analysed = try extract(found, o, staging: staging)
        clock.lap(.extract)
        events(.stage(.index))
        let space = try neighbourSpace(&analysed.tracks, o, data: staging.data)
        clock.lap(.index)
        events(.stage(.write))
        var report = BuildReport(tracks: analysed.tracks.count, skipped: analysed.skipped, extracted: analysed.extracted,
                                 cached: analysed.tracks.count - analysed.extracted, indexKind: space.indexKind,
                                 measuredRecall: space.measuredRecall,
                                 measuredBottomRecall: space.measuredBottomRecall, seconds: [:])
            .with(inputsKey: analysed.inputsKey)
        let tempos = analysed.tracks.map(\.features.tempo)
        let tables = try writeData(consume analysed, consume space, o, data: staging.data)
        if o.plots {
            try TrackPlots.writeCatalog(points: tables.map, tempos: tempos, into: staging.plots)
        }
        clock.lap(.write)
        report.seconds = clock.laps
        staged.finish(tables: tables, clock: clock, files: try CatalogFiles(folder: staging.url, knownSize: TrackPlots.size(of:)),
                      report: report)
        return staged
    }

    /// Publishes a staged catalog: releases its tables (see ``StagedCatalog/releaseTables()``), writes
    /// `data/build.json` and the manifest, then replaces the output.
    /// - Returns: the report, with the time of every stage.
    @discardableResult
    public func commit(_ staged: StagedCatalog) throws -> BuildReport {
        let start = DispatchTime.now().uptimeNanoseconds
        staged.releaseTables()
        Platform.releaseFreeMemory()
        var report = staged.finalReport()
        try AtomicFile.write(BuildReportFile.json(report), to: staged.staging.data.appendingPathComponent("build.json"))
        for note in try staged.staging.commit(generator: Self.generator) { events(.warning(note)) }
        staged.committed = true
        // The publishing time is known only now: the report in place gets it (an atomic rewrite of
        // the one file the manifest lists without a checksum). Reproducible builds publish no times.
        report.seconds[.publish] = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        if BuildReportFile.sourceDateEpoch == nil {
            do {
                try AtomicFile.write(BuildReportFile.json(report), to: resolvedOptions().output.appendingPathComponent("data/build.json"))
            } catch {
                events(.warning("data/build.json could not be updated with the publishing time (\(ErrorText.line(error)))"))
            }
        }
        return report
    }

    /// ``prepare()``, then `site` (given the staged catalog, timed as ``BuildStage/site``), then
    /// ``commit(_:)``.
    @discardableResult
    public func run(site: (StagedCatalog) throws -> Void = { _ in }) throws -> BuildReport {
        let staged = try prepare()
        try staged.time(.site) { try site(staged) }
        return try commit(staged)
    }

    // MARK: Stages

    func checkOptions() throws {
        if let message = options.features.validationError() { throw CatalogError.invalidOptions(message) }
        guard options.topK >= 0, options.bottomK >= 0, options.jobs >= 1 else { throw CatalogError.invalidOptions("k and jobs must be non-negative") }
        guard options.spread.maxPerArtist >= 0, options.spread.maxPerAlbum >= 0 else { throw CatalogError.invalidOptions("artist and album caps must be ≥ 0 (0: no cap)") }
        var isDir: ObjCBool = false
        guard FileManager.default.fileExists(atPath: options.dataset.path, isDirectory: &isDir), isDir.boolValue else {
            throw CatalogError.noDataset(options.dataset.path)
        }
    }

    /// The options with the output's links resolved (`-o LINK` updates the catalog it points to).
    func resolvedOptions() -> BuildOptions {
        var o = options
        o.output = ResolvedPath.of(options.output)
        return o
    }

    /// What the scan found: the files to analyse and the entries refused, with reasons.
    struct Scanned {
        var files: [String]
        var refused: [BuildReport.Skipped]
        /// The dataset with links resolved: cache keys and output checks use it.
        var root: URL
    }

    /// Lists the dataset's audio files. Backbeat's own output inside the dataset (`-o DATASET/site`
    /// with `--audio copy`, an older catalog kept beside the music) is never indexed as new tracks,
    /// however either folder is spelled: this output's files silently, another catalog's as
    /// skipped rows.
    func scan(_ o: BuildOptions) -> Scanned {
        let found = Self.scan(dataset: o.dataset, output: o.output)
        events(.scanned(files: found.files.count))
        return found
    }

    /// The scan of `dataset`, leaving out `output`'s files (nil: none) and other catalogs' copies.
    static func scan(dataset: URL, output: URL?) -> Scanned {
        let root = ResolvedPath.of(dataset)
        let walk = AudioFileScanner.walk(directory: dataset.path)
        let nested = NestedCatalogs.listedFiles(walk.files, root: root)
        let insideOutput: (String) -> Bool = { path in output.map { ResolvedPath.isInside(root.appendingPathComponent(path).path, $0.path) } ?? false }
        let refused = walk.refused.filter { !insideOutput($0.path) }.map { BuildReport.Skipped(file: $0.path, reason: $0.reason) }
            + nested.filter { !insideOutput($0.key) }.map {
                BuildReport.Skipped(file: $0.key, reason: "written by the Backbeat catalog in \($0.value.isEmpty ? "." : $0.value)/ (its copy of a track); not indexed again")
            }
        return Scanned(files: walk.files.filter { nested[$0] == nil }, refused: refused, root: root)
    }

    /// The analysed tracks, every skipped entry (refused or failed) in path order, and how many
    /// contents were analysed in this build.
    struct Analysed {
        var tracks: [Track]
        var skipped: [BuildReport.Skipped]
        var extracted: Int
        /// The inputs key (``inputsKey(_:hashes:)``) of what was read; nil when a file could not be
        /// hashed or was skipped for a reason that may not recur (the next build must try again).
        var inputsKey: String?
    }

    /// Extracts features (cached) and draws per-track plots into the staging folder.
    func extract(_ found: Scanned, _ o: BuildOptions, staging: OutputStaging) throws -> Analysed {
        let cache = try FeatureCache(directory: o.cacheDirectory, parametersKey: o.featureKey)
        // A --cache-from folder that is the build's own cache would be pruned and written: drop it.
        cache.fallbacks = o.cacheFrom.filter { ResolvedPath.of($0).path != ResolvedPath.of(o.cacheDirectory).path }
        var extraction = Extraction(options: o, files: found.files, cache: cache, plots: o.plots ? staging.plots : nil,
                                    previous: (o.output, staging.owned), keyRoot: found.root, events: events)
        extraction.plotCache = PlotCache(caches: [o.cacheDirectory] + cache.fallbacks, parametersKey: o.featureKey)
        extraction.requireCached = o.requireCached
        let produced = extraction.run()
        let skipped = (found.refused + produced.skipped).sorted { UTF8Order.precedes($0.file, $1.file) }
        do {
            try cache.savePathIndex(root: found.root.path, keeping: Set(found.files.map { found.root.appendingPathComponent($0).path }))
            cache.prune(featureVersion: o.features.version) // only with an index that says what is in use
        } catch {
            events(.warning("the feature cache's path index could not be saved (\(ErrorText.line(error))); the next build reads every file again to hash it"))
        }
        if !produced.failed.isEmpty {
            let others = ShardExtraction.otherFeatureKeys(in: [o.cacheDirectory] + cache.fallbacks, than: o.featureKey)
            throw CatalogError.notCached(produced.failed, otherParameters: others.isEmpty ? nil : (others, o.featureKey))
        }
        for s in skipped { events(.skipped(file: s.file, reason: s.reason)) }
        if o.strict, let first = skipped.first {
            throw CatalogError.strictSkip(count: skipped.count, first: "\(first.file): \(first.reason)")
        }
        guard !produced.tracks.isEmpty else {
            throw CatalogError.noTracks(dataset: o.dataset.path, scanned: found.files.count, skipped: skipped.count)
        }
        let hashes = produced.hashes.compactMap { $0 }
        return Analysed(tracks: produced.tracks, skipped: skipped, extracted: produced.extracted,
                        inputsKey: hashes.count == found.files.count && !produced.transient ? inputsKey(found, hashes: hashes) : nil)
    }

    /// The fitted model, the tracks' and segments' similarity vectors, and the neighbour space.
    struct Neighbourhood {
        var model: SimilarityModel
        /// Every track's similarity vector, unit length (one block shared with the index while it lives).
        var vectors: VectorSet
        /// (track row, segment) for every segment, and its vector.
        var segments: [(Int, TrackFeatures.Segment)]
        /// The index kind and the measured recall of the table (the index and the table themselves
        /// are written and released within ``neighbourSpace(_:_:data:)``: 0.3 GB at 100,000 tracks).
        var indexKind: String
        var measuredRecall: Double
        var measuredBottomRecall: Double
        /// The published lists (hub-corrected, versions aside, capped).
        var lists: Recommendations
        /// The recording of every row (``CatalogRadios/recordings(versions:)``) and its radio.
        var recordings: [Int]
        var radios: [[Int]]
        /// Every track's `[x, y]` on the catalog map (``TrackPlots/mapLayout(vectors:neighbours:)``).
        var map: [[Double]]
        /// Every track's groove hue on the map (``GrooveColour``).
        var grooveHues: [Int]
    }

    /// Fits the similarity model, builds the neighbour table and writes the two indexes. The raw
    /// descriptors of `tracks` (and of their segments) are released once the similarity vectors
    /// are made, and the fingerprints once versions are found: nothing after needs them, and at
    /// 100,000 tracks they are 0.3 GB and 45 MB.
    func neighbourSpace(_ tracks: inout [Track], _ o: BuildOptions, data: URL) throws -> Neighbourhood {
        let layout = DescriptorLayout(mfccCount: o.features.mfccCount)
        let model = SimilarityModel(fitting: tracks.map(\.features.descriptor), layout: layout, weights: o.weights)
        try Self.writeSegments(try Self.segmentVectors(releasing: &tracks, model: model), o, data: data)
        let vectors = try Self.trackVectors(releasing: &tracks, model: model)
        let segments = tracks.enumerated().flatMap { i, t in t.features.segments.map { (i, $0) } }
        let shortlist = HubCorrection.shortlist(k: o.topK, count: vectors.count)
        // The index adopts the normalised block the catalog keeps (shared, not copied).
        let space = try SimilaritySpace.build(vectors: vectors, choice: o.index, topK: shortlist, recallK: o.topK, bottomK: o.bottomK, seed: o.seed)
        // The map's layout runs on one thread, and so does finding versions below: side by side.
        let map = Slots<[[Double]]>(count: 1), hues = Slots<[Int]>(count: 1)
        let mapDone = DispatchGroup()
        let nearest = space.table.top.map { $0.prefix(TrackPlots.mapNeighbours).map(\.index) }
        DispatchQueue.global().async(group: mapDone) {
            _ = map.store(0, TrackPlots.mapLayout(vectors: vectors, neighbours: nearest))
            _ = hues.store(0, GrooveColour.hues(vectors: vectors, layout: layout))
        }
        let lists = Recommendations.make(table: space.table, evidence: tracks.map { Versions.Evidence(duration: $0.duration, fingerprint: $0.features.fingerprint) },
                                         groups: tracks.map { SpreadGroup(tags: $0.tags) }, k: o.topK, limits: o.spread,
                                         frameRate: o.features.frameRate)
        for i in tracks.indices { tracks[i].features.fingerprint = [] } // only versions read them: 45 MB at 100 k
        try space.writeIndex(to: data.appendingPathComponent("catalog.idx"))
        let recordings = CatalogRadios.recordings(versions: lists.versions)
        let radios = CatalogRadios.make(vectors: vectors, tempos: tracks.map(\.features.tempo), groups: tracks.map { SpreadGroup(tags: $0.tags) },
                                        recordings: recordings, index: space.index, table: space.table,
                                        limits: .defaults)
        mapDone.wait()
        return Neighbourhood(model: model, vectors: vectors, segments: segments, indexKind: space.kindName,
                             measuredRecall: space.measuredRecall, measuredBottomRecall: space.measuredBottomRecall, lists: lists,
                             recordings: recordings, radios: radios, map: map.values[0] ?? [],
                             grooveHues: hues.values[0] ?? [])
    }

    /// Every segment's similarity vector as one set (`segmentCount × model.vectorDimension`, written
    /// straight into the set's storage, which the segment index then takes); each segment's raw
    /// descriptor is emptied as soon as it is mapped. Runs before ``trackVectors(releasing:model:)``,
    /// so the two sets are never alive at once (at 100,000 five-second clips 146 MB and 158 MB: the
    /// freed descriptors' memory is scattered among live features and stays with the process).
    static func segmentVectors(releasing tracks: inout [Track], model: SimilarityModel) throws -> VectorSet {
        let d = model.vectorDimension
        let segmentCount = tracks.reduce(0) { $0 + $1.features.segments.count }
        return try VectorSet(dimension: d, count: segmentCount) { out in
            var row = 0
            for i in tracks.indices {
                for s in tracks[i].features.segments.indices {
                    let v = SimilaritySpace.safeVector(model.vector(tracks[i].features.segments[s].descriptor))
                    _ = UnsafeMutableBufferPointer(rebasing: out[row * d ..< (row + 1) * d]).update(fromContentsOf: v)
                    tracks[i].features.segments[s].descriptor = []
                    row += 1
                }
            }
        }
    }

    /// Every track's similarity vector (`tracks.count × model.vectorDimension`), written straight
    /// into the set's storage and normalised as the angular index stores them, so the catalog and its
    /// index share one block (158 MB at 100,000 tracks). Each track's raw descriptor is emptied as soon
    /// as it is mapped.
    static func trackVectors(releasing tracks: inout [Track], model: SimilarityModel) throws -> VectorSet {
        let d = model.vectorDimension
        var vectors = try VectorSet(dimension: d, count: tracks.count) { out in
            for i in tracks.indices {
                let v = SimilaritySpace.safeVector(model.vector(tracks[i].features.descriptor))
                _ = UnsafeMutableBufferPointer(rebasing: out[i * d ..< (i + 1) * d]).update(fromContentsOf: v)
                tracks[i].features.descriptor = []
            }
        }
        try vectors.normaliseRows()
        return vectors
    }

    /// Writes `segments.npy` and `segments.idx` from the segment set of ``segmentVectors(releasing:model:)``,
    /// which the index takes, so it is released before the catalog's own table is built (146 MB at
    /// 100,000 five-second clips).
    static func writeSegments(_ set: consuming VectorSet, _ o: BuildOptions, data: URL) throws {
        let rows = set.count, dimension = set.dimension
        try AtomicFile.stream(to: data.appendingPathComponent("segments.npy")) { file in
            try set.withValues { try NumpyArray.writeFloat32(values: $0, rows: rows, columns: dimension, to: file) }
        }
        if rows > 0 {
            try SimilaritySpace.writeIndex(vectors: consume set, choice: o.index, seed: o.seed, to: data.appendingPathComponent("segments.idx"))
        }
    }

    /// Writes every file of `data/` but the build report; returns the catalog's tables (the
    /// published document, the per-track summaries and the segments) for later stages.
    ///
    /// It takes the analysed tracks and the neighbourhood, and writes in the order that keeps the
    /// fewest large things alive at once: the vectors and the stored model first (its JSON encoding
    /// is ≈ 1 KB a track while it lasts), then the document, after which the vectors, lists and
    /// features are released (at 100,000 tracks ≈ 0.3 GB) before the exports stream from it.
    func writeData(_ analysed: consuming Analysed, _ n: consuming Neighbourhood, _ o: BuildOptions, data: URL) throws -> CatalogTables {
        let tracks = analysed.tracks, skipped = analysed.skipped
        _ = consume analysed
        try AtomicFile.stream(to: data.appendingPathComponent("vectors.npy")) { file in
            try n.vectors.withValues { try NumpyArray.writeFloat32(values: $0, rows: n.vectors.count, columns: n.model.vectorDimension, to: file) }
        }
        try Self.writeModel(tracks, n, o, data: data)
        let route = Self.routeData(n)
        let summaries = tracks.map {
            CatalogExport.TrackSummary(onsetMean: $0.features.onsetMean, beats: $0.features.beats.count, mfccMean: $0.features.mfccMean,
                                       sourceFormat: $0.format)
        }
        let segmentRows = n.segments.map { CatalogTables.Segment(trackID: tracks[$0.0].id, start: $0.1.start, end: $0.1.end) }
        // The reasons are all the document needs the vectors for: the vectors go before it is built
        // (158 MB at 100 k tracks, alive beside the whole document before).
        var reasons = Self.reasons(tracks, n)
        n.vectors = try VectorSet(dimension: n.vectors.dimension, count: 0) { _ in }
        let document = Self.document(tracks, n, o, reasons: &reasons)
        let (map, hues) = (n.map, n.grooveHues)
        _ = consume n
        _ = consume tracks
        try AtomicFile.stream(to: data.appendingPathComponent("neighbours.json")) { file in try CatalogExport.neighboursJSON(document, emit: file.write) }
        try AtomicFile.write(CatalogSchema.neighbours, to: data.appendingPathComponent("neighbours.schema.json"))
        try AtomicFile.stream(to: data.appendingPathComponent("neighbours.csv")) { file in try CatalogExport.neighboursCSV(document, emit: file.write) }
        try AtomicFile.stream(to: data.appendingPathComponent("tracks.csv")) { file in
            try CatalogExport.tracksCSV(document, summaries: summaries, emit: file.write)
        }
        try AtomicFile.write(CatalogExport.skippedCSV(skipped), to: data.appendingPathComponent("skipped.csv"))
        try AtomicFile.write(CatalogExport.segmentsCSV(segmentRows.map { ($0.trackID, $0.start, $0.end) }),
                             to: data.appendingPathComponent("segments.csv"))
        return CatalogTables(document: document, summaries: summaries, segments: segmentRows, skipped: skipped,
                             route: route, map: map, grooveHues: hues)
    }

    /// `data/model.json` (``StoredModel``): what `query` needs, with the checksums of the index and
    /// vector files already written.
    static func writeModel(_ tracks: [Track], _ n: Neighbourhood, _ o: BuildOptions, data: URL) throws {
        let stored = StoredModel(generator: Self.generator, features: o.features, maxSeconds: o.maxSeconds, model: n.model,
                                 index: n.indexKind, trackIDs: tracks.map(\.id), files: tracks.map(\.file),
                                 tempos: tracks.map(\.features.tempo), segmentTrack: n.segments.map(\.0),
                                 segmentStart: n.segments.map(\.1.start), segmentEnd: n.segments.map(\.1.end),
                                 density: n.lists.density, groups: tracks.map { SpreadGroup(tags: $0.tags) }, spread: o.spread,
                                 recordings: n.recordings, datasetFromCatalog: RelativeURL.relativePath(from: o.output, to: ResolvedPath.of(o.dataset)),
                                 dataChecksums: try Self.checksums(of: ["catalog.idx", "segments.idx", "vectors.npy", "segments.npy"], in: data))
        try stored.write(to: data.appendingPathComponent(StoredModel.fileName))
    }

    /// Why each listed pair matches (``MatchReason``), per track: its top list's, then its bottom
    /// list's, in list order. Phrases repeat (a few hundred distinct among millions of matches), so
    /// one copy of each is stored.
    static func reasons(_ tracks: [Track], _ n: Neighbourhood) -> [(top: [MatchReason], bottom: [MatchReason])] {
        var phrases: [String: String] = [:]
        func explain(_ list: [Recommendation], of i: Int) -> [MatchReason] {
            n.vectors.withRow(i) { a in
                list.map { m in
                    var why = n.vectors.withRow(m.row) { b in
                        MatchReason.explain(a, b, layout: n.model.layout, tempoA: tracks[i].features.tempo, tempoB: tracks[m.row].features.tempo)
                    }
                    if let stored = phrases[why.phrase] { why.phrase = stored } else { phrases[why.phrase] = why.phrase }
                    return why
                }
            }
        }
        return tracks.indices.map { (explain(n.lists.top[$0], of: $0), explain(n.lists.bottom[$0], of: $0)) }
    }

    /// The published form of the catalog (`data/neighbours.json`); `reasons` (``reasons(_:_:)``) are moved into it, each track's emptied as
    /// it is used.
    static func document(_ tracks: [Track], _ n: Neighbourhood, _ o: BuildOptions,
                         reasons: inout [(top: [MatchReason], bottom: [MatchReason])]) -> CatalogDocument {
        let parameters = CatalogParameters(
            featureVersion: o.features.version, sampleRate: o.features.sampleRate, nFFT: o.features.nFFT,
            hopLength: o.features.hop, nMels: o.features.melBands, nMFCC: o.features.mfccCount, maxSeconds: o.maxSeconds,
            weights: Dictionary(uniqueKeysWithValues: o.weights.map { ($0.key.rawValue, $0.value) }), metric: "angular",
            index: n.indexKind, topK: o.topK, bottomK: o.bottomK, seed: o.seed, spread: o.spread)
        func neighbours(_ list: [Recommendation], _ why: [MatchReason]) -> [CatalogTrack.Neighbour] {
            zip(list, why).map { .init(id: tracks[$0.row].id, distance: $0.distance, score: $0.score, why: $1) }
        }
        return CatalogDocument(generator: generator, parameters: parameters, tracks: tracks.enumerated().map { i, t in
            let why = reasons[i]
            reasons[i] = ([], [])
            return CatalogTrack(id: t.id, file: t.file, title: t.tags.title ?? fallbackTitle(t.file), artist: t.tags.artist,
                         album: t.tags.album, genre: t.tags.genre, track: t.tags.track, disc: t.tags.disc, albumArtist: t.tags.albumArtist, durationSeconds: t.duration, tempoBPM: t.features.tempo,
                         tempoConfidence: t.features.tempoConfidence, top: neighbours(n.lists.top[i], why.top),
                         bottom: neighbours(n.lists.bottom[i], why.bottom), versions: n.lists.versions[i].map { tracks[$0].id },
                         radio: n.radios[i].map { tracks[$0].id })
        })
    }

    /// The site's route data: the vectors' first ``RouteData/dimensions`` principal components (fitted
    /// on at most 20,000 evenly spaced tracks),
    /// quantised (nil when the PCA cannot run, e.g. fewer dimensions than components).
    static func routeData(_ n: Neighbourhood) -> RouteData? {
        guard n.vectors.count > 0, n.vectors.dimension >= RouteData.dimensions,
              let fit = try? PCA.fit(count: n.vectors.count, components: RouteData.dimensions, sample: 20_000, maxIterations: 60,
                                     tolerance: 1e-8, row: n.vectors.row) else { return nil }
        let largest = fit.points.reduce(0.0) { m, p in p.reduce(m) { max($0, abs($1)) } }
        let scale = largest > 0 ? 127 / largest : 0
        return RouteData(coordinates: fit.points.map { $0.map { Int(($0 * scale).rounded()) } }, recordings: n.recordings)
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
