/// Base-10 logarithm for the dB conversion of the mel spectrogram (165,000 values per 30 s
/// clip, where a call to libm per value cost a tenth of the features).
///
/// Cephes `log10f` (S. L. Moshier, *Methods and Programs for Mathematical Functions*, 1989):
/// x = m·2^e with m in [√½, √2), log(m) by a degree-9 polynomial in m − 1, and log10 assembled
/// from split constants, largest terms last. Within 2 ulp of the exact result for positive
/// normal inputs (the tests check it against Double); +∞ gives +∞. Callers clamp their input
/// to a positive floor first, so zero, negative, NaN and subnormal inputs are not handled.
///
/// Written as scalar code in a loop over a buffer: the compiler vectorises that loop fully,
/// where the same steps on Swift SIMD types came out partly lane by lane.
enum FastLog10 {
    /// `x[i] = scale · log10(max(floor, x[i]))` for i in 0..<count, in place; `max` as
    /// Swift.max, so NaN becomes `floor`. (In place on one pointer: with separate input and
    /// output pointers the compiler adds an overlap check that sends equal pointers down the
    /// scalar path.)
    @inline(never)
    static func log10(inPlace x: UnsafeMutablePointer<Float>, count: Int, floor: Float, scale: Float) {
        for i in 0..<count {
            var v = x[i]
            if !(v >= floor) { v = floor }
            x[i] = scale * log10(v)
        }
    }

    /// One value (inlined into the loop above, and used by the tests).
    @inline(__always)
    static func log10(_ v: Float) -> Float {
        let bits = v.bitPattern
        // frexp: v = m · 2^e with m in [0.5, 1).
        var m = Float(bitPattern: (bits & 0x007F_FFFF) | 0x3F00_0000)
        var e = Float(Int32(truncatingIfNeeded: bits >> 23) &- 126)
        if m < 0.707_106_781_186_547_524 {
            e -= 1
            m = m + m // exact
        }
        let x = m - 1 // exact
        let z = x * x
        var p: Float = 7.037_683_629_2e-2
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
        return v == .infinity ? .infinity : r
    }
}
