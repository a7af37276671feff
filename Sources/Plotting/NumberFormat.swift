import Support

/// Locale-independent fixed-point number formatting, so labels are byte-identical everywhere.
enum NumberFormat {
    /// `value` rounded to `decimals` places (0...6, ``FixedDecimal``), e.g. fixed(123.45, 1) = "123.5";
    /// "–" for NaN or infinity; ``compact(_:)`` when too large for fixed point.
    static func fixed(_ value: Double, decimals: Int) -> String {
        let d = min(max(decimals, 0), 6)
        guard value.isFinite else { return "–" }
        // Beyond what fits in a label at fixed point, the compact form (mantissa and exponent).
        guard abs(value) * pow10(d) < 9.0e15 else { return compact(value) }
        return FixedDecimal.format(value, d) ?? "–"
    }

    /// A short label for any magnitude: fixed notation for 1e-3 <= |v| < 1e6, else mantissa "e" exponent.
    static func compact(_ value: Double) -> String {
        guard value.isFinite else { return fixed(value, decimals: 0) }
        let a = abs(value)
        if a == 0 { return "0" }
        if a >= 1e-3 && a < 1e6 {
            let decimals = a >= 100 ? 0 : (a >= 10 ? 1 : (a >= 1 ? 2 : 3))
            return trimmed(fixed(value, decimals: decimals))
        }
        var exponent = Int(a.log10Floor)
        var mantissa = value / pow10(exponent)
        if abs(mantissa) >= 9.995 { mantissa /= 10; exponent += 1 }
        return trimmed(fixed(mantissa, decimals: 2)) + "e" + String(exponent)
    }

    /// Drops trailing zeros after a decimal point ("1.50" -> "1.5", "2.00" -> "2").
    static func trimmed(_ s: String) -> String {
        guard s.contains(".") else { return s }
        var t = Substring(s)
        while t.hasSuffix("0") { t = t.dropLast() }
        if t.hasSuffix(".") { t = t.dropLast() }
        return String(t)
    }

    /// 10^e for integer e (exact for |e| <= 22).
    static func pow10(_ e: Int) -> Double {
        var r = 1.0
        if e >= 0 { for _ in 0..<e { r *= 10 } } else { for _ in 0..<(-e) { r /= 10 } }
        return r
    }
}

extension Double {
    /// floor(log10(self)) for positive finite values, computed without libm rounding surprises
    /// at exact powers of ten.
    var log10Floor: Double {
        var e = 0
        var v = self
        while v >= 10 { v /= 10; e += 1 }
        while v < 1 { v *= 10; e -= 1 }
        return Double(e)
    }
}
