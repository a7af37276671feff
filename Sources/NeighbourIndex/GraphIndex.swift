import Support

/// A random-projection forest whose all-pairs table is built as a k-nearest-neighbour graph by
/// ``NNDescent`` (started from the forest's leaves) instead of one forest search per item.
///
/// Single queries (`search`, `farthest`) and the file are the forest's: a written graph index loads
/// as a ``ForestIndex``. Only the all-pairs table differs, and that is where the time goes at 100 k
/// items: one search per item re-ranks `searchK` candidates each, NN-descent compares each item with
/// a few hundred neighbours of neighbours.
///
/// Top lists longer than the graph's ``neighbours`` are filled from the neighbours of neighbours
/// (exact re-ranking of the two-hop candidates). Bottom lists come from ``FarthestSearch``.
public struct GraphIndex: NeighbourSearcher {
    public let forest: ForestIndex
    /// Length of each item's list in the NN-descent graph.
    public let neighbours: Int
    public var metric: Metric { forest.metric }
    public var dimension: Int { forest.dimension }
    public var count: Int { forest.count }
    public var image: IndexImage { forest.image }

    /// - Parameters:
    ///   - trees, searchK, seed: the forest's (see ``ForestIndex/init(vectors:metric:trees:searchK:leafSize:seed:threads:)``);
    ///     its leaves seed the graph.
    ///   - neighbours: list length of the graph (≥ 1).
    public init(vectors: consuming VectorSet, metric: Metric, trees: Int, searchK: Int, neighbours: Int, seed: UInt64) throws {
        guard neighbours >= 1 else { throw IndexError.invalidParameter(name: "neighbours", value: neighbours, reason: "must be ≥ 1") }
        forest = try ForestIndex(vectors: consume vectors, metric: metric, trees: trees, searchK: searchK, seed: seed)
        self.neighbours = neighbours
    }

    public func search(_ query: [Float], k: Int) throws -> [Neighbour] { try forest.search(query, k: k) }

    public func farthest(_ query: [Float], k: Int) throws -> [Neighbour] { try forest.farthest(query, k: k) }

    public func neighbourTable(k: Int, bottomK: Int) throws -> NeighbourTable {
        try neighbourTable(k: k, bottomK: bottomK, threads: Parallel.processorCount).table
    }

    /// The table on at most `threads` threads (the result does not depend on it), with NN-descent's
    /// iteration statistics.
    public func neighbourTable(k: Int, bottomK: Int, threads: Int) throws -> (table: NeighbourTable, iterations: Int) {
        try checkK(k)
        try checkK(bottomK, name: "bottomK")
        let n = count, d = dimension, kk = min(k, max(0, n - 1))
        let v = image.section(ForestSection.vectors, as: Float.self)
        let graphK = min(neighbours, max(0, n - 1))
        let (lists, stats) = NNDescent.graph(v, count: n, dimension: d, k: graphK, groups: forest.leaves(),
                                             seed: forest.seed, threads: threads)
        var top = kk <= graphK ? (0 ..< n).map { lists.list($0, prefix: kk) }
            : Self.twoHop(lists, v, count: n, dimension: d, k: kk, threads: threads)
        topUp(&top, k: kk, threads: threads)
        let bottom = FarthestSearch.table(v, count: n, dimension: d, metric: metric, bottomK: bottomK, threads: threads)
        return (NeighbourTable(top: top, bottom: bottom), stats.iterations)
    }

    /// Lists shorter than `k` (a tight group of near-duplicates, whose neighbours of neighbours are
    /// each other; a `k` beyond the two-hop reach) are completed by a forest search, merged by exact
    /// distance without repeats.
    func topUp(_ top: inout [[Neighbour]], k: Int, threads: Int) {
        let short = top.indices.filter { top[$0].count < k }
        guard !short.isEmpty else { return }
        let d = dimension, f = forest
        var filled = [[Neighbour]](repeating: [], count: short.count)
        let shared = UnsafeSendable((short, top))
        filled.withUnsafeMutableBufferPointer { fb in
            let out = SharedBuffer(base: fb.baseAddress!)
            Parallel.forEachChunk(short.count, chunkSize: 16, threads: threads) { range in
                let (short, top) = shared.value
                let ws = SearchWorkspace(count: f.count)
                let v = f.image.section(ForestSection.vectors, as: Float.self)
                for s in range {
                    let i = short[s]
                    var heap = f.nearest(v + i * d, k: k, searchK: max(f.searchK, 4 * k * f.trees), ws: ws, excluding: i)
                    let found = Set(heap.ids)
                    for x in top[i] where !found.contains(Int32(x.index)) {
                        heap.push(DistanceKernel.squaredL2(v + i * d, v + x.index * d, d), Int32(x.index))
                    }
                    out.base[s] = nearestList(heap)
                }
            }
        }
        for (s, i) in short.enumerated() { top[i] = filled[s] }
    }

    /// Each item's `k` nearest among its graph neighbours and their neighbours, by exact distances
    /// (computed as (smaller, larger) item, so bit-identical to the graph's own).
    static func twoHop(_ lists: NeighbourLists, _ v: UnsafePointer<Float>, count n: Int, dimension d: Int, k: Int, threads: Int) -> [[Neighbour]] {
        var out = [[Neighbour]](repeating: [], count: n)
        let data = UnsafeSendable(v)
        out.withUnsafeMutableBufferPointer { ob in
            let result = SharedBuffer(base: ob.baseAddress!)
            Parallel.forEachChunk(n, chunkSize: 256, threads: threads) { range in
                let ws = SearchWorkspace(count: n)
                let g = lists.k
                for i in range {
                    ws.reset()
                    var heap = BoundedHeap(capacity: k)
                    func offer(_ j: Int32) {
                        guard j >= 0, Int(j) != i else { return }
                        let before = ws.candidateCount
                        ws.offer(j)
                        guard ws.candidateCount > before else { return }
                        let (lo, hi) = Int(j) < i ? (Int(j), i) : (i, Int(j))
                        heap.push(DistanceKernel.squaredL2(data.value + lo * d, data.value + hi * d, d), j)
                    }
                    for a in 0 ..< g {
                        let j = lists.ids[i * g + a]
                        offer(j)
                        if j >= 0 { for b in 0 ..< g { offer(lists.ids[Int(j) * g + b]) } }
                    }
                    result.base[i] = nearestList(heap)
                }
            }
        }
        return out
    }
}
