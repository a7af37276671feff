import Foundation
import Support

/// Pitched one-shots: a sine whose pitch glides exponentially (kicks, toms, snare bodies) and
/// inharmonic bells (rims, cowbells).
enum Tone {
    static func drum(_ sr: Double, from f0: Double, to f1: Double, pitchDecay: Double, decay: Double) -> [Float] {
        let n = Int(sr * min(decay * 6, 1.5))
        var phase = 0.0
        return (0..<n).map { i in
            let t = Double(i) / sr
            let f = f1 + (f0 - f1) * exp(-t / pitchDecay)
            phase += 2 * .pi * f / sr
            let attack = min(1, t / 0.001)
            return Float(sin(phase) * exp(-t / decay) * attack)
        }
    }

    static func bell(_ sr: Double, _ partials: [Double], decay: Double) -> [Float] {
        let n = Int(sr * decay * 6)
        return (0..<n).map { i in
            let t = Double(i) / sr
            let s = partials.enumerated().reduce(0.0) { $0 + sin(2 * .pi * $1.element * t) / Double($1.offset + 1) }
            return Float(s * exp(-t / decay) * min(1, t / 0.0005) * 0.7)
        }
    }
}

/// Noise one-shots: filtered bursts (hats, snare wires, shakers) and claps.
enum Noise {
    /// White noise through a one-pole high-pass (`highpass` = pole, 0…1) then low-pass
    /// (`lowpass` = smoothing, 1 = none), with an exponential decay.
    static func burst(_ sr: Double, _ rng: inout SplitMix64, decay: Double, attack: Double,
                      highpass: Double, lowpass: Double) -> [Float] {
        let n = Int(sr * min(decay * 6, 2))
        var out = [Float](repeating: 0, count: n)
        var prevIn = 0.0, hp = 0.0, lp = 0.0
        for i in 0..<n {
            let t = Double(i) / sr
            let x = rng.uniform(-1, 1)
            hp = highpass * (hp + x - prevIn)
            prevIn = x
            lp += lowpass * (hp - lp)
            let env = exp(-t / decay) * (attack > 0 ? min(1, t / attack) : 1)
            out[i] = Float(lp * env)
        }
        return Effects.normalised(out)
    }

    /// Three quick noise bursts and a tail, band-limited around `tone` Hz.
    static func clap(_ sr: Double, _ rng: inout SplitMix64, tone: Double) -> [Float] {
        let n = Int(sr * 0.4)
        var out = [Float](repeating: 0, count: n)
        let pole = exp(-2 * .pi * tone / sr)
        var lp = 0.0, prev = 0.0
        for i in 0..<n {
            let t = Double(i) / sr
            let burst = [0.0, 0.011, 0.023].map { t >= $0 ? exp(-(t - $0) / 0.006) : 0 }.max() ?? 0
            let env = max(burst, t >= 0.023 ? 0.6 * exp(-(t - 0.023) / 0.09) : 0)
            let x = rng.uniform(-1, 1)
            lp = (1 - pole) * x + pole * lp
            let band = lp - prev
            prev = lp
            out[i] = Float(band * env)
        }
        return Effects.normalised(out)
    }

    static func addClick(_ x: inout [Float], _ sr: Double, _ rng: inout SplitMix64, level: Float) {
        for i in 0..<min(x.count, Int(sr * 0.003)) { x[i] += level * Float(rng.uniform(-1, 1)) }
    }
}

/// Small processing steps shared by the voices.
enum Effects {
    /// Scales to a peak of 1 (silence stays silence).
    static func normalised(_ x: [Float]) -> [Float] {
        let peak = x.map(abs).max() ?? 0
        return peak > 0 ? x.map { $0 / peak } : x
    }

    /// Quantises to `levels` steps: a bit-crushed, lo-fi colour.
    static func crush(_ x: inout [Float], levels: Float) {
        for i in x.indices { x[i] = (x[i] * levels).rounded() / levels }
    }

    /// Multiplies by a sum of square waves (the metallic 808 hat recipe).
    static func ringModulated(_ x: [Float], _ sr: Double, frequencies: [Double]) -> [Float] {
        normalised(x.indices.map { i in
            let t = Double(i) / sr
            let carrier = frequencies.reduce(0.0) { $0 + (sin(2 * .pi * $1 * t) >= 0 ? 1 : -1) } / Double(frequencies.count)
            return x[i] * Float(carrier)
        })
    }
}
