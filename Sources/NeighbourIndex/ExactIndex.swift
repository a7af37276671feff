/// Brute-force search: every query is compared with every stored vector (SIMD kernels, bounded heap).
/// The reference all approximate indexes are measured against.
public struct ExactIndex: NeighbourSearcher {
    public let image: IndexImage
    public var metric: Metric { image.header.metric }
    public var dimension: Int { Int(image.header.dimension) }
    public var count: Int { Int(image.header.count) }
    var vectors: UnsafePointer<Float> { image.section(ExactSection.vectors, as: Float.self) }

    /// Indexes `vectors`, which it takes (normalised in place under angular when no other copy of
    /// the set shares them).
    /// - Throws: `IndexError.zeroVector` for an all-zero row under angular.
    public init(vectors: consuming VectorSet, metric: Metric) throws {
        let n = vectors.count, d = vectors.dimension
        var owned = consume vectors
        let prepared = try owned.takePrepared(for: metric)
        image = IndexImage.assemble(
            metric: metric, kind: .exact, dimension: d, count: n,
            parameters: (0, 0, 0), seed: 0, sections: [prepared])
    }

    init(image: IndexImage) { self.image = image }

    public func search(_ query: [Float], k: Int) throws -> [Neighbour] {
        try checkK(k)
        let q = try preparedQuery(query, metric: metric, dimension: dimension)
        return q.withUnsafeBufferPointer { nearestList(Self.scanNearest(image, $0.baseAddress!, k: k)) }
    }

    public func farthest(_ query: [Float], k: Int) throws -> [Neighbour] {
        try checkK(k)
        let q = try preparedQuery(query, metric: metric, dimension: dimension)
        return q.withUnsafeBufferPointer { farthestList(Self.scanFarthest(image, $0.baseAddress!, k: k)) }
    }

    /// Exact k nearest of a prepared query over the image's vectors.
    static func scanNearest(_ image: IndexImage, _ q: UnsafePointer<Float>, k: Int, excluding: Int = -1) -> BoundedHeap {
        let d = Int(image.header.dimension), n = Int(image.header.count)
        let v = image.section(ExactSection.vectors, as: Float.self)
        var heap = BoundedHeap(capacity: min(k, n))
        var worst = heap.worstKey
        for j in 0 ..< n where j != excluding {
            let s = DistanceKernel.squaredL2(q, v + j * d, d)
            if s < worst || heap.count < heap.capacity {
                heap.push(s, Int32(j))
                worst = heap.worstKey
            }
        }
        return heap
    }

    /// Exact k farthest of a prepared query (keys are negated squared distances).
    static func scanFarthest(_ image: IndexImage, _ q: UnsafePointer<Float>, k: Int, excluding: Int = -1) -> BoundedHeap {
        let d = Int(image.header.dimension), n = Int(image.header.count)
        let v = image.section(ExactSection.vectors, as: Float.self)
        var heap = BoundedHeap(capacity: min(k, n))
        var worst = heap.worstKey
        for j in 0 ..< n where j != excluding {
            let s = -DistanceKernel.squaredL2(q, v + j * d, d)
            if s < worst || heap.count < heap.capacity {
                heap.push(s, Int32(j))
                worst = heap.worstKey
            }
        }
        return heap
    }
}
