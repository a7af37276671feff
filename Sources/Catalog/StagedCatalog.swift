import Foundation

/// A complete catalog in its staging folder, not yet published: what ``CatalogBuilder/prepare()``
/// returns and ``CatalogBuilder/commit(_:)`` publishes. Whatever else belongs in the catalog (the
/// site) is written into ``folder`` in between; a staged catalog that is never committed is
/// removed when it goes away, so a failure between the two leaves the old catalog as it was.
public final class StagedCatalog {
    let staging: OutputStaging
    var committed = false
    private var clock = StageClock()

    /// The staging folder: the catalog's root until it is committed.
    public var folder: URL { staging.url }
    /// The catalog's tables: the published document, per-track summaries, segments, skipped files.
    public private(set) var tables = CatalogTables(document: CatalogDocument(generator: "", parameters: .empty, tracks: []),
                                                   summaries: [], segments: [], skipped: [])
    /// The catalog as published in `data/neighbours.json`.
    public var document: CatalogDocument { tables.document }
    /// What the build did so far, as the site should show it: with `SOURCE_DATE_EPOCH` set
    /// (reproducible builds) it has no timings and is marked ``BuildReport/reproducible``, so every
    /// page is the same from build to build, however much came from a cache.
    public private(set) var report = BuildReport(tracks: 0, skipped: [], extracted: 0, cached: 0, indexKind: "",
                                                 measuredRecall: 0, seconds: [:])
    /// The files the catalog stages wrote and the sizes of its images.
    public private(set) var files = CatalogFiles(written: [], imageSizes: [:])

    init(staging: OutputStaging) { self.staging = staging }

    deinit { if !committed { staging.discard() } }

    func finish(tables: CatalogTables, clock: StageClock, files: CatalogFiles, report: BuildReport) {
        self.tables = tables
        self.clock = clock
        self.files = files
        self.report = report
        if BuildReportFile.sourceDateEpoch != nil {
            self.report.seconds = [:]
            self.report.reproducible = true
        }
    }

    /// Drops the tables once every stage that reads them has run (publishing does not): at 100,000
    /// tracks they are the document alone ≈ 160 MB, and publishing reads 400,000 files.
    func releaseTables() {
        tables = CatalogTables(document: CatalogDocument(generator: "", parameters: .empty, tracks: []),
                               summaries: [], segments: [], skipped: [])
    }

    /// Records that a later stage wrote `path` (relative to ``folder``), so the site links it.
    public func noteWritten(_ path: String) { files.written.insert(path) }

    /// Runs `body` as stage `stage` (its time goes into the report).
    public func time<T>(_ stage: BuildStage, _ body: () throws -> T) rethrows -> T {
        defer { clock.lap(stage) }
        return try body()
    }

    /// The report with every stage's time.
    func finalReport() -> BuildReport {
        var final = report
        final.seconds = clock.laps
        return final
    }
}

/// The files a build's catalog stages wrote (relative to the catalog folder) and the pixel size of
/// each image: what the site links, without looking at the file system again.
public struct CatalogFiles: Sendable, Equatable {
    public var written: Set<String>
    public var imageSizes: [String: ImageSize]

    public struct ImageSize: Sendable, Equatable {
        public var width: Int
        public var height: Int
        public init(width: Int, height: Int) {
            self.width = width
            self.height = height
        }
    }

    public init(written: Set<String>, imageSizes: [String: ImageSize]) {
        self.written = written
        self.imageSizes = imageSizes
    }

    /// The regular files below `folder` and the sizes of its PNG images: `knownSize` where it
    /// knows one (plots of a fixed size), else from the PNG header.
    public init(folder: URL, knownSize: (String) -> ImageSize? = { _ in nil }) throws {
        written = Set(try OwnedTree.regularFiles(in: folder))
        var sizes: [String: ImageSize] = [:]
        for path in written where path.hasSuffix(".png") {
            if let size = knownSize(path) ?? Self.pngSize(folder.appendingPathComponent(path)) { sizes[path] = size }
        }
        imageSizes = sizes
    }

    /// Width and height from a PNG's IHDR chunk (bytes 16–23), or nil if the file is not a PNG.
    static func pngSize(_ url: URL) -> ImageSize? {
        guard let handle = try? FileHandle(forReadingFrom: url) else { return nil }
        defer { try? handle.close() }
        let bytes = [UInt8]((try? handle.read(upToCount: 24)) ?? Data())
        guard bytes.count >= 24, bytes[0..<8] == [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A] else { return nil }
        func be32(_ i: Int) -> Int { bytes[i..<i + 4].reduce(0) { $0 << 8 | Int($1) } }
        let w = be32(16), h = be32(20)
        guard w > 0, h > 0, w < 100_000, h < 100_000 else { return nil }
        return ImageSize(width: w, height: h)
    }
}

/// What a build knows of its catalog in table form, for exporters that run after the data files
/// (the site, the SQLite database): `tracks`, `neighbours`, `segments`, `skipped`, `parameters`.
public struct CatalogTables: Sendable {
    public struct Segment: Sendable, Equatable {
        public var trackID: String
        public var start: Double
        public var end: Double
    }

    /// The published document (`data/neighbours.json`).
    public var document: CatalogDocument
    /// Per track, in document order: the columns of `tracks.csv` beyond the document's.
    public var summaries: [CatalogExport.TrackSummary]
    /// Row r is row r of `segments.npy`.
    public var segments: [Segment]
    public var skipped: [BuildReport.Skipped]
    /// What the site's route page computes routes from (``RouteData``).
    public var route: RouteData? = nil
    /// Per track, in document order, its `[x, y]` on the catalog map (``MapLayout``); empty when
    /// the build has fewer than two tracks.
    public var map: [[Double]] = []
    /// Per track, in document order, its groove hue in degrees (``GrooveColour``); empty when the
    /// build has fewer than three tracks.
    public var grooveHues: [Int] = []
}

/// Compact data for routes computed in the browser (`route.html`): per track, in document order,
/// its similarity vector reduced to ``dimensions`` principal components and quantised to integers
/// in −127…127 (the largest magnitude of the whole set maps to 127), and its recording (versions
/// share one). With the id, title and audio link, about 200 bytes a track in the page's data file
/// (4 MB for 20,000 tracks).
public struct RouteData: Sendable, Equatable {
    public static let dimensions = 16
    public var coordinates: [[Int]]
    public var recordings: [Int]
    public init(coordinates: [[Int]], recordings: [Int]) {
        self.coordinates = coordinates
        self.recordings = recordings
    }
}
