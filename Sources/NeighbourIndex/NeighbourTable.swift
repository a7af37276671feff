import Support
/// For every indexed item, its `k` nearest and `bottomK` farthest other items.
///
/// `top[i]` is sorted by ascending distance, `bottom[i]` by descending distance; ties in both are
/// broken by ascending item index; item `i` itself never appears in its own lists. Each list holds
/// `min(k, count − 1)` (resp. `min(bottomK, count − 1)`) entries.
public struct NeighbourTable: Sendable, Equatable {
    /// `top[i]`: nearest neighbours of item `i`, nearest first.
    public let top: [[Neighbour]]
    /// `bottom[i]`: least similar items to item `i`, least similar first.
    public let bottom: [[Neighbour]]

    public init(top: [[Neighbour]], bottom: [[Neighbour]]) {
        self.top = top
        self.bottom = bottom
    }
}

extension NeighbourTable {
    /// Builds `count` rows in parallel chunks; `row(i)` returns item `i`'s (top, bottom).
    static func collect(
        count: Int, chunkSize: Int, threads: Int,
        _ rows: @Sendable (Range<Int>, SharedBuffer<[Neighbour]>, SharedBuffer<[Neighbour]>) -> Void
    ) -> NeighbourTable {
        var top = [[Neighbour]](repeating: [], count: count)
        var bottom = [[Neighbour]](repeating: [], count: count)
        top.withUnsafeMutableBufferPointer { tb in
            bottom.withUnsafeMutableBufferPointer { bb in
                guard let t = tb.baseAddress, let b = bb.baseAddress else { return }
                let ts = SharedBuffer(base: t), bs = SharedBuffer(base: b)
                Parallel.forEachChunk(count, chunkSize: chunkSize, threads: threads) { range in
                    rows(range, ts, bs)
                }
            }
        }
        return NeighbourTable(top: top, bottom: bottom)
    }

    /// The all-pairs table of an approximate index: every stored vector (section `vectors` of
    /// `index`'s image) is searched as a query by `top`, which gets the index, the query, a per-thread
    /// workspace and the row to leave out, and returns its top list. The bottom lists come from
    /// ``FarthestSearch``, not from the index: a structure built for near items finds the farthest
    /// ones badly.
    static func byQueries<Index: NeighbourSearcher>(
        _ index: Index, vectors: some IndexSection, bottomK: Int, threads: Int,
        _ top: @escaping @Sendable (Index, UnsafePointer<Float>, SearchWorkspace, Int) -> [Neighbour]
    ) -> NeighbourTable {
        let d = index.dimension, section = vectors.rawValue
        let tops = collect(count: index.count, chunkSize: max(64, index.count / 256), threads: threads) { range, ts, _ in
            let ws = SearchWorkspace(count: index.count)
            let v = index.image.section(section, as: Float.self)
            for i in range { ts.base[i] = top(index, v + i * d, ws, i) }
        }.top
        let bottom = FarthestSearch.table(index.image.section(section, as: Float.self), count: index.count, dimension: d,
                                          metric: index.metric, bottomK: bottomK, threads: threads)
        return NeighbourTable(top: tops, bottom: bottom)
    }
}

extension ExactIndex {
    /// Exact all-pairs table. Each unordered pair is computed once (`DistanceKernel.squaredL2x4`, four
    /// rows of one tile against every row of another tile that is still in cache) and offered to both
    /// rows; workers keep their own per-row heaps, merged at the end — the kept sets depend only on the
    /// `(distance, index)` order, so the result is identical for any thread count.
    /// Cost: `count² × dimension / 2` operations, memory `threads × count × (k + bottomK) × 8` bytes.
    public func neighbourTable(k: Int, bottomK: Int) throws -> NeighbourTable {
        try neighbourTable(k: k, bottomK: bottomK, threads: Parallel.processorCount)
    }

    /// As `neighbourTable(k:bottomK:)` on at most `threads` threads (the result does not depend on it).
    public func neighbourTable(k: Int, bottomK: Int, threads: Int) throws -> NeighbourTable {
        try checkK(k)
        try checkK(bottomK, name: "bottomK")
        let n = count, d = dimension, img = image
        let kk = min(k, max(0, n - 1)), bk = min(bottomK, max(0, n - 1))
        let tile = max(16, min(512, (96 * 1024) / (4 * d))) & ~3
        let tiles = (n + tile - 1) / tile
        var pairs: [(Int, Int)] = []
        for a in 0 ..< tiles { for b in a ..< tiles { pairs.append((a, b)) } }
        let workers = max(1, min(threads, pairs.count))
        let tops = (0 ..< workers).map { _ in RowHeaps(rows: n, capacity: kk) }
        let bots = (0 ..< workers).map { _ in RowHeaps(rows: n, capacity: bk) }
        let shared = UnsafeSendable((tops, bots, pairs))
        Parallel.forEachChunk(workers, chunkSize: 1, threads: workers) { range in
            let (tops, bots, pairs) = shared.value
            for w in range {
                var p = w
                while p < pairs.count {
                    Self.tablePair(img, rowTile: pairs[p].0, columnTile: pairs[p].1, tile: tile, n: n, d: d,
                                   top: tops[w], bottom: bots[w])
                    p += workers
                }
            }
        }
        return NeighbourTable.collect(count: n, chunkSize: 256, threads: threads) { range, ts, bs in
            let (tops, bots, _) = shared.value
            for i in range {
                var t = BoundedHeap(capacity: kk), b = BoundedHeap(capacity: bk)
                for h in tops { h.drain(i, into: &t) }
                for h in bots { h.drain(i, into: &b) }
                ts.base[i] = nearestList(t)
                bs.base[i] = farthestList(b)
            }
        }
    }

    /// All pairs (i, j), i in row tile `a`, j in column tile `b` (j > i when a == b), offered both ways.
    private static func tablePair(
        _ img: IndexImage, rowTile a: Int, columnTile b: Int, tile: Int, n: Int, d: Int,
        top: RowHeaps, bottom: RowHeaps
    ) {
        let v = img.section(0, as: Float.self)
        let rowEnd = min(n, (a + 1) * tile), colEnd = min(n, (b + 1) * tile)
        var i0 = a * tile
        while i0 < rowEnd {
            let rows = min(4, rowEnd - i0)
            let q0 = v + i0 * d
            let q1 = v + (i0 + min(1, rows - 1)) * d
            let q2 = v + (i0 + min(2, rows - 1)) * d
            let q3 = v + (i0 + min(3, rows - 1)) * d
            var tw = SIMD4<Float>(repeating: -.infinity), bw = tw
            for x in 0 ..< rows {
                tw[x] = top.worst(i0 + x)
                bw[x] = bottom.worst(i0 + x)
            }
            for j in (a == b ? i0 + 1 : b * tile) ..< colEnd {
                let s = DistanceKernel.squaredL2x4(v + j * d, q0, q1, q2, q3, d)
                let jt = top.worst(j), jb = bottom.worst(j)
                for x in 0 ..< rows where i0 + x < j {
                    let i = i0 + x
                    if s[x] <= tw[x] {
                        top.push(i, s[x], Int32(j))
                        tw[x] = top.worst(i)
                    }
                    if -s[x] <= bw[x] {
                        bottom.push(i, -s[x], Int32(j))
                        bw[x] = bottom.worst(i)
                    }
                    if s[x] <= jt { top.push(j, s[x], Int32(i)) }
                    if -s[x] <= jb { bottom.push(j, -s[x], Int32(i)) }
                }
            }
            i0 += rows
        }
    }
}
