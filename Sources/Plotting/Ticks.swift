import Foundation

/// A data range mapped onto an axis, linear or base-10 logarithmic.
public struct AxisScale: Sendable, Equatable {
    public var lower: Double
    public var upper: Double
    public var logarithmic: Bool

    /// `lower < upper` is made true: an empty or inverted range is widened around its centre
    /// (by 0.5 either side, or 10% for a log scale); non-finite bounds become 0...1 (1...10 for log).
    public init(_ lower: Double, _ upper: Double, logarithmic: Bool = false) {
        var lo = lower, hi = upper
        if logarithmic {
            if !(lo.isFinite && lo > 0) { lo = 1 }
            if !(hi.isFinite && hi > 0) { hi = max(lo * 10, 10) }
            if hi <= lo { let c = max(lo, hi); lo = c / 1.1; hi = c * 1.1 }
        } else {
            if !lo.isFinite || !hi.isFinite { lo = 0; hi = 1 }
            if hi <= lo { let c = (lo + hi) / 2; lo = c - 0.5; hi = c + 0.5 }
            if hi - lo < abs(lo) * 1e-12 { let c = lo; lo = c - abs(c) * 1e-6; hi = c + abs(c) * 1e-6 }
        }
        self.lower = lo
        self.upper = hi
        self.logarithmic = logarithmic
    }

    /// Position of `v` in [0, 1] across the range (outside values extrapolate; NaN stays NaN).
    public func fraction(_ v: Double) -> Double {
        if logarithmic {
            guard v > 0 else { return -.infinity }
            return (log10Value(v) - log10Value(lower)) / (log10Value(upper) - log10Value(lower))
        }
        return (v - lower) / (upper - lower)
    }

    private func log10Value(_ v: Double) -> Double { Foundation.log10(v) }
}

/// Tick positions with their labels.
public struct Ticks: Sendable, Equatable {
    public var values: [Double]
    public var labels: [String]

    /// "Nice" linear ticks: the smallest step of 1, 2 or 5 times a power of ten that puts at
    /// most `maxCount` ticks inside [lower, upper] (after Heckbert 1990, "Nice numbers for graph
    /// labels", Graphics Gems).
    public static func linear(_ scale: AxisScale, maxCount: Int) -> Ticks {
        let lo = scale.lower, hi = scale.upper
        let limit = max(maxCount, 2)
        let raw = (hi - lo) / Double(limit)
        guard raw > 0, raw.isFinite else { return Ticks(values: [], labels: []) }
        var e = Int(raw.log10Floor)
        var step = NumberFormat.pow10(e)
        // Walk up 1, 2, 5, 10, 20, ... from just below range/limit until the count fits.
        search: while true {
            for m in [1.0, 2.0, 5.0] {
                let candidate = m * NumberFormat.pow10(e)
                let count = (hi / candidate + 1e-9).rounded(.down) - (lo / candidate - 1e-9).rounded(.up) + 1
                guard candidate > 0, count.isFinite else { return Ticks(values: [], labels: []) }
                if count <= Double(limit) {
                    step = candidate
                    break search
                }
            }
            e += 1
        }
        let decimals = max(0, -Int((step * (1 + 1e-9)).log10Floor))
        var values: [Double] = []
        var k = (lo / step - 1e-9).rounded(.up)
        while k * step <= hi + step * 1e-9, values.count < 1000 {
            values.append(k * step)
            k += 1
        }
        return Ticks(values: values, labels: values.map { NumberFormat.fixed($0, decimals: decimals) })
    }

    /// Ticks for a log axis: the densest of the mantissa sets {1}, {1, 2, 5}, {1, 2, 3, 5},
    /// {1, 1.5, 2, 3, 4, 5, 6, 8} times powers of ten that gives at most `maxCount` ticks.
    public static func logarithmic(_ scale: AxisScale, maxCount: Int) -> Ticks {
        let sets: [[Double]] = [[1, 1.5, 2, 3, 4, 5, 6, 8], [1, 2, 3, 5], [1, 2, 5], [1]]
        let lo = scale.lower, hi = scale.upper
        var best: [Double] = []
        for set in sets {
            var values: [Double] = []
            var e = Int(lo.log10Floor)
            while NumberFormat.pow10(e) <= hi * (1 + 1e-9), values.count <= 1000 {
                for m in set {
                    let v = m * NumberFormat.pow10(e)
                    if v >= lo * (1 - 1e-9) && v <= hi * (1 + 1e-9) { values.append(v) }
                }
                e += 1
            }
            best = values
            if values.count <= maxCount { break }
        }
        return Ticks(values: best, labels: best.map { NumberFormat.compact($0) })
    }
}
