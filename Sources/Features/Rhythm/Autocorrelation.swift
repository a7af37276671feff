/// Signal helpers for rhythm analysis: local-mean removal and normalised autocorrelation with
/// fractional-lag interpolation.
enum Periodicity {
    /// `x − movingAverage(x, width)`, half-wave rectified: keeps onsets that stand out of
    /// their neighbourhood (Ellis 2007 §3.1 high-pass), then scaled to unit standard deviation.
    static func accent(_ x: ArraySlice<Float>, width: Int) -> [Float] {
        let n = x.count
        guard n > 0 else { return [] }
        let base = x.startIndex
        var prefix = [Double](repeating: 0, count: n + 1)
        for i in 0..<n { prefix[i + 1] = prefix[i] + Double(x[base + i]) }
        let half = max(1, width / 2)
        var out = [Float](repeating: 0, count: n)
        for i in 0..<n {
            let lo = max(0, i - half), hi = min(n, i + half + 1)
            let mean = (prefix[hi] - prefix[lo]) / Double(hi - lo)
            out[i] = max(0, x[base + i] - Float(mean))
        }
        let mean = out.reduce(0, +) / Float(n)
        let variance = out.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Float(n)
        let sd = variance.squareRoot()
        if sd > 1e-9 { for i in 0..<n { out[i] /= sd } }
        return out
    }

    /// Autocorrelation of the mean-removed signal for lags 0…maxLag, each lag normalised by its
    /// overlap (unbiased), then by lag 0, so values lie in about [−1, 1]. All zeros when `x` is
    /// constant.
    static func autocorrelation(_ x: [Float], maxLag: Int) -> [Float] {
        let n = x.count
        let lags = min(maxLag, max(n - 1, 0))
        guard n > 1 else { return [Float](repeating: 0, count: maxLag + 1) }
        let mean = x.reduce(0, +) / Float(n)
        let y = x.map { $0 - mean }
        var r = [Float](repeating: 0, count: maxLag + 1)
        y.withUnsafeBufferPointer { p in
            for lag in 0...lags {
                r[lag] = VectorOps.dot(p.baseAddress!, p.baseAddress! + lag, n - lag) / Float(n - lag)
            }
        }
        let r0 = r[0]
        guard r0 > 1e-12 else { return [Float](repeating: 0, count: maxLag + 1) }
        return r.map { $0 / r0 }
    }

    /// ``autocorrelation(_:maxLag:)``, or its lags 0…maxLag cut from `shared` when that was
    /// computed for the same signal up to a longer lag (every lag is computed on its own, so
    /// the values are identical).
    static func autocorrelation(_ x: [Float], maxLag: Int, shared: [Float]?) -> [Float] {
        if let shared, shared.count >= maxLag + 1 { return Array(shared.prefix(maxLag + 1)) }
        return autocorrelation(x, maxLag: maxLag)
    }

    /// Linear interpolation of `r` at a fractional lag (0 outside the range).
    static func sample(_ r: [Float], at lag: Double) -> Float {
        guard lag >= 0 else { return 0 }
        let i = Int(lag)
        guard i + 1 < r.count else { return i < r.count ? r[i] : 0 }
        let f = Float(lag - Double(i))
        return r[i] * (1 - f) + r[i + 1] * f
    }

    /// Cross-correlation of mean-removed `a` and `b` at lag (b delayed), normalised by the
    /// product of their standard deviations.
    static func crossCorrelation(_ a: [Float], _ b: [Float], lag: Double) -> Float {
        let n = min(a.count, b.count)
        let l = Int(lag.rounded())
        guard n > l + 1, l >= 0 else { return 0 }
        let ma = a.prefix(n).reduce(0, +) / Float(n), mb = b.prefix(n).reduce(0, +) / Float(n)
        var sab: Float = 0, saa: Float = 0, sbb: Float = 0
        for i in 0..<n { saa += (a[i] - ma) * (a[i] - ma); sbb += (b[i] - mb) * (b[i] - mb) }
        for i in 0..<(n - l) { sab += (a[i] - ma) * (b[i + l] - mb) }
        let d = (saa * sbb).squareRoot()
        return d > 1e-12 ? sab / d * Float(n) / Float(n - l) : 0
    }
}
