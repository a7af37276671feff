/// Which index to build. `auto` chooses by size: exact search where the all-pairs exact table is faster
/// than the forest's (measured crossover ≈ 90k items, see `exactLimit` and bench/index/RESULTS.md),
/// the forest otherwise.
public enum IndexKind: Sendable, Equatable {
    /// Exact below `IndexKind.exactLimit(dimension:)` items, otherwise a default forest (seed 1).
    case auto
    /// Brute force.
    case exact
    /// Random-projection forest (see `ForestIndex.init`).
    case forest(trees: Int, searchK: Int, seed: UInt64)
    /// SimHash LSH (see `LSHIndex.init`).
    case lsh(tables: Int, bits: Int, probes: Int, seed: UInt64)
    /// A forest for queries, the all-pairs table by NN-descent (see `GraphIndex`).
    case graph(trees: Int, searchK: Int, neighbours: Int, seed: UInt64)

    /// Forest settings `auto` uses above the crossover (recall@10 ≥ 0.95 on the benchmark's data).
    public static let autoForest = IndexKind.forest(trees: 20, searchK: 2000, seed: 1)

    /// Largest collection size for which `auto` picks exact search.
    ///
    /// Measured with bench-index (`--crossover`, 2-core x86-64, k = bottomK = 10, angular, clustered
    /// data): exact table vs forest build + table (20 trees, searchK 2000) —
    /// d = 64: 40k 7.6 s vs 12.2 s, 80k 27.7 s vs 26.8 s, 100k 46.5 s vs 43.2 s;
    /// d = 160: 40k 12.3 s vs 17.3 s, 80k 44.5 s vs 50.6 s. Both costs grow with d, so the crossover
    /// (≈ 80–100k) hardly moves between d = 64 and 160. Below it exact is faster *and* exact (its
    /// bottom lists too, where the forest's negated-query bottom lists reach ≈ 0.70 recall at 100k).
    public static func exactLimit(dimension: Int) -> Int { 90_000 }

    /// The concrete kind `auto` resolves to for `count` vectors of `dimension`.
    public func resolved(count: Int, dimension: Int) -> IndexKind {
        guard self == .auto else { return self }
        return count <= Self.exactLimit(dimension: dimension) ? .exact : Self.autoForest
    }

    /// Builds this kind of index over `vectors`.
    /// - Throws: `IndexError` for invalid parameters or zero vectors under angular.
    public func build(_ vectors: VectorSet, metric: Metric) throws -> any NeighbourSearcher {
        switch resolved(count: vectors.count, dimension: vectors.dimension) {
        case .auto, .exact:
            return try ExactIndex(vectors: vectors, metric: metric)
        case let .forest(trees, searchK, seed):
            return try ForestIndex(vectors: vectors, metric: metric, trees: trees, searchK: searchK, seed: seed)
        case let .lsh(tables, bits, probes, seed):
            return try LSHIndex(vectors: vectors, metric: metric, tables: tables, bits: bits, probes: probes, seed: seed)
        case let .graph(trees, searchK, neighbours, seed):
            return try GraphIndex(vectors: vectors, metric: metric, trees: trees, searchK: searchK, neighbours: neighbours, seed: seed)
        }
    }
}

extension NeighbourTable {
    /// One call for the catalog: builds the index `kind` picks and the top-`k` / bottom-`bottomK` table of
    /// every item. Write `index` with `IndexFile.write` to serve later queries.
    /// - Throws: `IndexError` (NaN rows are already refused by `VectorSet`; zero rows under angular here).
    public static func build(
        _ vectors: VectorSet, metric: Metric, k: Int, bottomK: Int, kind: IndexKind = .auto
    ) throws -> (index: any NeighbourSearcher, table: NeighbourTable) {
        let index = try kind.build(vectors, metric: metric)
        return (index, try index.neighbourTable(k: k, bottomK: bottomK))
    }
}
