import Support

/// Every item's farthest items for the approximate all-pairs tables, by an exact search for the
/// smallest dot products in a low-dimensional subspace, re-ranked in the full space.
///
/// Under the angular metric the farthest item from `q` minimises `q · x`: a vertex of the data's
/// hull in the direction `−q`. Structures built for *near* items find these badly — the negated
/// query lands where there is no data (the forest's bottom-10 recall fell to 0.45 at 100 k) — and
/// on real descriptors the farthest items do not concentrate on a few "anti-hubs" either: the
/// bottom-10 lists of 20 k synthesised clips name 13 k distinct items, and a pool of exact answers
/// of sampled items reached 0.69 recall with a quarter of the collection in it.
///
/// What does hold is that dot products, unlike small distances, live in the leading directions:
/// `q · x = q_P · x_P + q_R · x_R` where `P` is the span of the `p` leading eigenvectors of the
/// second moment `XᵀX` and `R` its complement, and the residual term is small for the items with
/// the most negative products. So:
///
/// 1. `LeadingSubspace` (p = ``components``, 48; 0.87 of the energy at 32 on the descriptor).
/// 2. All pairs in that subspace, each unordered pair once, tiled like the exact table: every row
///    keeps its `candidates × bottomK` smallest products.
/// 3. Those candidates re-ranked by their exact distance in the full space.
///
/// On 20 k synthesised clips (394 values) the candidates of p = 48 hold 0.996 of the exact farthest
/// 10 at 30 candidates (0.98 at 20; p = 32 needed 50 for 0.97). Cost: `count² × p / 2` + a
/// `count × candidates × d` re-rank, against `count² × d / 2` for the exact table. With few
/// dimensions (d ≤ 2p) the products are taken in the full space (exact); small collections get a scan. The result does not depend on the thread count.
enum FarthestSearch {
    /// Dimensions of the subspace.
    static let components = 48
    /// Candidates per farthest item kept.
    static let candidates = 3

    /// Farthest `bottomK` of each of the `n × d` prepared rows at `v`, farthest first, never the row
    /// itself; ties by ascending index.
    /// `components` and `exactBelow` (collections up to this size get exact scans) are for tests.
    /// Under the euclidean metric (vectors not unit length) every row gets the exact scan.
    static func table(
        _ v: UnsafePointer<Float>, count n: Int, dimension d: Int, metric: Metric, bottomK: Int, threads: Int,
        components p: Int = components, exactBelow: Int = 4096
    ) -> [[Neighbour]] {
        let kk = min(bottomK, max(0, n - 1))
        guard kk > 0 else { return [[Neighbour]](repeating: [], count: n) }
        guard metric == .angular, n > exactBelow else { return exactFarthest(v, n: n, d: d, queries: Array(0 ..< n), k: kk, threads: threads) }
        let c = min(n - 1, (d > 2 * p ? candidates : 2) * kk)
        let heaps: [RowHeaps]
        if d > 2 * p {
            let y = LeadingSubspace(v, count: n, dimension: d, components: p).project(v, count: n, threads: threads)
            heaps = y.withUnsafeBufferPointer { smallestProducts($0.baseAddress!, count: n, dimension: p, keep: c, threads: threads) }
        } else {
            // Few dimensions: the smallest products in the full space, every pair once (exact; twice
            // the list so that rounding between product and distance order cannot lose an item).
            heaps = smallestProducts(v, count: n, dimension: d, keep: c, threads: threads)
        }
        var out = [[Neighbour]](repeating: [], count: n)
        let shared = UnsafeSendable((v, heaps))
        out.withUnsafeMutableBufferPointer { ob in
            let result = SharedBuffer(base: ob.baseAddress!)
            Parallel.forEachChunk(n, chunkSize: 1024, threads: threads) { range in
                let (v, heaps) = shared.value
                for i in range {
                    var found = BoundedHeap(capacity: c)
                    for h in heaps { h.drain(i, into: &found) }
                    var far = BoundedHeap(capacity: kk)
                    for x in found.ids { far.push(-DistanceKernel.squaredL2(v + i * d, v + Int(x) * d, d), x) }
                    result.base[i] = farthestList(far)
                }
            }
        }
        return out
    }

    /// Per worker, every row's `keep` smallest `(y_i · y_j, j)` over all `j ≠ i`, each unordered pair
    /// computed once (tiles of rows against tiles of columns, four rows per kernel call).
    static func smallestProducts(_ y: UnsafePointer<Float>, count n: Int, dimension p: Int, keep: Int, threads: Int) -> [RowHeaps] {
        let tile = 256
        let tiles = (n + tile - 1) / tile
        var pairs: [(Int, Int)] = []
        for a in 0 ..< tiles { for b in a ..< tiles { pairs.append((a, b)) } }
        // Each worker keeps every row's candidates: cap them so that is at most 512 MiB in all.
        let affordable = max(1, (512 << 20) / max(1, n * keep * 8))
        let workers = max(1, min(threads, pairs.count, affordable))
        let heaps = (0 ..< workers).map { _ in RowHeaps(rows: n, capacity: keep) }
        let shared = UnsafeSendable((heaps, pairs, y))
        Parallel.forEachChunk(workers, chunkSize: 1, threads: workers) { range in
            let (heaps, pairs, y) = shared.value
            for w in range {
                var t = w
                while t < pairs.count {
                    tilePair(y, rowTile: pairs[t].0, columnTile: pairs[t].1, tile: tile, n: n, p: p, heap: heaps[w])
                    t += workers
                }
            }
        }
        return heaps
    }

    /// All pairs (i, j), i in row tile `a`, j in column tile `b` (j > i when a == b), offered both ways.
    private static func tilePair(_ y: UnsafePointer<Float>, rowTile a: Int, columnTile b: Int, tile: Int, n: Int, p: Int, heap: RowHeaps) {
        let rowEnd = min(n, (a + 1) * tile), colEnd = min(n, (b + 1) * tile)
        var i0 = a * tile
        while i0 < rowEnd {
            let rows = min(4, rowEnd - i0)
            let q0 = y + i0 * p, q1 = y + (i0 + min(1, rows - 1)) * p
            let q2 = y + (i0 + min(2, rows - 1)) * p, q3 = y + (i0 + min(3, rows - 1)) * p
            var worst = SIMD4<Float>(repeating: -.infinity)
            for x in 0 ..< rows { worst[x] = heap.worst(i0 + x) }
            for j in (a == b ? i0 + 1 : b * tile) ..< colEnd {
                let s = DistanceKernel.dotx4(y + j * p, q0, q1, q2, q3, p)
                let jw = heap.worst(j)
                for x in 0 ..< rows where i0 + x < j {
                    if s[x] <= worst[x] {
                        heap.push(i0 + x, s[x], Int32(j))
                        worst[x] = heap.worst(i0 + x)
                    }
                    if s[x] <= jw { heap.push(j, s[x], Int32(i0 + x)) }
                }
            }
            i0 += rows
        }
    }

    /// Exact farthest `k` of each query by a full scan (never the query itself).
    static func exactFarthest(_ v: UnsafePointer<Float>, n: Int, d: Int, queries: [Int], k: Int, threads: Int) -> [[Neighbour]] {
        scan(v, d: d, rows: queries, base: v, ids: (0 ..< Int32(n)).map { $0 }, k: k, threads: threads)
    }

    /// Farthest `k` of each of `rows` (rows of `v`) among the vectors at `base` (item `ids[p]` at
    /// `base + p·d`). Rows go in chunks of 64, the candidates in tiles of 256 (≈ 400 KB at d = 394,
    /// in L2), four rows per kernel call, so each tile is read from memory once per chunk.
    static func scan(
        _ v: UnsafePointer<Float>, d: Int, rows: [Int], base: UnsafePointer<Float>, ids: [Int32], k: Int, threads: Int
    ) -> [[Neighbour]] {
        var out = [[Neighbour]](repeating: [], count: rows.count)
        let shared = UnsafeSendable((rows, ids, v, base))
        let kk = min(k, ids.count)
        out.withUnsafeMutableBufferPointer { ob in
            let result = SharedBuffer(base: ob.baseAddress!)
            Parallel.forEachChunk(rows.count, chunkSize: 64, threads: threads) { range in
                let (rows, ids, v, base) = shared.value
                var heaps = range.map { _ in BoundedHeap(capacity: kk) }
                var worst = [Float](repeating: .infinity, count: range.count)
                var t0 = 0
                while t0 < ids.count {
                    let t1 = min(ids.count, t0 + 256)
                    var r = 0
                    while r < range.count {
                        let m = min(4, range.count - r)
                        let q = (0 ..< 4).map { v + rows[range.lowerBound + r + min($0, m - 1)] * d }
                        for p in t0 ..< t1 {
                            let s = DistanceKernel.squaredL2x4(base + p * d, q[0], q[1], q[2], q[3], d)
                            for x in 0 ..< m where -s[x] <= worst[r + x] && Int(ids[p]) != rows[range.lowerBound + r + x] {
                                heaps[r + x].push(-s[x], ids[p])
                                worst[r + x] = heaps[r + x].worstKey
                            }
                        }
                        r += m
                    }
                    t0 = t1
                }
                for x in 0 ..< range.count { result.base[range.lowerBound + x] = farthestList(heaps[x]) }
            }
        }
        return out
    }
}
