/// A searchable, immutable index over `count` vectors of `dimension` Floats.
///
/// Queries are validated (`IndexError.queryDimension`, `.nonFiniteQuery`, `.zeroQuery` under angular);
/// `k` larger than `count` returns all `count` items. Results are sorted by distance, ties by ascending
/// item index. All conformers are safe to query from many threads at once.
public protocol NeighbourSearcher: Sendable {
    /// The metric distances are measured with.
    var metric: Metric { get }
    /// Components per vector.
    var dimension: Int { get }
    /// Number of indexed vectors.
    var count: Int { get }
    /// The index bytes (header + payload) as written by `IndexFile.write`.
    var image: IndexImage { get }

    /// The `k` nearest items to `query` (exact for `ExactIndex`, approximate otherwise).
    func search(_ query: [Float], k: Int) throws -> [Neighbour]
    /// The `k` farthest (least similar) items to `query`, farthest first; ties by ascending index.
    func farthest(_ query: [Float], k: Int) throws -> [Neighbour]
    /// The top-`k` and bottom-`bottomK` of every item against all others (never itself), in parallel.
    func neighbourTable(k: Int, bottomK: Int) throws -> NeighbourTable
}

/// Shared validation of a requested result count.
func checkK(_ k: Int, name: String = "k") throws {
    guard k >= 0 else { throw IndexError.invalidParameter(name: name, value: k, reason: "must be ≥ 0") }
}

/// Converts a heap of squared distances into sorted neighbours.
func nearestList(_ heap: BoundedHeap) -> [Neighbour] {
    heap.sorted().map { Neighbour(index: Int($0.id), distance: max(0, $0.key).squareRoot()) }
}

/// Converts a heap of negated squared distances (farthest search) into neighbours, farthest first.
func farthestList(_ heap: BoundedHeap) -> [Neighbour] {
    heap.sorted().map { Neighbour(index: Int($0.id), distance: max(0, -$0.key).squareRoot()) }
}

extension NeighbourSearcher {
    /// The stored (prepared) vector of item `i`: section 0 of every index kind holds the vectors,
    /// unit length under the angular metric. `i` must be in `0..<count`.
    public func storedVector(_ i: Int) -> [Float] {
        precondition((0..<count).contains(i), "item \(i) out of range")
        let v = image.section(0, as: Float.self) + i * dimension
        return Array(UnsafeBufferPointer(start: v, count: dimension))
    }

    /// The dot product of stored vector `i` with `q` (`dimension` values), without copying the vector.
    public func dot(_ i: Int, _ q: [Float]) -> Float {
        precondition((0..<count).contains(i) && q.count == dimension, "item \(i) out of range or query of another dimension")
        let v = image.section(0, as: Float.self) + i * dimension
        return q.withUnsafeBufferPointer { p in
            var s: Float = 0
            for j in 0..<dimension { s += v[j] * p[j] }
            return s
        }
    }

    /// Item `i`'s exact `k` nearest and `k` farthest other items, by a scan of the stored vectors:
    /// the reference an approximate table's recall is measured against.
    public func exactLists(ofItem i: Int, k: Int) -> (top: [Neighbour], bottom: [Neighbour]) {
        precondition((0..<count).contains(i), "item \(i) out of range")
        let q = image.section(0, as: Float.self) + i * dimension
        return (nearestList(ExactIndex.scanNearest(image, q, k: k, excluding: i)),
                farthestList(ExactIndex.scanFarthest(image, q, k: k, excluding: i)))
    }
}
