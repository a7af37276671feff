import ArgumentParser
import AudioIO
import Catalog
import Features
import Foundation
import Synth

/// `bench-features versions`: calibrates the version test (``Versions``). For synthesised clips of
/// every groove family, the same clip as FLAC, MP3, Opus, −12 dB and 48 kHz (must be versions)
/// against another take of the groove, the groove 8 % and 25 % faster, and a later section of a
/// longer rendering (must not be), all decoded through the build's analyser; prints the fingerprint
/// bit error rate (BER) and duration difference of each kind and the margin to the threshold.
struct VersionsBench: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "versions", abstract: "Calibrate the version (duplicate) test.")
    @Option(help: "Seconds per clip.") var seconds = 30.0
    @Option(help: "Folder for the rendered files (kept).") var work = "/tmp/bench-versions"

    func run() throws {
        try FileManager.default.createDirectory(atPath: work, withIntermediateDirectories: true)
        let analyzer = TrackAnalyzer()
        let shift = Versions.maxShift(frameRate: FeatureParameters().frameRate)
        var rows: [String: [Double]] = [:]
        for (f, family) in GrooveFamily.allCases.enumerated() {
            let kit = DrumKit.allCases[f % DrumKit.allCases.count], instrument = Instrument.allCases[(f + 1) % Instrument.allCases.count]
            let bpm = 96 + 6 * Double(f)
            func clip(_ bpm: Double, seed: UInt64, seconds: Double) -> [Float] {
                ClipSynthesizer.render(ClipSpec(family: family, bpm: bpm, kit: kit, instrument: instrument, seconds: seconds, seed: seed))
            }
            let base = clip(bpm, seed: 1, seconds: seconds)
            let long = clip(bpm, seed: 1, seconds: seconds * 2)
            let later = Array(long[Int(0.45 * seconds * 22_050)..<Int(1.45 * seconds * 22_050)])
            let up = (0..<Int(Double(base.count) * 48_000 / 22_050)).map { i -> Float in
                let t = Double(i) * 22_050 / 48_000, j = Int(t), w = Float(t - Double(j))
                return j + 1 < base.count ? base[j] * (1 - w) + base[j + 1] * w : base[base.count - 1]
            }
            let variants: [(String, [Float], Int, AudioWriter.Format, Bool)] = [
                ("flac", base, 22_050, .flac, true), ("mp3", base, 22_050, .mp3, true), ("opus", up, 48_000, .opus, true),
                ("-12dB", base.map { $0 * 0.251 }, 22_050, .wav16, true), ("48kHz", up, 48_000, .wav16, true),
                ("other take", clip(bpm, seed: 2, seconds: seconds), 22_050, .wav16, false),
                ("8% faster", clip(bpm * 1.08, seed: 3, seconds: seconds), 22_050, .wav16, false),
                ("25% faster", clip(bpm * 1.25, seed: 4, seconds: seconds), 22_050, .wav16, false),
                ("later section", later, 22_050, .wav16, false),
            ]
            let basePath = "\(work)/\(family.rawValue)-base.wav"
            try AudioWriter.write(base, channels: 1, sampleRate: 22_050, format: .wav16, to: basePath)
            let a = try analyzer.analyze(path: basePath)
            for (name, samples, rate, format, _) in variants {
                let path = "\(work)/\(family.rawValue)-\(name.replacingOccurrences(of: " ", with: "_")).\(format.fileExtension)"
                try AudioWriter.write(samples, channels: 1, sampleRate: rate, format: format, to: path)
                let b = try analyzer.analyze(path: path)
                rows[name, default: []].append(Fingerprint.bitErrorRate(a.features.fingerprint, b.features.fingerprint, maxShift: shift))
            }
        }
        let order = ["flac", "mp3", "opus", "-12dB", "48kHz", "other take", "8% faster", "25% faster", "later section"]
        print("kind            versions?  BER min   median    max   (threshold \(Versions.maxBitErrorRate))")
        for name in order {
            let v = rows[name]!.sorted()
            print(String(format: "%-15@ %-9@ %7.3f %8.3f %7.3f", name, order.firstIndex(of: name)! < 5 ? "yes" : "no", v.first!, v[v.count / 2], v.last!))
        }
        let worstPositive = order.prefix(5).map { rows[$0]!.max()! }.max()!
        let bestNegative = order.dropFirst(5).map { rows[$0]!.min()! }.min()!
        print(String(format: "margin: highest version BER %.3f, lowest look-alike BER %.3f", worstPositive, bestNegative))
    }
}
