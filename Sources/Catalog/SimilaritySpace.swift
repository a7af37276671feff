import Foundation
import NeighbourIndex

/// The catalog's similarity vectors, their neighbour index and the all-pairs table.
struct SimilaritySpace {
    let index: any NeighbourSearcher
    let table: NeighbourTable
    let kindName: String
    /// recall@k of the table's top lists against exact search on a sample (1 for exact).
    let measuredRecall: Double

    /// Settings for explicit `--index forest` and `--index lsh`.
    static func kind(_ choice: BuildOptions.IndexChoice, seed: UInt64) -> IndexKind {
        switch choice {
        case .auto: return .auto
        case .exact: return .exact
        case .forest: return .forest(trees: 20, searchK: 2_000, seed: seed)
        case .lsh: return .lsh(tables: 16, bits: 12, probes: 16, seed: seed)
        }
    }

    static func name(_ kind: IndexKind) -> String {
        switch kind {
        case .auto, .exact: return "exact"
        case .forest: return "forest"
        case .lsh: return "lsh"
        }
    }

    /// `topK` nearest (the shortlist) and `bottomK` farthest of every track; the recall of approximate
    /// indexes is measured on the first `recallK` of each list.
    static func build(vectors: [[Float]], choice: BuildOptions.IndexChoice, topK: Int, recallK: Int, bottomK: Int, seed: UInt64) throws -> SimilaritySpace {
        let dimension = vectors.first?.count ?? 0
        let set = try VectorSet(rows: vectors, dimension: dimension)
        let kind = Self.kind(choice, seed: seed).resolved(count: set.count, dimension: dimension)
        let (index, table) = try NeighbourTable.build(set, metric: .angular, k: topK, bottomK: bottomK, kind: kind)
        var recall = 1.0
        if kind != .exact && recallK > 0 && set.count > 1 {
            let exact = try ExactIndex(vectors: set, metric: .angular)
            let sample = stride(from: 0, to: set.count, by: max(1, set.count / 200)).prefix(200)
            var hits = 0, total = 0
            for i in sample {
                let truth = try exact.search(set.row(i), k: recallK + 1).filter { $0.index != i }.prefix(recallK)
                let found = Set(table.top[i].prefix(recallK).map(\.index))
                hits += truth.filter { found.contains($0.index) }.count
                total += truth.count
            }
            recall = total > 0 ? Double(hits) / Double(total) : 1
        }
        return SimilaritySpace(index: index, table: table, kindName: name(kind), measuredRecall: recall)
    }

    func writeIndex(to url: URL) throws {
        try IndexFile.write(index, to: url.path)
    }

    /// Builds and writes an index over `vectors` without a table (segments).
    static func writeIndex(vectors: [[Float]], choice: BuildOptions.IndexChoice, seed: UInt64, to url: URL) throws {
        let set = try VectorSet(rows: vectors, dimension: vectors.first?.count ?? 0)
        let kind = Self.kind(choice, seed: seed).resolved(count: set.count, dimension: set.dimension)
        try IndexFile.write(try kind.build(set, metric: .angular), to: url.path)
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
