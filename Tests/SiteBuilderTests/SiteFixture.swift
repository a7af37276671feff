import Catalog
import Foundation
import TestScratch
@testable import SiteBuilder

/// A synthetic dataset, catalog and output folder in a fresh temporary directory:
/// `<tmp>/dataset` (tiny real WAV clips with hostile names), `<tmp>/site` (with dummy `data/` and
/// `plots/` files, as the build leaves them).
struct SiteFixture {
    let root: URL
    let dataset: URL
    let output: URL
    let document: CatalogDocument
    let report: BuildReport

    /// Dataset-relative file names that try to break HTML, URLs and JSON.
    static let hostileFiles = [
        "<img src=x onerror=alert(1)>.wav",
        "quote\"s & 'apostrophes'.wav",
        "hash#and%percent?.wav",
        "sub dir/ünïcödé 日本語 track.wav",
        "sub dir/deeper/plain.wav",
        "spaces and  double  spaces.WAV",
        "zz-last.wav",
    ]

    /// Title tag for a file, some hostile, some absent (then the stem, as the catalog does).
    static func title(for file: String, index: Int) -> String {
        switch index {
        case 0: return "<img src=x onerror=alert(1)>"
        case 1: return "He said \"hi\" & left </script><script>alert(3)</script>"
        case 2: return "Line\u{2028}separator & <!-- comment"
        case 3: return "Combining \"\u{301} onmouseover=alert(5) x=\"\u{301}"
        default: return ((file as NSString).lastPathComponent as NSString).deletingPathExtension
        }
    }

    init(trackCount: Int? = nil, writePlots: Bool = true) throws {
        root = Scratch.directory("sitebuilder")
        dataset = root.appendingPathComponent("dataset", isDirectory: true)
        output = root.appendingPathComponent("site", isDirectory: true)
        let fm = FileManager.default
        try fm.createDirectory(at: output.appendingPathComponent("data"), withIntermediateDirectories: true)
        try fm.createDirectory(at: output.appendingPathComponent("plots"), withIntermediateDirectories: true)

        var files = Self.hostileFiles
        if let trackCount, trackCount > files.count {
            files += (files.count..<trackCount).map { String(format: "bulk/clip %05d.wav", $0) }
        }
        let wav = Self.wav(seconds: 0.25)
        var tracks: [CatalogTrack] = []
        for (i, file) in files.enumerated() {
            let url = dataset.appendingPathComponent(file)
            try fm.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try wav.write(to: url)
            tracks.append(CatalogTrack(
                id: TrackID.make(relativePath: file), file: file, title: Self.title(for: file, index: i),
                artist: i % 3 == 0 ? nil : (i == 1 ? "AC/DC & <b>Friends</b>" : "Artist \(i % 4)"),
                album: i == 2 ? "Album “quoted” \u{2029} end" : nil, genre: i == 1 ? "Rock & Roll" : nil,
                durationSeconds: 30 + Double(i % 7) * 11.5, tempoBPM: i == 4 ? 0 : 80 + Double(i * 37 % 90) + 0.25,
                tempoConfidence: Double(i % 10) / 10, top: [], bottom: []))
        }
        tracks.sort { Array($0.file.utf8).lexicographicallyPrecedes(Array($1.file.utf8)) }
        let k = min(5, tracks.count - 1)
        for i in tracks.indices {
            let others = tracks.indices.filter { $0 != i }
            let distance = { (j: Int) -> Double in Double((i * 7 + j * 13) % 97) / 48.5 }
            let ranked = others.sorted { (distance($0), tracks[$0].id) < (distance($1), tracks[$1].id) }
            let why = MatchReason(shares: [.groove: 0.6, .pulse: -0.3, .tempo: 0, .timbre: 0.1],
                                  phrase: "same groove, tempo <2> % apart & \"different\" instruments")
            tracks[i].top = ranked.prefix(k).map { .init(id: tracks[$0].id, distance: distance($0), score: 1 - distance($0), why: why) }
            tracks[i].bottom = ranked.reversed().prefix(k).map { .init(id: tracks[$0].id, distance: distance($0), score: 1 - distance($0), why: why) }
        }
        let parameters = CatalogParameters(
            featureVersion: 6, sampleRate: 22_050, nFFT: 2048, hopLength: 512, nMels: 128, nMFCC: 20,
            maxSeconds: nil, weights: ["rhythm": 1.5, "mfcc_mean": 0.5, "tempo": 1], metric: "cosine",
            index: "auto", topK: k, bottomK: k, seed: 42)
        document = CatalogDocument(generator: "backbeat 0.1.0", parameters: parameters, tracks: tracks)
        report = BuildReport(
            tracks: tracks.count,
            skipped: [.init(file: "broken <script>alert(4)</script>.mp3", reason: "cannot decode: \"bad header\" & more"),
                      .init(file: "silent.wav", reason: "silent")],
            extracted: tracks.count, cached: 0, indexKind: "exact", measuredRecall: 1,
            seconds: [.scan: 0.012, .extract: 41.5, .index: 0.3, .write: 0.05, .site: 3.2])

        for name in ["neighbours.json", "tracks.csv", "neighbours.csv", "vectors.npy", "skipped.csv"] {
            try Data("x".utf8).write(to: output.appendingPathComponent("data/" + name))
        }
        if writePlots {
            let png = Self.png(width: 640, height: 240)
            for track in tracks {
                let mfcc = output.appendingPathComponent(CatalogPaths.plot(track.id, kind: "mfcc"))
                try FileManager.default.createDirectory(at: mfcc.deletingLastPathComponent(), withIntermediateDirectories: true)
                try png.write(to: mfcc)
                try Self.png(width: 640, height: 360).write(to: output.appendingPathComponent(CatalogPaths.plot(track.id, kind: "tempo")))
            }
            try Self.png(width: 640, height: 480).write(to: output.appendingPathComponent("plots/catalog-map.png"))
            try Self.png(width: 640, height: 320).write(to: output.appendingPathComponent("plots/tempo-histogram.png"))
        }
    }

    func remove() { try? FileManager.default.removeItem(at: root) }

    /// Writes the site for this fixture into ``output``, with `options` (default: the fixture's
    /// dataset as the audio root, everything else default).
    func writeSite(_ options: SiteOptions? = nil) throws {
        try SiteBuilder.write(document: document, report: report, outputDirectory: output, files: try CatalogFiles(folder: output),
                              options: options ?? SiteOptions(datasetRoot: dataset), map: mapPoints,
                              grooveHues: document.tracks.indices.map { $0 * 47 % 360 })
    }

    /// Map positions for the fixture's tracks: a spiral, so the interactive map has points to draw.
    var mapPoints: [[Double]] {
        document.tracks.indices.map { i in [Double(i) * cos(Double(i) * 0.7), Double(i) * sin(Double(i) * 0.7)] }
    }

    /// A mono 16-bit 8 kHz WAV of a 440 Hz tone.
    static func wav(seconds: Double) -> Data {
        let rate = 8000, n = Int(seconds * Double(rate))
        var d = Data()
        func u32(_ v: Int) { withUnsafeBytes(of: UInt32(v).littleEndian) { d.append(contentsOf: $0) } }
        func u16(_ v: Int) { withUnsafeBytes(of: UInt16(v).littleEndian) { d.append(contentsOf: $0) } }
        d.append(contentsOf: Array("RIFF".utf8)); u32(36 + 2 * n); d.append(contentsOf: Array("WAVEfmt ".utf8))
        u32(16); u16(1); u16(1); u32(rate); u32(2 * rate); u16(2); u16(16)
        d.append(contentsOf: Array("data".utf8)); u32(2 * n)
        for i in 0..<n {
            let s = Int16(8000 * sin(2 * Double.pi * 440 * Double(i) / Double(rate)))
            withUnsafeBytes(of: s.littleEndian) { d.append(contentsOf: $0) }
        }
        return d
    }

    /// Not a decodable image: a PNG signature and IHDR size only, which is all the site reads.
    static func png(width: Int, height: Int) -> Data {
        var d = Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13])
        d.append(contentsOf: Array("IHDR".utf8))
        for v in [width, height] { withUnsafeBytes(of: UInt32(v).bigEndian) { d.append(contentsOf: $0) } }
        return d
    }
}
