/// Which index to build. `auto` chooses by size: exact search where the all-pairs exact table is about
/// as fast as the graph's (measured crossover ≈ 15 k items of the 394-value descriptor, see
/// `exactLimit` and bench/index/RESULTS.md), the graph index otherwise.
public enum IndexKind: Sendable, Equatable {
    /// Exact up to `IndexKind.exactLimit(dimension:)` items, otherwise `autoGraph`.
    case auto
    /// Brute force.
    case exact
    /// Random-projection forest (see `ForestIndex.init`).
    case forest(trees: Int, searchK: Int, seed: UInt64)
    /// SimHash LSH (see `LSHIndex.init`).
    case lsh(tables: Int, bits: Int, probes: Int, seed: UInt64)
    /// A forest for queries, the all-pairs table by NN-descent (see `GraphIndex`).
    case graph(trees: Int, searchK: Int, neighbours: Int, seed: UInt64)

    /// Forest settings of `--index forest` (recall@10 ≥ 0.95 on the benchmark's data).
    public static let autoForest = IndexKind.forest(trees: 20, searchK: 2000, seed: 1)

    /// Graph settings `auto` uses above the crossover: 10 trees (queries, and the graph's seeds),
    /// 20 neighbours per item. At 100 k descriptors: top-10 recall 0.9998, bottom-10 0.989, 30 s.
    public static func autoGraph(seed: UInt64) -> IndexKind { .graph(trees: 10, searchK: 2000, neighbours: 20, seed: seed) }

    /// Largest collection size for which `auto` picks exact search.
    ///
    /// Measured with bench-index (`--vectors`, 2-core x86-64, shortlist 50 + bottom 10, angular, the
    /// descriptor of synthesised clips, 394 values): exact table vs graph build + table —
    /// 5 k 0.34 s vs 0.76 s, 10 k 1.17 s vs 1.47 s, 20 k 4.5 s vs 3.1 s, 40 k 17.7 s vs 7.1 s. Exact is
    /// exact, so it keeps the sizes where it costs about the same.
    public static func exactLimit(dimension: Int) -> Int { 15_000 }

    /// The concrete kind `auto` resolves to for `count` vectors of `dimension`.
    public func resolved(count: Int, dimension: Int, seed: UInt64 = 1) -> IndexKind {
        guard self == .auto else { return self }
        return count <= Self.exactLimit(dimension: dimension) ? .exact : Self.autoGraph(seed: seed)
    }

    /// Builds this kind of index over `vectors`, which it takes: a caller that passes its last use
    /// keeps no second copy of them.
    /// - Throws: `IndexError` for invalid parameters or zero vectors under angular.
    public func build(_ vectors: consuming VectorSet, metric: Metric) throws -> any NeighbourSearcher {
        switch resolved(count: vectors.count, dimension: vectors.dimension) {
        case .auto, .exact:
            return try ExactIndex(vectors: consume vectors, metric: metric)
        case let .forest(trees, searchK, seed):
            return try ForestIndex(vectors: consume vectors, metric: metric, trees: trees, searchK: searchK, seed: seed)
        case let .lsh(tables, bits, probes, seed):
            return try LSHIndex(vectors: vectors, metric: metric, tables: tables, bits: bits, probes: probes, seed: seed)
        case let .graph(trees, searchK, neighbours, seed):
            return try GraphIndex(vectors: consume vectors, metric: metric, trees: trees, searchK: searchK, neighbours: neighbours, seed: seed)
        }
    }
}

extension NeighbourTable {
    /// One call for the catalog: builds the index `kind` picks and the top-`k` / bottom-`bottomK` table of
    /// every item. Write `index` with `IndexFile.write` to serve later queries.
    /// - Throws: `IndexError` (NaN rows are already refused by `VectorSet`; zero rows under angular here).
    public static func build(
        _ vectors: consuming VectorSet, metric: Metric, k: Int, bottomK: Int, kind: IndexKind = .auto
    ) throws -> (index: any NeighbourSearcher, table: NeighbourTable) {
        let index = try kind.build(consume vectors, metric: metric)
        return (index, try index.neighbourTable(k: k, bottomK: bottomK))
    }
}
