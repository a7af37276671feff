#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// SplitMix64 (Steele, Lea & Flood, *Fast splittable pseudorandom number generators*, OOPSLA
/// 2014): a tiny seeded generator whose output never changes across Swift versions or platforms
/// (unlike `Int.random(in:using:)`, whose algorithm is not specified), so every synthesised clip,
/// projection and plot is reproducible bit for bit. The one generator of the package.
public struct SplitMix64: RandomNumberGenerator, Sendable {
    private var state: UInt64

    public init(seed: UInt64) { state = seed }

    /// A seed derived from `seed` and a stream number (e.g. a tree index), decorrelated by one mix step.
    public static func derive(_ seed: UInt64, stream: UInt64) -> UInt64 {
        var g = SplitMix64(seed: seed ^ (stream &* 0xD1B5_4A32_D192_ED03))
        return g.next()
    }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// Uniform in [0, 1) from the top 53 bits.
    public mutating func uniform() -> Double { Double(next() >> 11) / 9_007_199_254_740_992.0 }

    /// Uniform in [lo, hi).
    public mutating func uniform(_ lo: Double, _ hi: Double) -> Double { lo + (hi - lo) * uniform() }

    /// Uniform Float in [0, 1) from the top 24 bits.
    public mutating func unitFloat() -> Float { Float(next() >> 40) * (1.0 / 16_777_216.0) }

    /// Standard normal (Box–Muller, one of the pair), u₁ clamped away from 0.
    public mutating func gaussian() -> Double {
        let u1 = max(uniform(), 1e-300), u2 = uniform()
        return (-2 * log(u1)).squareRoot() * cos(2 * .pi * u2)
    }

    /// Standard normal as a Float (Box–Muller with u₁ in (0, 1], computed in Double for stability).
    public mutating func gaussianFloat() -> Float {
        let u1 = (Double(next() >> 11) + 1.0) * (1.0 / 9_007_199_254_740_993.0)
        let u2 = Double(next() >> 11) * (1.0 / 9_007_199_254_740_992.0)
        return Float((-2.0 * log(u1)).squareRoot() * cos(2.0 * Double.pi * u2))
    }

    /// Uniform integer in `0..<n` by remainder (slightly biased for huge n; reproducible).
    public mutating func index(_ n: Int) -> Int { Int(next() % UInt64(max(n, 1))) }

    /// Uniform integer in `0..<bound` (Lemire's multiply-high reduction; bias < 2⁻³² for our sizes).
    public mutating func below(_ bound: Int) -> Int {
        Int(next().multipliedFullWidth(by: UInt64(bound)).high)
    }
}
