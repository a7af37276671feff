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
}

extension ExactIndex {
    /// Exact all-pairs table. Tiles rows × columns so a column tile stays in cache while four rows at a
    /// time are compared with it (`DistanceKernel.squaredL2x4`). Cost: `count² × dimension` operations.
    public func neighbourTable(k: Int, bottomK: Int) throws -> NeighbourTable {
        try neighbourTable(k: k, bottomK: bottomK, threads: Parallel.processorCount)
    }

    /// As `neighbourTable(k:bottomK:)` on at most `threads` threads (the result does not depend on it).
    public func neighbourTable(k: Int, bottomK: Int, threads: Int) throws -> NeighbourTable {
        try checkK(k)
        try checkK(bottomK, name: "bottomK")
        let n = count, d = dimension, img = image
        let kk = min(k, max(0, n - 1)), bk = min(bottomK, max(0, n - 1))
        let rowChunk = 32, columnTile = max(64, (192 * 1024) / (4 * d))
        return NeighbourTable.collect(count: n, chunkSize: rowChunk, threads: threads) { range, ts, bs in
            let v = img.section(0, as: Float.self)
            var tops = (0 ..< range.count).map { _ in BoundedHeap(capacity: kk) }
            var bots = (0 ..< range.count).map { _ in BoundedHeap(capacity: bk) }
            var tile = 0
            while tile < n {
                let tileEnd = min(n, tile + columnTile)
                var r = 0
                while r < range.count {
                    let rows = min(4, range.count - r)
                    let i0 = range.lowerBound + r
                    let q0 = v + i0 * d
                    let q1 = v + (i0 + min(1, rows - 1)) * d
                    let q2 = v + (i0 + min(2, rows - 1)) * d
                    let q3 = v + (i0 + min(3, rows - 1)) * d
                    var tw = SIMD4<Float>(.infinity, .infinity, .infinity, .infinity)
                    var bw = tw
                    for x in 0 ..< rows {
                        tw[x] = tops[r + x].worstKey
                        bw[x] = bots[r + x].worstKey
                    }
                    for j in tile ..< tileEnd {
                        let s = DistanceKernel.squaredL2x4(v + j * d, q0, q1, q2, q3, d)
                        let improves = (s .< tw) .| ((-s) .< bw)
                        if !any(improves) { continue }
                        for x in 0 ..< rows where i0 + x != j {
                            if s[x] < tw[x] || tops[r + x].count < kk {
                                tops[r + x].push(s[x], Int32(j))
                                tw[x] = tops[r + x].worstKey
                            }
                            if -s[x] < bw[x] || bots[r + x].count < bk {
                                bots[r + x].push(-s[x], Int32(j))
                                bw[x] = bots[r + x].worstKey
                            }
                        }
                    }
                    r += rows
                }
                tile = tileEnd
            }
            for r in 0 ..< range.count {
                ts.base[range.lowerBound + r] = nearestList(tops[r])
                bs.base[range.lowerBound + r] = farthestList(bots[r])
            }
        }
    }
}
