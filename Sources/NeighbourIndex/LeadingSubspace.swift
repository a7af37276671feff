import Support

/// The `p` leading eigenvectors of the uncentred second-moment matrix `M = XᵀX / m` of (a sample of)
/// the rows — the subspace that keeps the most of every dot product `x · y` — and the rows' `p`
/// coordinates in it.
///
/// Orthogonal (subspace) iteration (Golub & Van Loan, *Matrix Computations*, §8.2.4): `Q ← orth(M Q)`
/// from a seeded start, `iterations` times, Gram–Schmidt twice per column. Only the subspace
/// matters to its users, not exact eigenvectors, so a fixed iteration count suffices. `M` is formed
/// in `Double` from at most `sample` rows taken at a fixed stride: O(sample · d²) once, then
/// O(d² p) per iteration. Same input ⇒ same output, bit for bit, on any thread count.
struct LeadingSubspace {
    /// `p × d` row-major axes (orthonormal rows).
    let axes: [Float]
    let components: Int
    let dimension: Int

    init(_ v: UnsafePointer<Float>, count n: Int, dimension d: Int, components p: Int, sample: Int = 4096, iterations: Int = 30) {
        components = p
        dimension = d
        let step = max(1, n / max(1, sample))
        var m = [Double](repeating: 0, count: d * d)
        var used = 0
        m.withUnsafeMutableBufferPointer { mp in
            var row = [Double](repeating: 0, count: d)
            var i = 0
            while i < n {
                for j in 0 ..< d { row[j] = Double(v[i * d + j]) }
                for j in 0 ..< d {
                    let a = row[j], out = mp.baseAddress! + j * d
                    for k in j ..< d { out[k] += a * row[k] }
                }
                used += 1
                i += step
            }
            for j in 0 ..< d { for k in 0 ..< j { mp[j * d + k] = mp[k * d + j] } }
        }
        var rng = SplitMix64(seed: 0x5_0B5_9ACE)
        var q = (0 ..< p).map { _ in (0 ..< d).map { _ in rng.uniform() - 0.5 } }
        Self.orthonormalise(&q)
        for _ in 0 ..< iterations {
            q = q.map { col in (0 ..< d).map { j in
                var s = 0.0
                for k in 0 ..< d { s += m[j * d + k] * col[k] }
                return s
            } }
            Self.orthonormalise(&q)
        }
        axes = q.flatMap { $0.map { Float($0) } }
    }

    /// Modified Gram–Schmidt, twice; a column that vanishes becomes zero (it then adds nothing).
    static func orthonormalise(_ q: inout [[Double]]) {
        for c in q.indices {
            for _ in 0 ..< 2 {
                for b in 0 ..< c {
                    let p = zip(q[c], q[b]).reduce(0.0) { $0 + $1.0 * $1.1 }
                    for j in q[c].indices { q[c][j] -= p * q[b][j] }
                }
            }
            let norm = q[c].reduce(0.0) { $0 + $1 * $1 }.squareRoot()
            for j in q[c].indices { q[c][j] = norm > 1e-30 ? q[c][j] / norm : 0 }
        }
    }

    /// The `n × p` coordinates of the rows at `v` (row-major).
    func project(_ v: UnsafePointer<Float>, count n: Int, threads: Int) -> [Float] {
        let p = components, d = dimension
        var out = [Float](repeating: 0, count: n * p)
        let shared = UnsafeSendable((v, axes))
        out.withUnsafeMutableBufferPointer { ob in
            let y = SharedBuffer(base: ob.baseAddress!)
            Parallel.forEachChunk(n, chunkSize: 1024, threads: threads) { range in
                let (v, axes) = shared.value
                axes.withUnsafeBufferPointer { a in
                    for i in range {
                        for c in 0 ..< p { y.base[i * p + c] = DistanceKernel.dot(a.baseAddress! + c * d, v + i * d, d) }
                    }
                }
            }
        }
        return out
    }
}
