import Foundation
import NeighbourIndex
import Support

/// The catalog's similarity vectors, their neighbour index and the all-pairs table.
struct SimilaritySpace {
    let index: any NeighbourSearcher
    let table: NeighbourTable
    let kindName: String
    /// recall@k of the table's top and bottom lists against exact search on a sample (1 for exact).
    let measuredRecall: Double
    let measuredBottomRecall: Double

    /// Settings for explicit `--index forest` and `--index lsh`.
    static func kind(_ choice: BuildOptions.IndexChoice, seed: UInt64) -> IndexKind {
        switch choice {
        case .auto: return .auto
        case .exact: return .exact
        case .forest: return .forest(trees: 20, searchK: 2_000, seed: seed)
        case .lsh: return .lsh(tables: 16, bits: 12, probes: 16, seed: seed)
        case .graph: return .graph(trees: 10, searchK: 2_000, neighbours: 20, seed: seed)
        }
    }

    static func name(_ kind: IndexKind) -> String {
        switch kind {
        case .auto, .exact: return "exact"
        case .forest: return "forest"
        case .lsh: return "lsh"
        case .graph: return "graph"
        }
    }

    /// `topK` nearest (the shortlist) and `bottomK` farthest of every track; the recall of approximate
    /// indexes is measured on the first `recallK` of each top list and on the bottom lists.
    /// `vectors` already ``VectorSet/isNormalised`` are shared with the index, not copied.
    static func build(vectors set: VectorSet, choice: BuildOptions.IndexChoice, topK: Int, recallK: Int, bottomK: Int, seed: UInt64) throws -> SimilaritySpace {
        let count = set.count, dimension = set.dimension
        let kind = Self.kind(choice, seed: seed).resolved(count: count, dimension: dimension, seed: seed)
        let (index, table) = try NeighbourTable.build(set, metric: .angular, k: topK, bottomK: bottomK, kind: kind)
        var recall = (top: 1.0, bottom: 1.0)
        if kind != .exact && count > 1 {
            recall = Self.recall(of: table, index: index, k: recallK, bottomK: bottomK)
        }
        return SimilaritySpace(index: index, table: table, kindName: name(kind), measuredRecall: recall.top, measuredBottomRecall: recall.bottom)
    }

    /// Recall of the first `k` of each top list and of the `bottomK` bottom list against exact
    /// scans, on 200 rows at a fixed stride (≈ 1 s at 100 k tracks on 2 cores).
    static func recall(of table: NeighbourTable, index: any NeighbourSearcher, k: Int, bottomK: Int) -> (top: Double, bottom: Double) {
        let n = index.count
        let sample = Array(stride(from: 0, to: n, by: max(1, n / 200)).prefix(200))
        var hits = [(top: Int, topTotal: Int, bottom: Int, bottomTotal: Int)](repeating: (0, 0, 0, 0), count: sample.count)
        hits.withUnsafeMutableBufferPointer { hb in
            let out = SharedBuffer(base: hb.baseAddress!)
            Parallel.forEachChunk(sample.count, chunkSize: 8) { range in
                for s in range {
                    let i = sample[s]
                    let truth = index.exactLists(ofItem: i, k: max(k, bottomK))
                    let top = Set(table.top[i].prefix(k).map(\.index)), bottom = Set(table.bottom[i].map(\.index))
                    let wantTop = truth.top.prefix(k), wantBottom = truth.bottom.prefix(bottomK)
                    out.base[s] = (wantTop.filter { top.contains($0.index) }.count, wantTop.count,
                                   wantBottom.filter { bottom.contains($0.index) }.count, wantBottom.count)
                }
            }
        }
        func share(_ a: Int, _ b: Int) -> Double { b > 0 ? Double(a) / Double(b) : 1 }
        return (share(hits.reduce(0) { $0 + $1.top }, hits.reduce(0) { $0 + $1.topTotal }),
                share(hits.reduce(0) { $0 + $1.bottom }, hits.reduce(0) { $0 + $1.bottomTotal }))
    }

    func writeIndex(to url: URL) throws {
        try IndexFile.write(index, to: url.path)
    }

    /// Builds and writes an index over `set` without a table (segments).
    static func writeIndex(vectors set: consuming VectorSet, choice: BuildOptions.IndexChoice, seed: UInt64, to url: URL) throws {
        let kind = Self.kind(choice, seed: seed).resolved(count: set.count, dimension: set.dimension, seed: seed)
        try IndexFile.write(try kind.build(consume set, metric: .angular), to: url.path)
    }

    /// The index reports angular distance `‖â − b̂‖ = √(2 − 2 cos θ)`; the catalog publishes
    /// cosine distance `1 − cos θ = d² / 2`, in [0, 2].
    static func cosineDistance(_ d: Float) -> Double {
        let v = Double(d) * Double(d) / 2
        return min(2, max(0, v))
    }

    /// A vector with no direction (a track equal to the collection mean in every dimension,
    /// or a collection of one) cannot be indexed under the angular metric; it gets a fixed unit
    /// vector so the build goes on.
    static func safeVector(_ v: [Float]) -> [Float] {
        guard !v.isEmpty, v.allSatisfy({ $0 == 0 }) else { return v }
        var u = v
        u[0] = 1
        return u
    }
}
