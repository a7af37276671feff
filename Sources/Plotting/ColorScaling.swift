/// How a heatmap's values map onto the colour map's [0, 1] range.
public enum ColorScaling: Sendable, Equatable {
    /// From the `low`-th to the `high`-th percentile of the finite values (linear interpolation
    /// between order statistics, like numpy's default). Robust to a few outliers.
    case percentile(low: Double, high: Double)
    /// Symmetric around zero: -m...m with m the `percentile`-th percentile of |value|.
    case symmetric(percentile: Double)
    /// A fixed range.
    case fixed(lower: Double, upper: Double)

    /// The default for MFCC heatmaps: 2nd to 98th percentile.
    public static let robust = ColorScaling.percentile(low: 2, high: 98)

    /// The value range for `values` (non-finite values ignored). Always lower < upper: a
    /// constant input c gives c - 0.5...c + 0.5, no finite values give 0...1.
    public func range(of values: [Float]) -> AxisScale {
        switch self {
        case let .fixed(lower, upper):
            return AxisScale(lower, upper)
        case let .percentile(low, high):
            var finite = values.filter { $0.isFinite }
            guard !finite.isEmpty else { return AxisScale(0, 1) }
            let lo = Percentile.of(&finite, Swift.min(Swift.max(low, 0), 100))
            let hi = Percentile.of(&finite, Swift.min(Swift.max(high, 0), 100))
            return AxisScale(lo, hi)
        case let .symmetric(p):
            var magnitudes = values.compactMap { $0.isFinite ? abs($0) : nil }
            guard !magnitudes.isEmpty else { return AxisScale(-1, 1) }
            let m = Percentile.of(&magnitudes, Swift.min(Swift.max(p, 0), 100))
            return m > 0 ? AxisScale(-m, m) : AxisScale(-1, 1)
        }
    }
}

/// Order statistics by quickselect (Hoare 1961, "Algorithm 65: Find"), O(n) on average,
/// deterministic (median-of-three pivots, no randomness).
enum Percentile {
    /// The `p`-th percentile (0...100) of `values` (finite, non-empty), interpolating linearly
    /// between the two nearest order statistics. Reorders `values`.
    static func of(_ values: inout [Float], _ p: Double) -> Double {
        let position = p / 100 * Double(values.count - 1)
        let k = Int(position.rounded(.down))
        let a = Double(select(&values, k))
        guard k + 1 < values.count, position > Double(k) else { return a }
        // After select, everything right of k is >= values[k]; the next order statistic is their minimum.
        var b = Float.infinity
        for i in (k + 1)..<values.count where values[i] < b { b = values[i] }
        return a + (Double(b) - a) * (position - Double(k))
    }

    /// The k-th smallest element; afterwards values[k] holds it, smaller ones left, larger right.
    static func select(_ values: inout [Float], _ k: Int) -> Float {
        var lo = 0, hi = values.count - 1
        values.withUnsafeMutableBufferPointer { v in
            while lo < hi {
                let mid = lo + (hi - lo) / 2
                if v[mid] < v[lo] { v.swapAt(mid, lo) }
                if v[hi] < v[lo] { v.swapAt(hi, lo) }
                if v[hi] < v[mid] { v.swapAt(hi, mid) }
                let pivot = v[mid]
                var i = lo, j = hi
                while i <= j {
                    while v[i] < pivot { i += 1 }
                    while pivot < v[j] { j -= 1 }
                    if i <= j { v.swapAt(i, j); i += 1; j -= 1 }
                }
                if k <= j { hi = j } else if k >= i { lo = i } else { break }
            }
        }
        return values[k]
    }
}
