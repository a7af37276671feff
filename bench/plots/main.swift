import Foundation
import Plotting

// Benchmark for the per-track plots (issue 6): release build, one core.
// Usage: swift run -c release bench-plots [output-folder]   (default bench/out)
let outDir = CommandLine.arguments.count > 1 ? CommandLine.arguments[1] : "bench/out"
try? FileManager.default.createDirectory(atPath: outDir, withIntermediateDirectories: true)

let mfcc = MFCCHeatmap(mfcc: SyntheticData.mfcc(), frameRate: SyntheticData.frameRate,
                       title: "MFCC - synthetic 30 s clip")
let evidence = SyntheticData.evidence()
let tempo = TempoPlot(onsetEnvelope: SyntheticData.envelope(), frameRate: SyntheticData.frameRate,
                      beatTimes: SyntheticData.beats(), tempoBPM: evidence.bpm,
                      tempoStrength: evidence.strength, estimatedTempo: 123.4)

func measure(_ name: String, _ plot: some Plot, repeats: Int = 50) throws {
    var bytes: [UInt8] = []
    var best = Double.infinity, total = 0.0
    for _ in 0..<repeats {
        let start = DispatchTime.now().uptimeNanoseconds
        bytes = try plot.pngData()
        let ms = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6
        best = min(best, ms)
        total += ms
    }
    let path = outDir + "/" + name + ".png"
    try plot.write(to: path)
    print(String(format: "| %@ | %4dx%-4d | %8.2f | %8.2f | %8d |", name.padding(toLength: 14, withPad: " ", startingAt: 0), plot.width, plot.height,
                 total / Double(repeats), best, bytes.count))
}

print("| plot           | pixels    | mean ms  | best ms  | bytes    |")
print("|----------------|-----------|----------|----------|----------|")
try measure("mfcc", mfcc)
try measure("tempo", tempo)

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

// Size and time of the PNG encoding against the zlib level.
print("")
print("| plot           | zlib level | encode ms | bytes    |")
print("|----------------|------------|-----------|----------|")
for (name, canvas) in [("mfcc", try mfcc.render()), ("tempo", try tempo.render())] {
    for level in [1, 3, 6, 9] {
        var best = Double.infinity
        var size = 0
        for _ in 0..<10 {
            let t0 = DispatchTime.now().uptimeNanoseconds
            size = PNGEncoder.encode(canvas, level: level).count
            best = min(best, Double(DispatchTime.now().uptimeNanoseconds - t0) / 1e6)
        }
        print(String(format: "| %@ | %10d | %9.2f | %8d |", name.padding(toLength: 14, withPad: " ", startingAt: 0), level, best, size))
    }
}
