extension PCA {
    /// ``fit(_:components:maxIterations:tolerance:)`` for large collections: the axes are fitted on
    /// every `step`-th vector (`step = ⌈n / sample⌉`), then every vector is projected on them after
    /// subtracting the mean of that sample. It never copies the whole collection, and with
    /// n ≤ `sample` it is exactly `fit`. Variances and total variance are the sample's.
    public static func fit(_ vectors: [[Float]], components: Int = 2, sample: Int,
                           maxIterations: Int = 500, tolerance: Double = 1e-12) throws -> Result {
        guard vectors.count > max(1, sample) else {
            return try fit(vectors, components: components, maxIterations: maxIterations, tolerance: tolerance)
        }
        let step = (vectors.count + sample - 1) / sample
        let fitted = stride(from: 0, to: vectors.count, by: step).map { vectors[$0] }
        var result = try fit(fitted, components: components, maxIterations: maxIterations, tolerance: tolerance)
        let d = fitted[0].count
        var mean = [Double](repeating: 0, count: d)
        for v in fitted { for j in 0..<d { mean[j] += Double(v[j]) } }
        for j in 0..<d { mean[j] /= Double(fitted.count) }
        guard vectors.allSatisfy({ $0.count == d && $0.allSatisfy { $0.isFinite } }) else {
            throw PlotError.invalidInput(plot: "PCA", reason: "vectors must be finite and of equal length")
        }
        result.points = vectors.map { v in
            result.axes.map { axis in
                var s = 0.0
                for j in 0..<d { s += (Double(v[j]) - mean[j]) * axis[j] }
                return s
            }
        }
        return result
    }
}
