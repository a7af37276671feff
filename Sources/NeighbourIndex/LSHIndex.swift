import Support
/// Random-hyperplane LSH (SimHash; M. Charikar, "Similarity estimation techniques from rounding
/// algorithms", STOC 2002) with query-directed multi-probe (Q. Lv et al., "Multi-probe LSH", VLDB 2007),
/// as used for music similarity by Tang & Cori (2020).
///
/// `tables` independent tables each hash a vector to `bits` sign bits of random Gaussian projections.
/// A query probes its own bucket and then the `probes − 1` neighbouring buckets whose flipped bits had
/// the smallest |margin| sums, and the distinct items found are re-ranked exactly.
/// Euclidean: hyperplanes pass through the data centroid instead of the origin (a heuristic —
/// SimHash is an angular-similarity hash).
///
/// Each table is stored as item ids sorted by (code, id) plus their codes; a bucket is found by binary
/// search. Image sections: ``LSHSection``.
public struct LSHIndex: NeighbourSearcher {
    public let image: IndexImage
    let pool: WorkspacePool
    public var metric: Metric { image.header.metric }
    public var dimension: Int { Int(image.header.dimension) }
    public var count: Int { Int(image.header.count) }
    /// Number of hash tables L.
    public var tables: Int { Int(image.header.parameters.0) }
    /// Bits per table b (1…64).
    public var bits: Int { Int(image.header.parameters.1) }
    /// Buckets probed per table (≥ 1, the first being the query's own).
    public var probes: Int { Int(image.header.parameters.2) }

    /// Builds `tables` tables of `bits`-bit codes.
    /// - Throws: `IndexError.invalidParameter` (tables ≥ 1, 1 ≤ bits ≤ 64, probes ≥ 1), `.zeroVector`.
    public init(
        vectors: VectorSet, metric: Metric, tables: Int = 16, bits: Int = 14, probes: Int = 16, seed: UInt64 = 1,
        threads: Int = 0
    ) throws {
        guard tables >= 1 else { throw IndexError.invalidParameter(name: "tables", value: tables, reason: "must be ≥ 1") }
        guard (1 ... 64).contains(bits) else { throw IndexError.invalidParameter(name: "bits", value: bits, reason: "must be 1…64") }
        guard probes >= 1 else { throw IndexError.invalidParameter(name: "probes", value: probes, reason: "must be ≥ 1") }
        let prepared = try vectors.prepared(for: metric)
        let pv = UnsafeBufferPointer(prepared.elements(as: Float.self))
        let n = vectors.count, d = vectors.dimension
        var rng = SplitMix64(seed: seed)
        var planes = [Float](repeating: 0, count: tables * bits * d)
        for i in planes.indices { planes[i] = rng.gaussianFloat() }
        var offsets = [Float](repeating: 0, count: tables * bits)
        if metric == .euclidean && n > 0 {
            var centroid = [Double](repeating: 0, count: d)
            for r in 0 ..< n { for c in 0 ..< d { centroid[c] += Double(pv[r * d + c]) } }
            for p in 0 ..< tables * bits {
                var s: Double = 0
                for c in 0 ..< d { s += Double(planes[p * d + c]) * centroid[c] / Double(n) }
                offsets[p] = Float(-s)
            }
        }
        var codes = [UInt64](repeating: 0, count: tables * n)
        var items = [Int32](repeating: 0, count: tables * n)
        if n > 0 {
            planes.withUnsafeBufferPointer { pb in
                codes.withUnsafeMutableBufferPointer { cb in
                    items.withUnsafeMutableBufferPointer { ib in
                        let ctx = UnsafeSendable((pv.baseAddress!, pb.baseAddress!, offsets))
                        let cs = SharedBuffer(base: cb.baseAddress!), its = SharedBuffer(base: ib.baseAddress!)
                        Parallel.forEachChunk(tables, chunkSize: 1, threads: threads > 0 ? threads : Parallel.processorCount) { range in
                            let (v, pl, off) = ctx.value
                            for t in range {
                                Self.fillTable(t, v: v, planes: pl, offsets: off, n: n, bits: bits, d: d, codes: cs, items: its)
                            }
                        }
                    }
                }
            }
        }
        image = IndexImage.assemble(
            metric: metric, kind: .lsh, dimension: d, count: n,
            parameters: (UInt64(tables), UInt64(bits), UInt64(probes)), seed: seed,
            sections: [prepared, planes, offsets, codes, items])
        pool = WorkspacePool(count: n)
    }

    init(image: IndexImage) {
        self.image = image
        pool = WorkspacePool(count: Int(image.header.count))
    }

    /// Hashes all `n` vectors into table `t` and stores them sorted by (code, item).
    private static func fillTable(
        _ t: Int, v: UnsafePointer<Float>, planes: UnsafePointer<Float>, offsets: [Float], n: Int, bits: Int, d: Int,
        codes: SharedBuffer<UInt64>, items: SharedBuffer<Int32>
    ) {
        var pairs = [(UInt64, Int32)]()
        pairs.reserveCapacity(n)
        for i in 0 ..< n {
            pairs.append((hash(v + i * d, planes: planes + t * bits * d, offsets: offsets, table: t, bits: bits, d: d), Int32(i)))
        }
        pairs.sort { $0.0 < $1.0 || ($0.0 == $1.0 && $0.1 < $1.1) }
        for (i, p) in pairs.enumerated() {
            codes.base[t * n + i] = p.0
            items.base[t * n + i] = p.1
        }
    }

    /// Code of one vector in table `table`: bit j set when `plane_j · x + offset_j > 0`.
    @inline(__always)
    static func hash(_ x: UnsafePointer<Float>, planes: UnsafePointer<Float>, offsets: [Float], table: Int, bits: Int, d: Int) -> UInt64 {
        var code: UInt64 = 0
        for j in 0 ..< bits where DistanceKernel.dot(planes + j * d, x, d) + offsets[table * bits + j] > 0 {
            code |= 1 << UInt64(j)
        }
        return code
    }

    public func search(_ query: [Float], k: Int) throws -> [Neighbour] {
        try checkK(k)
        let q = try preparedQuery(query, metric: metric, dimension: dimension)
        return pool.with { ws in q.withUnsafeBufferPointer { nearestList(nearest($0.baseAddress!, k: k, ws: ws)) } }
    }

    /// Farthest items. Angular: nearest to the negated query through the same tables, re-ranked by the
    /// true distance (approximate). Euclidean: an exact scan.
    /// Farthest items by an exact scan (≈ 20 ms at 100 k × 394 values): hash buckets group near
    /// items and find far ones badly (bottom-10 recall 0.15–0.55 through the negated query).
    public func farthest(_ query: [Float], k: Int) throws -> [Neighbour] {
        try checkK(k)
        let q = try preparedQuery(query, metric: metric, dimension: dimension)
        return q.withUnsafeBufferPointer { farthestList(ExactIndex.scanFarthest(image, $0.baseAddress!, k: k)) }
    }

    /// Farthest items through the buckets of the negated query (approximate; for bench-index only).
    public func farthestByBuckets(_ query: [Float], k: Int) throws -> [Neighbour] {
        try checkK(k)
        let q = try preparedQuery(query, metric: metric, dimension: dimension)
        return pool.with { ws in q.withUnsafeBufferPointer { farthestList(farthestHeap($0.baseAddress!, k: k, ws: ws)) } }
    }
}
