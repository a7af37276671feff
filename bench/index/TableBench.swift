import Foundation
import NeighbourIndex

/// Times the all-pairs top-10/bottom-`bottomK` table with the index `auto` would use (or `forced`),
/// and measures its recall against exact scans on 500 sampled rows; prints the peak RSS.
func runTableBench(n: Int, dim: Int, kind forced: IndexKind? = nil, bottomK: Int = 10) throws {
    let data = ClusteredData(dimension: dim, clusters: 100, seed: 2024)
    let vectors = try VectorSet(dimension: dim, values: data.sample(n, seed: 7))
    print("\n== all-pairs table, n = \(n), d = \(dim), angular, k = 10, bottomK = \(bottomK) ==")
    let kind = forced ?? IndexKind.auto.resolved(count: n, dimension: dim)
    let rssBefore = peakRSSMiB()
    var t0 = now()
    let index = try kind.build(vectors, metric: .angular)
    let build = now() - t0
    t0 = now()
    var iterations = ""
    let table: NeighbourTable
    if let graph = index as? GraphIndex {
        let made = try graph.neighbourTable(k: 10, bottomK: bottomK, threads: ProcessInfo.processInfo.activeProcessorCount)
        table = made.table
        iterations = " (NN-descent: \(made.iterations) iterations)"
    } else {
        table = try index.neighbourTable(k: 10, bottomK: bottomK)
    }
    let tableTime = now() - t0
    let exact = try ExactIndex(vectors: vectors, metric: .angular)
    let sample = stride(from: 0, to: n, by: max(1, n / 500)).map { $0 }
    let rows = sample.map { vectors.row($0) }
    // Exact reference excluding the item itself: take k+1 and drop it.
    let truthTop = parallelMap(sample.count) { i in
        Array(try! exact.search(rows[i], k: 11).filter { $0.index != sample[i] }.prefix(10))
    }
    let truthBottom = parallelMap(sample.count) { i in
        Array(try! exact.farthest(rows[i], k: 11).filter { $0.index != sample[i] }.prefix(10))
    }
    let top = recall(sample.map { table.top[$0] }, truthTop, k: 10)
    let bottom = bottomK > 0 ? String(format: "%.4f", recall(sample.map { table.bottom[$0] }, truthBottom, k: 10)) : "—"
    print("kind \(kind)\(iterations): build \(String(format: "%.2f", build)) s, table \(String(format: "%.2f", tableTime)) s, "
        + "total \(String(format: "%.2f", build + tableTime)) s; top-10 recall \(String(format: "%.4f", top)), "
        + "bottom-10 recall \(bottom) (500 sampled rows vs exact); peak RSS \(String(format: "%.0f", peakRSSMiB())) MiB "
        + "(\(String(format: "%.0f", rssBefore)) MiB before the index: the vectors)")
}

/// Exact all-pairs table vs forest (build + table) for growing n at d = 64 and d = 160.
func runCrossover() throws {
    print("\n== crossover: exact table vs forest build + table (k = 10, bottomK = 10, angular) ==")
    print("    d       n   exact s  forest s  forest top recall")
    for d in [64, 160] {
        for n in [10_000, 20_000, 40_000, 80_000] {
            let data = ClusteredData(dimension: d, clusters: 100, seed: 2024)
            let vectors = try VectorSet(dimension: d, values: data.sample(n, seed: 7))
            var t0 = now()
            let exact = try ExactIndex(vectors: vectors, metric: .angular)
            let et = try exact.neighbourTable(k: 10, bottomK: 10)
            let exactTime = now() - t0
            t0 = now()
            let forest = try IndexKind.autoForest.build(vectors, metric: .angular)
            let ft = try forest.neighbourTable(k: 10, bottomK: 10)
            let forestTime = now() - t0
            let r = recall(ft.top, et.top, k: 10)
            print(String(format: "%5d %7d %9.3f %9.3f %10.4f", d, n, exactTime, forestTime, r))
            fflush(nil)
        }
    }
}
