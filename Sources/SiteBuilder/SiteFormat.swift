import Support

/// Locale-independent number formatting for pages, so output is byte-identical everywhere.
enum SiteFormat {
    /// `x` rounded half away from zero to `digits` decimals (``FixedDecimal``); `"–"` for NaN or infinity.
    static func fixed(_ x: Double, digits: Int) -> String {
        FixedDecimal.format(x, digits) ?? "–"
    }

    /// A duration as `m:ss` (`h:mm:ss` from one hour), rounded to the nearest second.
    static func duration(_ seconds: Double) -> String {
        guard seconds.isFinite, seconds >= 0 else { return "–" }
        let total = Int(min(seconds, 1e9).rounded())
        let h = total / 3600, m = (total % 3600) / 60, s = total % 60
        let ss = s < 10 ? "0\(s)" : "\(s)"
        if h > 0 { return "\(h):" + (m < 10 ? "0\(m)" : "\(m)") + ":" + ss }
        return "\(m):" + ss
    }

    /// Tempo as `123.4 BPM`, or `no steady beat` when none was found (0 or not finite).
    static func tempo(_ bpm: Double) -> String {
        guard bpm.isFinite, bpm > 0 else { return "no steady beat" }
        return fixed(bpm, digits: 1) + " BPM"
    }

    /// An integer with thousands separators: `3,415`.
    static func grouped(_ n: Int) -> String {
        let digits = String(n.magnitude)
        var out = ""
        for (i, c) in digits.enumerated() {
            if i > 0 && (digits.count - i) % 3 == 0 { out.append(",") }
            out.append(c)
        }
        return (n < 0 ? "-" : "") + out
    }

    /// Similarity shown for a cosine distance `d = 1 − cos θ` in [0, 2]: `s = 1 − d/2`, clamped to
    /// [0, 1] (1 = same direction, 0.5 = orthogonal, 0 = opposite).
    static func similarity(distance: Double) -> Double {
        guard distance.isFinite else { return 0 }
        return min(1, max(0, 1 - distance / 2))
    }
}

extension SiteFormat {
    /// A long span in words: `45 s`, `12 min`, `3 h 07 min`.
    static func longDuration(_ seconds: Double) -> String {
        guard seconds.isFinite, seconds >= 0 else { return "–" }
        let total = Int(min(seconds, 1e12).rounded())
        if total < 60 { return "\(total) s" }
        let minutes = (total + 30) / 60
        if minutes < 60 { return "\(minutes) min" }
        let m = minutes % 60
        return "\(minutes / 60) h " + (m < 10 ? "0\(m)" : "\(m)") + " min"
    }
}
