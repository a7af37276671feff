// bench-site: time SiteBuilder.write for a synthetic catalog (plots excluded).
// Usage: swift run -c release bench-site [TRACKS=3415] [--repeat N] [--keep DIR] [--demo] [--browser]
// --browser then loads index.html in headless Chromium (Debian `chromium`) three times: the time
// to its first rows, a filter and a filter reset (each a click that re-filters and re-orders).
// --keep DIR leaves the site in DIR/site; --demo also draws real plots (first 40 tracks, map,
// histogram; untimed) and data files there, to look at the pages in a browser.
import Catalog
import Foundation
import Support
import Synth
import Plotting
import SiteBuilder

var arguments = Array(CommandLine.arguments.dropFirst())
var trackCount = 3415, repeats = 3
var keep: String?
var demo = false, browser = false
while let argument = arguments.first {
    arguments.removeFirst()
    switch argument {
    case "--repeat": repeats = Int(arguments.removeFirst()) ?? 3
    case "--keep": keep = arguments.removeFirst()
    case "--demo": demo = true
    case "--browser": browser = true
    default: trackCount = Int(argument) ?? trackCount
    }
}


func syntheticDocument(_ n: Int, k: Int = 10) -> CatalogDocument {
    var rng = SplitMix64(seed: 42)
    let genres = ["Blues", "Classical", "Country", "Disco", "Hip-Hop", "Jazz", "Metal", "Pop", "Reggae", "Rock"]
    var tracks: [CatalogTrack] = (0..<n).map { i in
        let genre = genres[i % genres.count]
        let file = "\(genre.lowercased())/\(genre.lowercased()).\(String(format: "%05d", i)).mp3"
        return CatalogTrack(id: TrackID.make(relativePath: file), file: file,
                            title: "\(genre) study no. \(i) & friends", artist: "Artist \(i % 97)",
                            album: "Album \(i % 31)", genre: genre, durationSeconds: 29.5 + rng.uniform(),
                            tempoBPM: 70 + 110 * rng.uniform(), tempoConfidence: rng.uniform(), top: [], bottom: [])
    }
    tracks.sort { Array($0.file.utf8).lexicographicallyPrecedes(Array($1.file.utf8)) }
    for i in tracks.indices {
        var top: [CatalogTrack.Neighbour] = [], bottom: [CatalogTrack.Neighbour] = []
        for r in 0..<k {
            let a = (i + 1 + Int(rng.next() % UInt64(n - 1))) % n
            let b = (i + 1 + Int(rng.next() % UInt64(n - 1))) % n
            let why = MatchReason(shares: [.groove: 0.5, .pulse: 0.3, .tempo: 0, .timbre: 0.2],
                                  phrase: "same groove, tempo \(r) % apart, similar instruments")
            top.append(.init(id: tracks[a].id, distance: 0.05 + 0.03 * Double(r), score: 0.5 - 0.03 * Double(r), why: why))
            bottom.append(.init(id: tracks[b].id, distance: 1.6 - 0.03 * Double(r), score: -0.9 + 0.03 * Double(r), why: why))
        }
        tracks[i].top = top
        tracks[i].bottom = bottom
    }
    let parameters = CatalogParameters(featureVersion: 1, sampleRate: 22_050, nFFT: 2048, hopLength: 512, nMels: 128,
                                       nMFCC: 20, maxSeconds: nil, weights: ["mfcc": 1, "rhythm": 2], metric: "cosine",
                                       index: "auto", topK: k, bottomK: k, seed: 42)
    return CatalogDocument(generator: "backbeat bench", parameters: parameters, tracks: tracks)
}

let document = syntheticDocument(trackCount)
let report = BuildReport(tracks: trackCount, skipped: [], extracted: trackCount, cached: 0, indexKind: "forest",
                         measuredRecall: 0.98, seconds: [.scan: 0.1, .extract: 60, .index: 1.2, .write: 0.4])
let base = keep.map { URL(fileURLWithPath: $0) }
    ?? FileManager.default.temporaryDirectory.appendingPathComponent("bench-site-\(ProcessInfo.processInfo.processIdentifier)")
let output = base.appendingPathComponent("site"), dataset = base.appendingPathComponent("dataset")
try FileManager.default.createDirectory(at: output.appendingPathComponent("data"), withIntermediateDirectories: true)
try FileManager.default.createDirectory(at: dataset, withIntermediateDirectories: true)

if demo { try drawDemoPlots(document, into: output) }

print("bench-site: \(trackCount) tracks, top/bottom 10, audio link, plots excluded (release build expected)")
print("run  seconds  pages/s")
var times: [Double] = []
for run in 1...max(1, repeats) {
    let start = DispatchTime.now().uptimeNanoseconds
    try SiteBuilder.write(document: document, report: report, outputDirectory: output, files: try CatalogFiles(folder: output),
                          options: SiteOptions(datasetRoot: dataset, audio: .link))
    let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
    times.append(seconds)
    print(String(format: "%3d  %7.3f  %7.0f", run, seconds, Double(trackCount + 3) / seconds))
}
func size(_ path: String) -> Int {
    ((try? FileManager.default.attributesOfItem(atPath: output.appendingPathComponent(path).path))?[.size] as? NSNumber)?.intValue ?? 0
}
let sample = document.tracks.first.map { "tracks/\($0.id).html" } ?? ""
print(String(format: "best %.3f s (target < 5 s)", times.min() ?? 0))
print("sizes: index.html \(size("index.html")) B, \(sample) \(size(sample)) B, about.html \(size("about.html")) B, map.html \(size("map.html")) B")
if browser { try browserTimes(output) }
if keep == nil { try? FileManager.default.removeItem(at: base) }

/// index.html in headless Chromium, from file://, three runs: milliseconds from navigation start to
/// the first rows (the harness runs right after the site's script), then the time of a first filter
/// ("study 12": the title header clicked, which re-filters and re-orders; it may still have to build
/// the filter text), a second one ("study 13") and the reset.
func browserTimes(_ output: URL) throws {
    let page = try String(contentsOf: output.appendingPathComponent("index.html"), encoding: .utf8)
    let harness = """
        <script>
        var first = performance.now(), rows = document.querySelectorAll('#track-rows tr').length;
        var f = document.getElementById('filter'), b = document.querySelector('th[data-key="title"] button');
        f.value = 'study 12'; var s = performance.now(); b.click(); var cold = performance.now() - s;
        f.value = 'study 13'; s = performance.now(); b.click(); var filter = performance.now() - s;
        var matched = document.getElementById('status').textContent;
        f.value = ''; s = performance.now(); b.click(); var reset = performance.now() - s;
        console.log('BENCH first=' + first.toFixed(0) + ' rows=' + rows + ' first-filter=' + cold.toFixed(1) + ' re-filter=' + filter.toFixed(1) + ' reset=' + reset.toFixed(1) + ' (' + matched + ')');
        </script>
        </body>
        """
    let url = output.appendingPathComponent("bench-harness.html")
    try Data(page.replacingOccurrences(of: "</body>", with: harness).utf8).write(to: url)
    let chromium = ["/usr/bin/chromium", "/usr/bin/chromium-browser"].first { FileManager.default.isExecutableFile(atPath: $0) }
    guard let chromium else { print("browser: no chromium (apt-get install chromium)"); return }
    print("index.html in headless Chromium (\(size("index.html") / 1_048_576) MiB): ms to first rows, filter, reset")
    for _ in 0 ..< 3 {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: chromium)
        let profile = FileManager.default.temporaryDirectory.appendingPathComponent("bench-chromium-\(UUID().uuidString)")
        p.arguments = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--user-data-dir=\(profile.path)",
                       "--enable-logging=stderr", "--v=0", "--dump-dom", url.absoluteString]
        let err = Pipe()
        p.standardError = err
        p.standardOutput = FileHandle.nullDevice
        try p.run()
        let text = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        p.waitUntilExit()
        try? FileManager.default.removeItem(at: profile)
        let line = text.split(separator: "\n").first { $0.contains("BENCH ") }.map { String($0[$0.range(of: "BENCH ")!.upperBound...].prefix { $0 != "\"" }) }
        print("  " + (line ?? "no timing line (console: \(text.suffix(300)))"))
    }
}

/// Real plots from synthetic signals for the first 40 tracks, the map and the histogram (untimed).
func drawDemoPlots(_ document: CatalogDocument, into output: URL) throws {
    let plots = output.appendingPathComponent("plots")
    try FileManager.default.createDirectory(at: plots, withIntermediateDirectories: true)
    var rng = SplitMix64(seed: 7)
    let frameRate = 22_050.0 / 512
    for track in document.tracks.prefix(40) {
        let frames = 1290
        var mfcc: [[Float]] = []
        for c in 0..<20 {
            let scale: Double = 40 / Double(c + 1), offset: Double = c == 0 ? -200 : 0
            var row: [Float] = []
            for t in 0..<frames {
                let wave: Double = sin(Double(t) * 0.02 * Double(c + 1)) * scale
                row.append(Float(wave + rng.uniform() * 8 + offset))
            }
            mfcc.append(row)
        }
        try MFCCHeatmap(mfcc: mfcc, frameRate: frameRate, title: "MFCC").write(to: plots.appendingPathComponent("\(track.id)-mfcc.png"))
        let period = 60 / track.tempoBPM * frameRate
        let envelope: [Float] = (0..<frames).map { t in
            let phase = Double(t).truncatingRemainder(dividingBy: period) / period
            return Float(exp(-phase * 12) * 3 + rng.uniform() * 0.6)
        }
        let beats = stride(from: 0.0, to: Double(frames) / frameRate, by: 60 / track.tempoBPM).map { Float($0) }
        let bpms = stride(from: 30.0, through: 300, by: 1).map { Float($0) }
        let strength = bpms.map { b -> Float in
            let d = (Double(b) - track.tempoBPM) / 4, h = (Double(b) - track.tempoBPM * 2) / 6
            return Float(exp(-d * d) + 0.45 * exp(-h * h) + rng.uniform() * 0.08)
        }
        try TempoPlot(onsetEnvelope: envelope, frameRate: frameRate, beatTimes: beats, tempoBPM: bpms, tempoStrength: strength,
                      estimatedTempo: track.tempoBPM, title: "Onset strength and beat grid")
            .write(to: plots.appendingPathComponent("\(track.id)-tempo.png"))
    }
    let points = document.tracks.map { t -> [Double] in
        let g = Double(TrackID.fnv1a64(Array(t.file.utf8)) % 10)
        return [cos(g * 0.63) * 3 + rng.uniform() * 1.5, sin(g * 0.63) * 2 + (t.tempoBPM - 120) / 40 + rng.uniform()]
    }
    try CatalogMap(points: points, tempos: document.tracks.map(\.tempoBPM)).write(to: plots.appendingPathComponent("catalog-map.png"))
    try TempoHistogram(tempos: document.tracks.map(\.tempoBPM)).write(to: plots.appendingPathComponent("tempo-histogram.png"))
    for name in ["neighbours.json", "tracks.csv", "neighbours.csv", "vectors.npy", "skipped.csv"] {
        try Data("demo".utf8).write(to: output.appendingPathComponent("data/" + name))
    }
}
