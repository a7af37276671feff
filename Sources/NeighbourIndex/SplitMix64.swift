/// SplitMix64 (Steele, Lea & Flood 2014): a tiny seeded generator whose output never changes across
/// Swift versions or platforms — unlike `Int.random(in:using:)`, whose algorithm is not specified.
struct SplitMix64: Sendable {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    /// A seed derived from `seed` and a stream number (e.g. a tree index), decorrelated by one mix step.
    static func derive(_ seed: UInt64, stream: UInt64) -> UInt64 {
        var g = SplitMix64(seed: seed ^ (stream &* 0xD1B5_4A32_D192_ED03))
        return g.next()
    }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// Uniform integer in `0..<bound` (Lemire's multiply-high reduction; bias < 2⁻³² for our sizes).
    mutating func below(_ bound: Int) -> Int {
        let r = next().multipliedFullWidth(by: UInt64(bound))
        return Int(r.high)
    }

    /// Uniform Float in [0, 1) from the top 24 bits.
    mutating func unit() -> Float { Float(next() >> 40) * (1.0 / 16_777_216.0) }

    /// Standard normal deviate (Box–Muller, one of the pair), computed in Double for stability.
    mutating func gaussian() -> Float {
        let u1 = (Double(next() >> 11) + 1.0) * (1.0 / 9_007_199_254_740_993.0)
        let u2 = Double(next() >> 11) * (1.0 / 9_007_199_254_740_992.0)
        let r = (-2.0 * _log(u1)).squareRoot()
        return Float(r * _cos(2.0 * Double.pi * u2))
    }
}

#if canImport(Glibc)
import Glibc
@inline(__always) private func _log(_ x: Double) -> Double { Glibc.log(x) }
@inline(__always) private func _cos(_ x: Double) -> Double { Glibc.cos(x) }
#elseif canImport(Darwin)
import Darwin
@inline(__always) private func _log(_ x: Double) -> Double { Darwin.log(x) }
@inline(__always) private func _cos(_ x: Double) -> Double { Darwin.cos(x) }
#endif
