import Support
/// A random-projection forest in the manner of Spotify's Annoy (E. Bernhardsson, "Annoy", 2013; the
/// two-means hyperplane split and the shared priority queue follow annoylib.h).
///
/// Search walks all trees with one max-priority queue keyed by the smallest hyperplane margin on the
/// path (roots start at +∞), collects leaf items until `searchK` candidates (duplicates counted, as
/// Annoy does) and re-ranks the distinct candidates exactly.
///
/// Building is deterministic for a `seed`: tree `t` uses its own generator seeded from `(seed, t)`
/// and trees are assembled in index order, so the bytes do not depend on the thread count.
///
/// Image sections: ``ForestSection``.
public struct ForestIndex: NeighbourSearcher {
    public let image: IndexImage
    let pool: WorkspacePool
    public var metric: Metric { image.header.metric }
    public var dimension: Int { Int(image.header.dimension) }
    public var count: Int { Int(image.header.count) }
    /// Number of trees.
    public var trees: Int { Int(image.header.parameters.0) }
    /// Default candidate budget per query (0: `trees × k`, Annoy's default).
    public var searchK: Int { Int(image.header.parameters.1) }
    /// Maximum items per leaf.
    public var leafSize: Int { Int(image.header.parameters.2) }
    /// The build seed.
    public var seed: UInt64 { image.header.seed }

    /// Builds `trees` trees over `vectors`.
    /// - Parameters:
    ///   - trees: number of trees (≥ 1); more trees = higher recall, larger index.
    ///   - searchK: default candidates per query (0 = `trees × k` like Annoy); `search(_:k:searchK:)` overrides.
    ///   - leafSize: maximum items per leaf (≥ 1; default 32).
    ///   - seed: RNG seed; equal seeds give byte-identical indexes.
    ///   - threads: build threads, 0 = all processors (the result does not depend on it).
    public init(
        vectors: consuming VectorSet, metric: Metric, trees: Int = 20, searchK: Int = 0, leafSize: Int = 32,
        seed: UInt64 = 1, threads: Int = 0
    ) throws {
        guard trees >= 1 else { throw IndexError.invalidParameter(name: "trees", value: trees, reason: "must be ≥ 1") }
        guard searchK >= 0 else { throw IndexError.invalidParameter(name: "searchK", value: searchK, reason: "must be ≥ 0") }
        guard leafSize >= 1 else { throw IndexError.invalidParameter(name: "leafSize", value: leafSize, reason: "must be ≥ 1") }
        guard vectors.count < Int(Int32.max) else {
            throw IndexError.invalidParameter(name: "count", value: vectors.count, reason: "at most 2³¹ − 2 vectors")
        }
        let n = vectors.count, d = vectors.dimension
        var owned = consume vectors
        let prepared = try owned.takePrepared(for: metric)
        var built = [TreeBuilder.Tree?](repeating: nil, count: trees)
        let builder = UnsafeSendable(TreeBuilder(vectors: UnsafePointer(prepared.base.assumingMemoryBound(to: Float.self)),
                                                 dimension: d, metric: metric, leafSize: leafSize))
        withExtendedLifetime(prepared) {
            built.withUnsafeMutableBufferPointer { out in
                let shared = SharedBuffer(base: out.baseAddress!)
                Parallel.forEachChunk(trees, chunkSize: 1, threads: threads > 0 ? threads : Parallel.processorCount) { range in
                    for t in range {
                        shared.base[t] = builder.value.build(count: n, seed: SplitMix64.derive(seed, stream: UInt64(t)))
                    }
                }
            }
        }
        image = IndexImage.assemble(
            metric: metric, kind: .forest, dimension: d, count: n,
            parameters: (UInt64(trees), UInt64(searchK), UInt64(leafSize)), seed: seed,
            sections: [prepared] + Self.concatenate(&built, dimension: d))
        pool = WorkspacePool(count: n)
    }

    init(image: IndexImage) {
        self.image = image
        pool = WorkspacePool(count: Int(image.header.count))
    }

    /// The trees' sections (roots, children, planes, offsets, leaf bounds, items), each in one block
    /// of its exact size, with node, leaf and item codes offset to the concatenation. Each tree is
    /// released from `built` as soon as it is copied, so the forest is alive about once.
    static func concatenate(_ built: inout [TreeBuilder.Tree?], dimension d: Int) -> [AlignedBlock] {
        var nodes = 0, leaves = 0, itemCount = 0, treeCount = 0
        for case let tree? in built {
            treeCount += 1
            nodes += tree.offsets.count
            leaves += tree.leafBounds.count / 2
            itemCount += tree.items.count
        }
        let roots = AlignedBlock(byteCount: 4 * treeCount), children = AlignedBlock(byteCount: 8 * nodes)
        let planes = AlignedBlock(byteCount: 4 * nodes * d), offsets = AlignedBlock(byteCount: 4 * nodes)
        let bounds = AlignedBlock(byteCount: 8 * leaves), items = AlignedBlock(byteCount: 4 * itemCount)
        var root = 0, node = 0, leaf = 0, item = 0
        for t in built.indices {
            guard let tree = built[t] else { continue }
            built[t] = nil
            let nodeBase = Int32(node), leafBase = Int32(leaf), itemBase = UInt32(item)
            func remap(_ c: Int32) -> Int32 { c >= 0 ? c + nodeBase : c - leafBase }
            roots.elements(as: Int32.self)[root] = remap(tree.root)
            place(tree.children.map(remap), in: children, at: 2 * node)
            place(tree.planes, in: planes, at: node * d)
            place(tree.offsets, in: offsets, at: node)
            place(tree.leafBounds.map { $0 + itemBase }, in: bounds, at: 2 * leaf)
            place(tree.items, in: items, at: item)
            root += 1
            node += tree.offsets.count
            leaf += tree.leafBounds.count / 2
            item += tree.items.count
        }
        return [roots, children, planes, offsets, bounds, items]
    }

    /// Copies `values` into `block`'s elements from `start` on.
    private static func place<T: BitwiseCopyable>(_ values: [T], in block: AlignedBlock, at start: Int) {
        let out = block.elements(as: T.self)
        _ = UnsafeMutableBufferPointer(rebasing: out[start ..< start + values.count]).update(fromContentsOf: values)
    }

    public func search(_ query: [Float], k: Int) throws -> [Neighbour] {
        try search(query, k: k, searchK: searchK)
    }

    /// Approximate k nearest with an explicit candidate budget (0 = `trees × k`).
    public func search(_ query: [Float], k: Int, searchK: Int) throws -> [Neighbour] {
        try checkK(k)
        let q = try preparedQuery(query, metric: metric, dimension: dimension)
        return pool.with { ws in
            q.withUnsafeBufferPointer { nearestList(nearest($0.baseAddress!, k: k, searchK: searchK, ws: ws)) }
        }
    }

    /// Farthest items by an exact scan (≈ 20 ms at 100 k × 394 values, 0.2 s at 1 M): the forest finds
    /// far items badly — through the negated query its bottom-10 recall fell to 0.45 at 100 k.
    public func farthest(_ query: [Float], k: Int) throws -> [Neighbour] {
        try checkK(k)
        let q = try preparedQuery(query, metric: metric, dimension: dimension)
        return q.withUnsafeBufferPointer { farthestList(ExactIndex.scanFarthest(image, $0.baseAddress!, k: k)) }
    }

    /// Farthest items through the forest: the nearest to the negated query, re-ranked by true distance,
    /// with an explicit candidate budget (0 = `trees × k`). Approximate; bench-index reports its recall.
    public func farthest(_ query: [Float], k: Int, searchK: Int) throws -> [Neighbour] {
        try checkK(k)
        let q = try preparedQuery(query, metric: metric, dimension: dimension)
        return pool.with { ws in
            q.withUnsafeBufferPointer { farthestList(farthestHeap($0.baseAddress!, k: k, searchK: searchK, ws: ws)) }
        }
    }
}
