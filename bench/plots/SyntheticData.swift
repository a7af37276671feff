import Foundation
import Support
import Synth
import Plotting

/// Deterministic synthetic inputs shaped like a 30 s clip at 22,050 Hz with hop 512.
enum SyntheticData {

    static let frameRate = 22050.0 / 512.0
    static let frames = 1292

    /// 20 x 1292 MFCC-like values: c0 around -250, higher coefficients shrinking, slow drifts.
    static func mfcc(seed: UInt64 = 1) -> [[Float]] {
        var rng = SplitMix64(seed: seed)
        return (0..<20).map { k in
            let scale = k == 0 ? 60.0 : 40.0 / Double(k)
            let offset = k == 0 ? -250.0 : (k == 1 ? 90.0 : 0)
            return (0..<frames).map { f in
                let t = Double(f) / frameRate
                let drift = sin(t * 0.7 + Double(k)) * scale * 0.6
                return Float(offset + drift + (rng.uniform() - 0.5) * scale)
            }
        }
    }

    /// Onset envelope with peaks every 60/tempo seconds plus noise.
    static func envelope(tempo: Double = 123.4, seed: UInt64 = 2) -> [Float] {
        var rng = SplitMix64(seed: seed)
        let period = 60 / tempo * frameRate
        return (0..<frames).map { f in
            let phase = (Double(f) / period).truncatingRemainder(dividingBy: 1)
            let peak = exp(-phase * 12) * (Int(Double(f) / period) % 4 == 0 ? 1.6 : 1.0)
            return Float(peak + rng.uniform() * 0.35)
        }
    }

    static func beats(tempo: Double = 123.4) -> [Float] {
        let period = 60 / tempo
        return stride(from: 0.0, to: Double(frames) / frameRate, by: period).map { Float($0) }
    }

    /// Autocorrelation-like evidence with peaks at the tempo, its half and double.
    static func evidence(tempo: Double = 123.4) -> (bpm: [Float], strength: [Float]) {
        // Lags 1...384 frames, as an autocorrelation would give; BPM = 60 * frameRate / lag.
        var bpm: [Float] = [], strength: [Float] = []
        for lag in 1...384 {
            let b = 60 * frameRate / Double(lag)
            var s = 0.1
            for (mult, weight) in [(1.0, 1.0), (0.5, 0.55), (2.0, 0.45), (1.5, 0.2)] {
                let d = log2(b / (tempo * mult))
                s += weight * exp(-d * d / 0.0015)
            }
            bpm.append(Float(b))
            strength.append(Float(s))
        }
        return (bpm, strength)
    }
}

extension SyntheticData {
    /// `n` catalog vectors of dimension `d` in three loose clusters, and a tempo for each,
    /// correlated with the first cluster axis.
    static func catalog(n: Int = 300, d: Int = 64, seed: UInt64 = 3) -> (vectors: [[Float]], tempos: [Double]) {
        var rng = SplitMix64(seed: seed)
        let centres = (0..<3).map { _ in (0..<d).map { _ in (rng.uniform() - 0.5) * 2 } }
        var vectors: [[Float]] = [], tempos: [Double] = []
        for i in 0..<n {
            let c = i % 3
            vectors.append((0..<d).map { Float(centres[c][$0] + (rng.uniform() - 0.5) * 1.2) })
            let base = [92.0, 124.0, 150.0][c]
            tempos.append(base + (rng.uniform() - 0.5) * 30)
        }
        return (vectors, tempos)
    }
}
