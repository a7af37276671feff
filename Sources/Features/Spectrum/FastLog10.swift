/// Base-10 logarithm of eight floats at once, for the dB conversion of the mel spectrogram
/// (165,000 values per 30 s clip, where a call to libm per value cost a tenth of the features).
///
/// Cephes `log10f` (S. L. Moshier, *Methods and Programs for Mathematical Functions*, 1989):
/// x = m·2^e with m in [√½, √2), log(m) by a degree-9 polynomial in m − 1, and log10 assembled
/// from split constants, largest terms last. Within 2 ulp of the exact result for positive
/// normal inputs (the tests check it against Double); +∞ gives +∞. Callers clamp their input
/// to a positive floor first, so zero, negative, NaN and subnormal inputs are not handled.
enum FastLog10 {
    @inline(__always)
    static func log10(_ v: SIMD8<Float>) -> SIMD8<Float> {
        let bits = unsafeBitCast(v, to: SIMD8<UInt32>.self)
        // frexp: v = m · 2^e with m in [0.5, 1).
        let mantissa = unsafeBitCast((bits & 0x007F_FFFF) | 0x3F00_0000, to: SIMD8<Float>.self)
        var e = SIMD8<Float>(SIMD8<Int32>(truncatingIfNeeded: bits &>> 23) &- 126)
        let low = mantissa .< 0.707_106_781_186_547_524
        e = e.replacing(with: e - 1, where: low)
        // m − 1 or 2m − 1, both exact.
        let x = mantissa.replacing(with: mantissa + mantissa, where: low) - 1
        let z = x * x
        var p = SIMD8<Float>(repeating: 7.037_683_629_2e-2)
        p = p * x - 1.151_461_031_0e-1
        p = p * x + 1.167_699_874_0e-1
        p = p * x - 1.242_014_084_6e-1
        p = p * x + 1.424_932_278_7e-1
        p = p * x - 1.666_805_766_5e-1
        p = p * x + 2.000_071_476_5e-1
        p = p * x - 2.499_999_399_3e-1
        p = p * x + 3.333_333_117_4e-1
        let y = p * x * z - 0.5 * z
        // log10(e) = 0.43359375 + 7.00731903e-4, log10(2) = 0.30078125 + 2.48745664e-4.
        var r = y * 7.007_319_032_518_276_511_29e-4
        r += x * 7.007_319_032_518_276_511_29e-4
        r += e * 2.487_456_639_811_952_137_39e-4
        r += y * 0.433_593_75
        r += x * 0.433_593_75
        r += e * 0.300_781_25
        return r.replacing(with: .infinity, where: v .== .infinity)
    }
}
