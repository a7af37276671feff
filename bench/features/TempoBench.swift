import ArgumentParser
import AudioIO
import Features
import Foundation
import Support
import Synth

/// MIREX-style tempo accuracy on synthesised grooves over 60–190 BPM, all families, kits and
/// instruments drawn independently. Acc1: within 4 %; Acc2: also at ×2, ×3, ½, ⅓.
struct TempoBench: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "tempo", abstract: "Tempo Acc1/Acc2 on synthesised grooves.")

    @Option(help: "Number of clips.") var count = 210
    @Option(help: "Seed of the clip set.") var seed: UInt64 = 2026
    @Option(help: "Clip length in seconds.") var seconds = 30.0
    @Option(help: "Write the clips (WAV) and labels.csv here for bench/python/librosa_tempo.py.") var write: String?
    @Option(help: "librosa results CSV (file,librosa_bpm,seconds) to print side by side.") var librosa: String?

    func run() throws {
        let specs = Self.specs(count: count, seed: seed, seconds: seconds)
        let results: [Double] = parallelMap(specs.count, context: { FeatureExtractor() }) { extractor, i in
            let samples = ClipSynthesizer.render(specs[i])
            if let write {
                try? AudioWriter.write(samples, channels: 1, sampleRate: specs[i].sampleRate, format: .wav16,
                                       to: "\(write)/clip\(String(format: "%04d", i)).wav")
            }
            return extractor.extract(samples).features.tempo
        }
        if let write {
            var csv = "file,bpm,family,kit,instrument\n"
            for (i, s) in specs.enumerated() {
                csv += "clip\(String(format: "%04d", i)).wav,\(String(format: "%.3f", s.bpm)),\(s.family.rawValue),\(s.kit.rawValue),\(s.instrument.rawValue)\n"
            }
            try csv.write(toFile: "\(write)/labels.csv", atomically: true, encoding: .utf8)
        }
        var theirs: [Double?]? = nil
        if let librosa {
            let rows = try String(contentsOfFile: librosa, encoding: .utf8).split(whereSeparator: \.isNewline).dropFirst()
            var map: [String: Double] = [:]
            for row in rows {
                let f = row.split(separator: ",", omittingEmptySubsequences: false)
                if f.count >= 2, let v = Double(f[1]) { map[String(f[0])] = v }
            }
            theirs = specs.indices.map { map["clip\(String(format: "%04d", $0)).wav"] }
        }
        print("Tempo accuracy on \(specs.count) synthesised \(Int(seconds)) s clips (seed \(seed)), 60–190 BPM")
        print("family".padded(10) + "   n   Acc1   Acc2  | librosa Acc1  Acc2")
        for family in GrooveFamily.allCases + [nil] {
            let idx = specs.indices.filter { family == nil || specs[$0].family == family }
            let ours = Self.accuracy(idx.map { (results[$0], specs[$0].bpm) })
            var line = (family?.rawValue ?? "ALL").padded(10) + String(format: " %3d  %5.3f  %5.3f", idx.count, ours.0, ours.1)
            if let theirs {
                let t = Self.accuracy(idx.map { (theirs[$0] ?? 0, specs[$0].bpm) })
                line += String(format: "  |       %5.3f  %5.3f", t.0, t.1)
            }
            print(line)
        }
        Self.printBandTable(specs.indices.map { (results[$0], specs[$0].bpm) }, bands: [(60, 80), (80, 120), (120, 160), (160, 190)])
        let wrong = specs.indices.filter { abs(results[$0] - specs[$0].bpm) / specs[$0].bpm > 0.04 }
        print("misses (Acc1):")
        for i in wrong.prefix(40) {
            print(String(format: "  %4d ", i) + specs[i].family.rawValue.padded(9) + " " + specs[i].kit.rawValue.padded(10) + " "
                  + specs[i].instrument.rawValue.padded(9)
                  + String(format: " true %6.1f  ours %6.1f  ratio %.3f", specs[i].bpm, results[i], results[i] / specs[i].bpm))
        }
    }

    /// The labelled set: family cycles, tempo uniform in 60–190, kit, instrument and gain random.
    static func specs(count: Int, seed: UInt64, seconds: Double) -> [ClipSpec] {
        var rng = SplitMix64(seed: seed)
        return (0..<count).map { i in
            ClipSpec(family: GrooveFamily.allCases[i % GrooveFamily.allCases.count], bpm: rng.uniform(60, 190),
                     kit: DrumKit.allCases[rng.index(DrumKit.allCases.count)],
                     instrument: Instrument.allCases[rng.index(Instrument.allCases.count)],
                     rootNote: 31 + rng.index(10), seconds: seconds, gain: rng.uniform(0.2, 1), seed: seed &+ UInt64(i))
        }
    }

    /// Acc1/Acc2 per tempo band of the reference (`lo ≤ bpm < hi`; `lo` 0 and `hi` ∞ print as
    /// open-ended bands), skipping empty bands. `pairs` are (estimate, reference) in BPM.
    static func printBandTable(_ pairs: [(Double, Double)], bands: [(Double, Double)]) {
        print("tempo band".padded(11) + "     n   Acc1   Acc2")
        for (lo, hi) in bands {
            let inBand = pairs.filter { $0.1 >= lo && $0.1 < hi }
            guard !inBand.isEmpty else { continue }
            let (a1, a2) = accuracy(inBand)
            let name = lo == 0 ? String(format: "   < %2.0f BPM", hi)
                : hi == .infinity ? String(format: "  ≥ %3.0f BPM", lo) : String(format: "%3.0f–%3.0f BPM", lo, hi)
            print(name + String(format: "  %4d  %5.3f  %5.3f", inBand.count, a1, a2))
        }
    }

    static func accuracy(_ pairs: [(Double, Double)]) -> (Double, Double) {
        guard !pairs.isEmpty else { return (0, 0) }
        var a1 = 0, a2 = 0
        for (est, truth) in pairs {
            if abs(est - truth) <= 0.04 * truth { a1 += 1 }
            if [1.0, 2, 3, 0.5, 1.0 / 3].contains(where: { abs(est - truth * $0) <= 0.04 * truth * $0 }) { a2 += 1 }
        }
        return (Double(a1) / Double(pairs.count), Double(a2) / Double(pairs.count))
    }
}

/// Prints the estimator's components at metrical levels around the true tempo of one clip of
/// the tempo set, or around a reference tempo of any audio file (`--file F --reference BPM`).
struct TempoProbe: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "probe", abstract: "Diagnose one clip of the tempo set, or a file.")
    @Argument(help: "Index of the clip in the tempo set.") var index: Int?
    @Option var seed: UInt64 = 2026
    @Option var count = 210
    @Option(help: "An audio file to diagnose instead.") var file: String?
    @Option(help: "Reference tempo of --file in BPM (e.g. another estimator's).") var reference: Double?

    func validate() throws {
        guard (index == nil) != (file == nil) else { throw ValidationError("give a clip index or --file, not both") }
        if (file == nil) != (reference == nil) { throw ValidationError("--file and --reference BPM go together") }
        if let reference, !(reference > 0) { throw ValidationError("--reference must be a tempo in BPM > 0") }
    }

    func run() throws {
        let f: TrackFeatures, d: AnalysisDetail, truth: Double
        if let file, let reference {
            let audio = try AudioDecoder().decode(path: file)
            (f, d) = FeatureExtractor().extract(audio.samples)
            truth = reference
            print("\(file) reference \(reference) ours \(f.tempo) conf \(f.tempoConfidence)")
        } else {
            let spec = TempoBench.specs(count: count, seed: seed, seconds: 30)[index ?? 0]
            (f, d) = FeatureExtractor().extract(ClipSynthesizer.render(spec))
            truth = spec.bpm
            print("\(spec.family) \(spec.kit) \(spec.instrument) true \(spec.bpm) ours \(f.tempo) conf \(f.tempoConfidence)")
        }
        let t = d.tempo
        for ratio in [1.0 / 4, 1.0 / 3, 0.5, 2.0 / 3, 0.75, 1, 4.0 / 3, 1.5, 2, 3] {
            let bpm = truth * ratio
            guard let i = t.grid.indices.min(by: { abs(t.grid[$0] - bpm) < abs(t.grid[$1] - bpm) }), bpm >= t.grid[0], bpm <= t.grid.last! else { continue }
            // Best in ±2 % window
            let win = t.grid.indices.filter { abs(t.grid[$0] / bpm - 1) < 0.02 }
            let j = win.max { t.evidence[$0] < t.evidence[$1] } ?? i
            print(String(format: "  ×%.3f %6.1f BPM  periodicity %.3f  contrast %.3f  score %.3f", ratio, t.grid[j], t.periodicity[j], t.contrast[j], t.evidence[j]))
        }
    }
}

/// Octave-decision research: per clip, the evidence at ratios of the estimated tempo, as CSV
/// for `bench/python/octave_lofo.py` (which fits octave classifiers and reports their accuracy
/// with each groove family held out).
struct OctaveDump: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "octave", abstract: "Metrical-level evidence per clip (CSV on stdout).")
    @Option(help: "Seed of the clip set.") var seed: UInt64 = 11
    @Option(help: "Number of clips.") var count = 1400

    static let ratios = [0.25, 0.5, 1, 2, 4]

    func run() {
        let specs = TempoBench.specs(count: count, seed: seed, seconds: 30)
        let lines: [String] = parallelMap(specs.count, context: { FeatureExtractor() }) { extractor, i in
            let e = extractor.metricalLevels(ClipSynthesizer.render(specs[i]), ratios: Self.ratios)
            var line = "\(i),\(specs[i].family.rawValue),\(String(format: "%.3f", specs[i].bpm)),\(String(format: "%.3f", e.estimate))"
            for l in e.levels {
                line += [l.bpm, l.periodicity, l.fill, l.strength, l.low, l.mid, l.high].map { String(format: ",%.5f", $0) }.joined()
            }
            return line
        }
        var header = "i,family,truth,est"
        for r in Self.ratios {
            for k in ["bpm", "per", "fill", "lm", "low", "mid", "high"] { header += ",\(k)_\(String(format: "%.3f", r))" }
        }
        print(header)
        lines.forEach { print($0) }
    }
}
