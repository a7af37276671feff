extension PCA {
    /// ``fit(_:components:maxIterations:tolerance:)`` for large collections: the axes are fitted on
    /// every `step`-th vector (`step = ⌈n / sample⌉`), then every vector is projected on them after
    /// subtracting the mean of that sample. It never copies the whole collection, and with
    /// n ≤ `sample` it is exactly `fit`. Variances and total variance are the sample's.
    public static func fit(_ vectors: [[Float]], components: Int = 2, sample: Int,
                           maxIterations: Int = 500, tolerance: Double = 1e-12) throws -> Result {
        try fit(count: vectors.count, components: components, sample: sample, maxIterations: maxIterations,
                tolerance: tolerance) { vectors[$0] }
    }

    /// ``fit(_:components:sample:maxIterations:tolerance:)`` of `count` vectors read one at a time
    /// through `row` (for vectors not held as `[[Float]]`, such as one contiguous block): only the
    /// sample (at most `sample` rows) is ever copied out.
    public static func fit(count: Int, components: Int = 2, sample: Int, maxIterations: Int = 500,
                           tolerance: Double = 1e-12, row: (Int) -> [Float]) throws -> Result {
        guard count > max(1, sample) else {
            return try fit((0 ..< count).map(row), components: components, maxIterations: maxIterations, tolerance: tolerance)
        }
        let step = (count + sample - 1) / sample
        let fitted = stride(from: 0, to: count, by: step).map(row)
        var result = try fit(fitted, components: components, maxIterations: maxIterations, tolerance: tolerance)
        let d = fitted[0].count
        var mean = [Double](repeating: 0, count: d)
        for v in fitted { for j in 0..<d { mean[j] += Double(v[j]) } }
        for j in 0..<d { mean[j] /= Double(fitted.count) }
        var points: [[Double]] = []
        points.reserveCapacity(count)
        for i in 0 ..< count {
            let v = row(i)
            guard v.count == d, v.allSatisfy({ $0.isFinite }) else {
                throw PlotError.invalidInput(plot: "PCA", reason: "vectors must be finite and of equal length")
            }
            points.append(result.axes.map { axis in
                var s = 0.0
                for j in 0..<d { s += (Double(v[j]) - mean[j]) * axis[j] }
                return s
            })
        }
        result.points = points
        return result
    }
}
