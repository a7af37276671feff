import Foundation
import Support

/// The pitched instrument that doubles the kick line: a second, independent timbre axis.
public enum Instrument: String, CaseIterable, Sendable, Codable {
    case sineBass = "sine-bass", sawBass = "saw-bass", pluck, organ, fmKeys = "fm-keys"

    /// Renders one note of `duration` seconds at `frequency` Hz, peak ≈ 1.
    public func note(frequency f: Double, duration: Double, sampleRate: Int, seed: UInt64) -> [Float] {
        let sr = Double(sampleRate)
        let n = max(1, Int(sr * duration))
        let release = min(0.03, duration / 4)
        func envelope(_ t: Double, decay: Double) -> Double {
            let a = min(1, t / 0.004)
            let r = t > duration - release ? max(0, (duration - t) / release) : 1
            return a * r * exp(-t / decay)
        }
        switch self {
        case .sineBass:
            return (0..<n).map { i in let t = Double(i) / sr; return Float(sin(2 * .pi * f * t) * envelope(t, decay: 0.6)) }
        case .sawBass:
            // Band-limited sawtooth: additive partials below 4 kHz.
            let partials = max(1, min(40, Int(4_000 / f)))
            return (0..<n).map { i in
                let t = Double(i) / sr
                var s = 0.0
                for k in 1...partials { s += sin(2 * .pi * f * Double(k) * t) / Double(k) }
                return Float(0.55 * s * envelope(t, decay: 0.4))
            }
        case .organ:
            return (0..<n).map { i in
                let t = Double(i) / sr
                let s = sin(2 * .pi * f * t) + 0.6 * sin(4 * .pi * f * t) + 0.4 * sin(6 * .pi * f * t) + 0.25 * sin(8 * .pi * f * t)
                return Float(0.45 * s * envelope(t, decay: 5))
            }
        case .fmKeys:
            return (0..<n).map { i in
                let t = Double(i) / sr
                let index = 3 * exp(-t / 0.15)
                return Float(sin(2 * .pi * f * t + index * sin(2 * .pi * 2 * f * t)) * envelope(t, decay: 0.8))
            }
        case .pluck:
            // Karplus–Strong string (Karplus & Strong, Computer Music Journal 1983).
            var rng = SplitMix64(seed: seed)
            let period = max(2, Int(sr / f))
            var line = (0..<period).map { _ in rng.uniform(-1, 1) }
            var out = [Float](repeating: 0, count: n)
            var idx = 0
            for i in 0..<n {
                let next = (idx + 1) % period
                let v = line[idx]
                line[idx] = 0.497 * (v + line[next])
                idx = next
                let t = Double(i) / sr
                out[i] = Float(v * envelope(t, decay: 10))
            }
            return out
        }
    }
}
