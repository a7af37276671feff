import ArgumentParser
import AudioIO
import Catalog
import Features
import Foundation
import Support
import Synth

/// The similarity quality bar: a labelled set where groove family and tempo are drawn
/// independently of kit and instrument; exact cosine neighbours on each descriptor; share of the
/// 10 nearest that share family and tempo (±8 %), family, or kit.
struct QualityBench: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "quality", abstract: "Rhythm/family/timbre precision@10.")

    @Option(help: "Clips per (family, tempo) cell.") var perCell = 12
    @Option(help: "Seed of the clip set.") var seed: UInt64 = 7
    @Option(help: "Weight sets to compare, ';'-separated, each e.g. pattern-mid=0.5,histogram-low=1.2 (other blocks default).") var weights: String?
    @Flag(help: "Print the family confusion of the 10 nearest.") var confusion = false
    @Option(help: "Write clips (WAV), labels.csv and vectors .npy here for the Python baselines.") var write: String?

    @Option(help: "Tempo cell centres in BPM, comma-separated (default 80,100,125,155).") var tempi = "80,100,125,155"
    @Option(help: "Relative tempo jitter within a cell (default ±1.5 %).") var jitter = 0.015
    var tempoCentres: [Double] { tempi.split(separator: ",").compactMap { Double($0) } }

    func run() throws {
        var rng = SplitMix64(seed: seed)
        var specs: [ClipSpec] = []
        for family in GrooveFamily.allCases {
            for centre in tempoCentres {
                for _ in 0..<perCell {
                    specs.append(ClipSpec(family: family, bpm: centre * rng.uniform(1 - jitter, 1 + jitter),
                                          kit: DrumKit.allCases[rng.index(DrumKit.allCases.count)],
                                          instrument: Instrument.allCases[rng.index(Instrument.allCases.count)],
                                          rootNote: 31 + rng.index(10), seconds: 30, gain: rng.uniform(0.2, 1),
                                          seed: seed &* 1_000 &+ UInt64(specs.count)))
                }
            }
        }
        if let write { try FileManager.default.createDirectory(atPath: write, withIntermediateDirectories: true) }
        var p40 = FeatureParameters()
        p40.mfccCount = 40
        let started = Date()
        let rows: [(TrackFeatures, [Float])] = parallelMap(specs.count, context: { (FeatureExtractor(), SpectralAnalyzer(parameters: p40)) }) { ctx, i in
            let samples = ClipSynthesizer.render(specs[i])
            if let write {
                try? AudioWriter.write(samples, channels: 1, sampleRate: specs[i].sampleRate, format: .wav16,
                                       to: "\(write)/clip\(String(format: "%04d", i)).wav")
            }
            let f = ctx.0.extract(samples).features
            let mfcc = ctx.1.analyze(samples).mfcc
            let mean = (0..<40).map { c in (0..<mfcc.columns).reduce(Float(0)) { $0 + mfcc[c, $1] } / Float(mfcc.columns) }
            return (f, mean)
        }
        let elapsed = Date().timeIntervalSince(started)
        let layout = FeatureExtractor().layout
        for set in (weights ?? "").split(separator: ";") {
            var w = SimilarityModel.defaultWeights
            for pair in set.split(separator: ",") {
                let kv = pair.split(separator: "=")
                guard kv.count == 2, let v = Double(kv[1]), let name = DescriptorBlock(rawValue: String(kv[0])), layout.block(name) != nil else {
                    throw ValidationError("--weights: '\(pair)' is not NAME=NUMBER with NAME one of " + layout.blocks.map(\.name.rawValue).joined(separator: ", "))
                }
                w[name] = v
            }
            let m = SimilarityModel(fitting: rows.map(\.0.descriptor), layout: layout, weights: w)
            let p = Self.precision(rows.map { m.vector($0.0.descriptor) }, specs)
            print("  weights " + String(set).padded(40) + String(format: " %7.3f  %7.3f  %7.3f", p.0, p.1, p.2))
        }
        let model = SimilarityModel(fitting: rows.map(\.0.descriptor), layout: layout)
        if confusion { Self.printConfusion(rows.map { model.vector($0.0.descriptor) }, specs) }
        let ours = rows.map { model.vector($0.0.descriptor) }
        let mfccMean = rows.map(\.1)

        print("Similarity quality: \(specs.count) clips (\(GrooveFamily.allCases.count) families × \(tempoCentres.count) tempi × \(perCell)), exact cosine, k = 10")
        print(String(format: "synthesis + extraction %.1f s on all cores", elapsed))
        print("descriptor                 rhythm-P@10  family-P@10  timbre-P@10")
        for (name, vectors) in [("backbeat (default weights)", ours), ("original: 40-MFCC mean", mfccMean)] {
            let p = Self.precision(vectors, specs)
            print(name.padded(26) + String(format: " %11.3f  %11.3f  %11.3f", p.0, p.1, p.2))
        }
        for block in layout.blocks {
            let only = SimilarityModel(fitting: rows.map(\.0.descriptor), layout: layout,
                                       weights: Dictionary(uniqueKeysWithValues: layout.blocks.map { ($0.name, $0.name == block.name ? 1.0 : 0.0) }))
            let p = Self.precision(rows.map { only.vector($0.0.descriptor) }, specs)
            print("  block " + block.name.rawValue.padded(18) + String(format: " %11.3f  %11.3f  %11.3f", p.0, p.1, p.2))
        }
        let tempoHits = zip(rows, specs).filter { abs($0.0.tempo - $1.bpm) <= 0.04 * $1.bpm }.count
        print(String(format: "tempo Acc1 on this set: %.3f", Double(tempoHits) / Double(specs.count)))
        if let write {
            var csv = "file,bpm,family,kit,instrument\n"
            for (i, s) in specs.enumerated() {
                csv += "clip\(String(format: "%04d", i)).wav,\(String(format: "%.3f", s.bpm)),\(s.family.rawValue),\(s.kit.rawValue),\(s.instrument.rawValue)\n"
            }
            try csv.write(toFile: "\(write)/labels.csv", atomically: true, encoding: .utf8)
            try NumpyArray.float32(rows: ours.count, columns: model.vectorDimension, values: ours.flatMap { $0 })
                .write(to: URL(fileURLWithPath: "\(write)/backbeat_vectors.npy"))
            try NumpyArray.float32(rows: mfccMean.count, columns: 40, values: mfccMean.flatMap { $0 })
                .write(to: URL(fileURLWithPath: "\(write)/mfcc40_mean.npy"))
        }
    }

    static func printConfusion(_ v: [[Float]], _ specs: [ClipSpec]) {
        let families = GrooveFamily.allCases
        var m = [[Int]](repeating: [Int](repeating: 0, count: families.count), count: families.count)
        var tempoMiss = [Int](repeating: 0, count: families.count)
        for i in v.indices {
            var all: [(Float, Int)] = []
            for j in v.indices where j != i {
                var dot: Float = 0
                for d in v[i].indices { dot += v[i][d] * v[j][d] }
                all.append((dot, j))
            }
            all.sort { $0.0 > $1.0 || ($0.0 == $1.0 && $0.1 < $1.1) }
            let sims = all.prefix(10)
            let fi = families.firstIndex(of: specs[i].family)!
            for (_, j) in sims {
                m[fi][families.firstIndex(of: specs[j].family)!] += 1
                if specs[j].family == specs[i].family && abs(specs[j].bpm / specs[i].bpm - 1) > 0.08 { tempoMiss[fi] += 1 }
            }
        }
        print("confusion (rows: query family, columns: neighbour family; last: same family, wrong tempo)")
        print("          " + families.map { String($0.rawValue.prefix(8)).padding(toLength: 9, withPad: " ", startingAt: 0) }.joined())
        for (i, f) in families.enumerated() {
            print(f.rawValue.padding(toLength: 10, withPad: " ", startingAt: 0) + m[i].map { String($0).padding(toLength: 9, withPad: " ", startingAt: 0) }.joined() + "  \(tempoMiss[i])")
        }
    }

    /// (rhythm, family, timbre) precision@10 under exact cosine similarity; ties by index.
    static func precision(_ v: [[Float]], _ specs: [ClipSpec], k: Int = 10) -> (Double, Double, Double) {
        let norms = v.map { x in max(1e-12, x.reduce(0) { $0 + Double($1) * Double($1) }.squareRoot()) }
        var r = 0.0, f = 0.0, t = 0.0
        for i in v.indices {
            var sims: [(Double, Int)] = []
            for j in v.indices where j != i {
                var dot = 0.0
                for d in v[i].indices { dot += Double(v[i][d]) * Double(v[j][d]) }
                sims.append((dot / (norms[i] * norms[j]), j))
            }
            sims.sort { $0.0 > $1.0 || ($0.0 == $1.0 && $0.1 < $1.1) }
            for (_, j) in sims.prefix(k) {
                let sameFamily = specs[j].family == specs[i].family
                if sameFamily { f += 1 }
                if sameFamily && abs(specs[j].bpm - specs[i].bpm) <= 0.08 * specs[i].bpm { r += 1 }
                if specs[j].kit == specs[i].kit { t += 1 }
            }
        }
        let n = Double(v.count * k)
        return (r / n, f / n, t / n)
    }
}
