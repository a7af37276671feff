import Testing
@testable import NeighbourIndex

@Suite struct NeighbourTableTests {
    @Test func forestTableCloseToExactAndWellFormed() throws {
        let set = try VectorSet(dimension: 20, values: clusteredVectors(1500, 20))
        let exact = try ExactIndex(vectors: set, metric: .angular).neighbourTable(k: 10, bottomK: 10)
        let forest = try ForestIndex(vectors: set, metric: .angular, trees: 10, searchK: 1000, seed: 2)
            .neighbourTable(k: 10, bottomK: 10)
        #expect(recallOf(forest.top, exact.top) >= 0.95)
        #expect(recallOf(forest.bottom, exact.bottom) >= 0.8)
        for i in 0 ..< 1500 {
            #expect(forest.top[i].count == 10 && forest.bottom[i].count == 10)
            #expect(!forest.top[i].contains { $0.index == i } && !forest.bottom[i].contains { $0.index == i })
            #expect(zip(forest.top[i], forest.top[i].dropFirst()).allSatisfy {
                $0.distance < $1.distance || ($0.distance == $1.distance && $0.index < $1.index)
            })
        }
    }

    @Test func autoPicksExactForCatalogSizesAndBuildsTable() throws {
        #expect(IndexKind.auto.resolved(count: 10_000, dimension: 160) == .exact)
        #expect(IndexKind.auto.resolved(count: 1_000_000, dimension: 64) == IndexKind.autoGraph(seed: 1))
        #expect(IndexKind.auto.resolved(count: 20_000, dimension: 394, seed: 7) == IndexKind.autoGraph(seed: 7))
        let set = try VectorSet(dimension: 8, values: clusteredVectors(200, 8))
        let (index, table) = try NeighbourTable.build(set, metric: .euclidean, k: 10, bottomK: 5)
        #expect(index is ExactIndex)
        #expect(table.top.count == 200 && table.top[0].count == 10 && table.bottom[0].count == 5)
        #expect(table == (try ExactIndex(vectors: set, metric: .euclidean).neighbourTable(k: 10, bottomK: 5)))
    }

    @Test func kLargerThanCollection() throws {
        let set = try VectorSet(rows: [[1, 0], [0, 1], [1, 1]])
        let table = try ExactIndex(vectors: set, metric: .angular).neighbourTable(k: 10, bottomK: 10)
        #expect(table.top.map(\.count) == [2, 2, 2])
        #expect(table.top[0].map(\.index) == [2, 1])
        #expect(table.bottom[0].map(\.index) == [1, 2])
    }
}
