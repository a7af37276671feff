import Foundation
import Plotting

// Benchmark for the plots (issue 6): release build, one thread.
// Usage: swift run -c release bench-plots [output-folder]   (default bench/out)
// Columns: wall-clock mean and best of 50 renders+encodes, mean thread CPU time (what one core
// spends, excluding time the shared machine gives to other processes), PNG size. Target: the
// two per-track plots (MFCC 20 x 1292 frames, tempo plot with 1292 envelope frames) <= 10 ms.
// Also writes every figure (plus degenerate and stress cases) to the output folder for eyeballing.
let outDir = CommandLine.arguments.count > 1 ? CommandLine.arguments[1] : "bench/out"
try? FileManager.default.createDirectory(atPath: outDir, withIntermediateDirectories: true)

let mfcc = MFCCHeatmap(mfcc: SyntheticData.mfcc(), frameRate: SyntheticData.frameRate,
                       title: "MFCC - synthetic 30 s clip")
let evidence = SyntheticData.evidence()
let tempo = TempoPlot(onsetEnvelope: SyntheticData.envelope(), frameRate: SyntheticData.frameRate,
                      beatTimes: SyntheticData.beats(), tempoBPM: evidence.bpm,
                      tempoStrength: evidence.strength, estimatedTempo: 123.4)

/// CPU time of this thread in milliseconds: unlike wall time it does not count the time other
/// processes on this shared 2-core machine hold the core.
func threadCPUMilliseconds() -> Double {
    var ts = timespec()
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts)
    return Double(ts.tv_sec) * 1e3 + Double(ts.tv_nsec) / 1e6
}

/// Prints one table row; returns (mean ms, best ms).
@discardableResult
func measure(_ name: String, _ plot: some Plot, repeats: Int = 50) throws -> (Double, Double) {
    var bytes: [UInt8] = []
    var best = Double.infinity, total = 0.0, cpuTotal = 0.0
    for _ in 0..<repeats {
        let start = DispatchTime.now().uptimeNanoseconds
        let cpuStart = threadCPUMilliseconds()
        bytes = try plot.pngData()
        cpuTotal += threadCPUMilliseconds() - cpuStart
        let ms = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6
        best = min(best, ms)
        total += ms
    }
    let path = outDir + "/" + name + ".png"
    try plot.write(to: path)
    print(String(format: "| %@ | %4dx%-4d | %8.2f | %8.2f | %8.2f | %8d |", name.padding(toLength: 14, withPad: " ", startingAt: 0),
                 plot.width, plot.height, total / Double(repeats), best, cpuTotal / Double(repeats), bytes.count))
    return (total / Double(repeats), cpuTotal / Double(repeats))
}

print("| plot           | pixels    | mean ms  | best ms  | CPU ms   | bytes    |")
print("|----------------|-----------|----------|----------|----------|----------|")
// Wall time (mean and best of 50) and mean thread CPU time per plot, encoding included.
let m1 = try measure("mfcc", mfcc)
let m2 = try measure("tempo", tempo)
print(String(format: "| per track      | both      | %8.2f |          | %8.2f |          |", m1.0 + m2.0, m1.1 + m2.1))

let catalog = SyntheticData.catalog()
let pcaStart = DispatchTime.now().uptimeNanoseconds
let projected = try PCA.fit(catalog.vectors, components: 2)
let pcaMs = Double(DispatchTime.now().uptimeNanoseconds - pcaStart) / 1e6
let explained = projected.variances.map { 100 * $0 / projected.totalVariance }
let map = CatalogMap(points: projected.points, tempos: catalog.tempos,
                     xLabel: String(format: "PC 1 (%.0f%% of variance)", explained[0]),
                     yLabel: String(format: "PC 2 (%.0f%% of variance)", explained[1]))
try measure("catalog-map", map, repeats: 5)
try measure("tempo-hist", TempoHistogram(tempos: catalog.tempos), repeats: 5)
print(String(format: "PCA of %d x %d vectors: %.2f ms", catalog.vectors.count, catalog.vectors[0].count, pcaMs))

// Breakdown: drawing versus PNG encoding.
func split(_ name: String, _ plot: some Plot, repeats: Int = 30) throws {
    var render = Double.infinity, encode = Double.infinity
    for _ in 0..<repeats {
        let t0 = DispatchTime.now().uptimeNanoseconds
        let canvas = try plot.render()
        let t1 = DispatchTime.now().uptimeNanoseconds
        _ = PNGEncoder.encode(canvas)
        let t2 = DispatchTime.now().uptimeNanoseconds
        render = min(render, Double(t1 - t0) / 1e6)
        encode = min(encode, Double(t2 - t1) / 1e6)
    }
    print(String(format: "%@: render %.2f ms, encode %.2f ms (best of %d)", name, render, encode, repeats))
}
try split("mfcc", mfcc)
try split("tempo", tempo)

// Size and time of the PNG encoding: the default (run-length) against the zlib levels.
print("")
print("| plot           | zlib            | encode ms | bytes    |")
print("|----------------|-----------------|-----------|----------|")
for (name, canvas) in [("mfcc", try mfcc.render()), ("tempo", try tempo.render())] {
    for (level, runLength) in [(4, true), (1, false), (3, false), (4, false), (5, false), (6, false), (9, false)] {
        var best = Double.infinity
        var size = 0
        for _ in 0..<10 {
            let t0 = DispatchTime.now().uptimeNanoseconds
            size = PNGEncoder.encode(canvas, level: level, runLength: runLength).count
            best = min(best, Double(DispatchTime.now().uptimeNanoseconds - t0) / 1e6)
        }
        let setting = runLength ? "RLE, None/Up" : "level \(level), None"
        print(String(format: "| %@ | %@ | %9.2f | %8d |", name.padding(toLength: 14, withPad: " ", startingAt: 0),
                     setting.padding(toLength: 15, withPad: " ", startingAt: 0), best, size))
    }
}

// Degenerate inputs, written for eyeballing: one frame, NaN-laden tempo data, a single track.
try MFCCHeatmap(mfcc: [[1], [2], [3]], frameRate: SyntheticData.frameRate).write(to: outDir + "/degenerate-mfcc.png")
try TempoPlot(onsetEnvelope: [.nan, 1, .infinity, 2, 2, 2], frameRate: SyntheticData.frameRate, beatTimes: [0.05],
              tempoBPM: [60, 120], tempoStrength: [1, 1], estimatedTempo: 290).write(to: outDir + "/degenerate-tempo.png")
try CatalogMap(points: [[0, 0]], tempos: [.nan]).write(to: outDir + "/degenerate-map.png")

// Realistic inputs from librosa (bench/python/plot_inputs_librosa.py), when present.
let librosaPath = outDir + "/librosa-inputs.json"
if let data = FileManager.default.contents(atPath: librosaPath),
   let json = try JSONSerialization.jsonObject(with: data) as? [String: Any],
   let rate = json["frame_rate"] as? Double, let rows = json["mfcc"] as? [[Double]],
   let onset = json["onset"] as? [Double], let beats = json["beats"] as? [Double],
   let bpm = json["bpm"] as? [Double], let strength = json["strength"] as? [Double],
   let estimate = json["tempo"] as? Double {
    print("")
    print("librosa inputs (\(librosaPath)):")
    print("| plot           | pixels    | mean ms  | best ms  | CPU ms   | bytes    |")
    print("|----------------|-----------|----------|----------|----------|----------|")
    try measure("librosa-mfcc", MFCCHeatmap(mfcc: rows.map { $0.map(Float.init) }, frameRate: rate,
                                            title: "MFCC - librosa, synthetic drum clip"))
    try measure("librosa-tempo", TempoPlot(onsetEnvelope: onset.map(Float.init), frameRate: rate,
                                           beatTimes: beats.map(Float.init), tempoBPM: bpm.map(Float.init),
                                           tempoStrength: strength.map(Float.init), estimatedTempo: estimate))
}

// Stress for the eye: a long non-ASCII title, many catalog points, one-value histogram.
try MFCCHeatmap(mfcc: SyntheticData.mfcc(), frameRate: SyntheticData.frameRate,
                title: "Björk — Jóga (a very long track title that goes on and on and on and on and on and on)")
    .write(to: outDir + "/long-title-mfcc.png")
try TempoPlot(onsetEnvelope: SyntheticData.envelope(), frameRate: SyntheticData.frameRate,
              beatTimes: SyntheticData.beats(), tempoBPM: evidence.bpm, tempoStrength: evidence.strength,
              estimatedTempo: 31, title: "Ünïcödé “quoted” title – which is long enough to reach the legend")
    .write(to: outDir + "/long-title-tempo.png")
let big = SyntheticData.catalog(n: 3000, d: 32, seed: 11)
try CatalogMap(points: try PCA.project(big.vectors), tempos: big.tempos).write(to: outDir + "/catalog-map-3000.png")
try TempoHistogram(tempos: [120, 120, 120]).write(to: outDir + "/hist-one-value.png")
