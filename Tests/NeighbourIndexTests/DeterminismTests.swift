import Testing
@testable import NeighbourIndex

@Suite struct DeterminismTests {
    let set: VectorSet

    init() throws { set = try VectorSet(dimension: 16, values: clusteredVectors(3000, 16)) }

    func bytes(_ index: any NeighbourSearcher) -> [UInt8] { index.image.serialized() }

    @Test func forestBytesIndependentOfThreads() throws {
        let a = try ForestIndex(vectors: set, metric: .angular, trees: 6, seed: 77, threads: 1)
        let b = try ForestIndex(vectors: set, metric: .angular, trees: 6, seed: 77, threads: 4)
        let c = try ForestIndex(vectors: set, metric: .angular, trees: 6, seed: 77, threads: 2)
        let other = try ForestIndex(vectors: set, metric: .angular, trees: 6, seed: 78, threads: 2)
        #expect(bytes(a) == bytes(b))
        #expect(bytes(a) == bytes(c))
        #expect(bytes(a) != bytes(other))
        let q = set.row(5)
        #expect(try a.search(q, k: 10) == b.search(q, k: 10))
        #expect(try a.neighbourTable(k: 5, bottomK: 5, searchK: 0, threads: 1)
            == b.neighbourTable(k: 5, bottomK: 5, searchK: 0, threads: 2))
    }

    /// A set handed over (its last use: normalised in place) and a set still held elsewhere (copied
    /// first) give the same index bytes, and the held set is left as it was.
    @Test func handedOverSetGivesTheSameIndex() throws {
        let held = try ForestIndex(vectors: set, metric: .angular, trees: 4, seed: 9)
        let handed = try ForestIndex(vectors: try VectorSet(dimension: 16, values: clusteredVectors(3000, 16)), metric: .angular, trees: 4, seed: 9)
        #expect(bytes(held) == bytes(handed))
        #expect(set.values == clusteredVectors(3000, 16))
        var taken = set
        let prepared = try taken.takePrepared(for: .angular)
        #expect(prepared.array(of: Float.self) == (try set.prepared(for: .angular).array(of: Float.self)))
        #expect(taken.values.isEmpty)
        var unique = try VectorSet(dimension: 16, values: clusteredVectors(3000, 16))
        let storage = ObjectIdentifier(unique.storage)
        #expect(ObjectIdentifier(try unique.takePrepared(for: .angular)) == storage, "a set nothing else holds is normalised in place")
        let graph = try IndexKind.graph(trees: 4, searchK: 0, neighbours: 8, seed: 9).build(try VectorSet(dimension: 16, values: clusteredVectors(3000, 16)), metric: .angular)
        #expect(bytes(graph) == bytes(try GraphIndex(vectors: set, metric: .angular, trees: 4, searchK: 0, neighbours: 8, seed: 9)))
    }

    /// A set normalised beforehand (``VectorSet/normaliseRows()``) is adopted by an angular index as
    /// it is, shared with the caller's copy, and gives the same index bytes as a set the index
    /// normalises itself: a catalog keeps its vectors and its index's in one block.
    @Test func normalisedSetIsSharedWithTheIndex() throws {
        var normalised = set
        try normalised.normaliseRows()
        #expect(normalised.isNormalised && !set.isNormalised)
        #expect(set.values == clusteredVectors(3000, 16), "normalising a shared set copies it first")
        #expect(normalised.values == (try set.prepared(for: .angular).array(of: Float.self)), "the index's arithmetic")
        var again = normalised
        try again.normaliseRows()
        #expect(again.values == normalised.values, "normalising twice changes nothing")
        let exact = try ExactIndex(vectors: normalised, metric: .angular)
        #expect(bytes(exact) == bytes(try ExactIndex(vectors: set, metric: .angular)))
        #expect(UnsafeRawPointer(exact.vectors) == UnsafeRawPointer(normalised.storage.base), "the block is shared, not copied")
        let forest = try ForestIndex(vectors: normalised, metric: .angular, trees: 4, seed: 9)
        #expect(bytes(forest) == bytes(try ForestIndex(vectors: set, metric: .angular, trees: 4, seed: 9)))
        #expect(normalised.values == (try set.prepared(for: .angular).array(of: Float.self)), "the shared block is left as it was")
    }

    @Test func lshAndExactBytesIndependentOfThreads() throws {
        let a = try LSHIndex(vectors: set, metric: .euclidean, tables: 5, bits: 10, probes: 4, seed: 5, threads: 1)
        let b = try LSHIndex(vectors: set, metric: .euclidean, tables: 5, bits: 10, probes: 4, seed: 5, threads: 2)
        #expect(bytes(a) == bytes(b))
        let e1 = try ExactIndex(vectors: set, metric: .angular)
        let e2 = try ExactIndex(vectors: set, metric: .angular)
        #expect(bytes(e1) == bytes(e2))
        #expect(try e1.neighbourTable(k: 4, bottomK: 4, threads: 1) == e2.neighbourTable(k: 4, bottomK: 4, threads: 2))
    }

    /// The blocked all-pairs kernel and the single-query scan agree exactly (same summation order).
    @Test func exactTableMatchesPerItemSearch() throws {
        let small = try VectorSet(dimension: 21, values: clusteredVectors(301, 21))
        for metric in Metric.allCases {
            let index = try ExactIndex(vectors: small, metric: metric)
            let table = try index.neighbourTable(k: 6, bottomK: 4)
            for i in stride(from: 0, to: 301, by: 37) {
                let top = try index.search(small.row(i), k: 7).filter { $0.index != i }.prefix(6)
                let bottom = try index.farthest(small.row(i), k: 4)
                #expect(table.top[i] == Array(top))
                #expect(table.bottom[i] == bottom)
                #expect(!table.top[i].contains { $0.index == i })
            }
        }
    }
}
