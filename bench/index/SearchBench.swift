import Foundation
import NeighbourIndex

private func row(_ cols: [String]) {
    print(cols.enumerated().map { i, c in i == 0 ? c.padding(toLength: 26, withPad: " ", startingAt: 0)
        : String(repeating: " ", count: max(0, 11 - c.count)) + c }.joined())
    fflush(nil)
}

/// Single-threaded throughput and recall of `index` over the queries.
private func measure(
    _ queries: [[Float]], truth: [[Neighbour]], farTruth: [[Neighbour]]?,
    _ search: ([Float]) throws -> [Neighbour], far: (([Float]) throws -> [Neighbour])?
) throws -> (qps: Double, recall: Double, farRecall: Double?, farQPS: Double?) {
    let t0 = now()
    var found: [[Neighbour]] = []
    found.reserveCapacity(queries.count)
    for q in queries { found.append(try search(q)) }
    let dt = now() - t0
    var farRecall: Double? = nil, farQPS: Double? = nil
    if let far, let farTruth {
        let t1 = now()
        let got = try queries.map { try far($0) }
        farQPS = Double(queries.count) / (now() - t1)
        farRecall = recall(got, farTruth, k: 10)
    }
    return (Double(queries.count) / dt, recall(found, truth, k: 10), farRecall, farQPS)
}

func runSearchBench(n: Int, opt: Options) throws {
    let d = opt.dim
    let data = ClusteredData(dimension: d, clusters: 100, seed: 2024)
    let base = data.sample(n, seed: 7)
    let queryFlat = data.sample(opt.queries, seed: 8)
    let queries = (0 ..< opt.queries).map { Array(queryFlat[$0 * d ..< ($0 + 1) * d]) }
    let vectors = try VectorSet(dimension: d, values: base)
    print("\n== n = \(n), d = \(d), angular, \(opt.queries) queries, k = 10 ==")
    row(["method", "build s", "size MB", "queries/s", "recall@10", "bottom@10", "bottom q/s"])
    print("(forest bottom-k: negated query with 2 × searchK; LSH bottom-k: negated query, same probes)")

    var t0 = now()
    let exact = try ExactIndex(vectors: vectors, metric: .angular)
    let exactBuild = now() - t0
    let qs = queries
    let truth = parallelMap(qs.count) { try! exact.search(qs[$0], k: 10) }
    let farTruth = parallelMap(qs.count) { try! exact.farthest(qs[$0], k: 10) }
    let e = try measure(queries, truth: truth, farTruth: nil, { try exact.search($0, k: 10) }, far: nil)
    row(["exact", String(format: "%.3f", exactBuild), String(format: "%.1f", Double(exact.image.size) / 1_048_576),
         String(format: "%.0f", e.qps), String(format: "%.4f", e.recall), "1.0000", String(format: "%.0f", e.qps)])

    for trees in opt.forestTrees {
        t0 = now()
        let forest = try ForestIndex(vectors: vectors, metric: .angular, trees: trees, seed: 1)
        let build = now() - t0
        for sk in opt.searchKs {
            let m = try measure(queries, truth: truth, farTruth: farTruth,
                                { try forest.search($0, k: 10, searchK: sk) },
                                far: { try forest.farthest($0, k: 10, searchK: 2 * (sk == 0 ? trees * 10 : sk)) })
            row(["forest t=\(trees) sk=\(sk == 0 ? "default" : String(sk))", String(format: "%.3f", build),
                 String(format: "%.1f", Double(forest.image.size) / 1_048_576), String(format: "%.0f", m.qps),
                 String(format: "%.4f", m.recall), String(format: "%.4f", m.farRecall ?? .nan),
                 String(format: "%.0f", m.farQPS ?? .nan)])
        }
    }
    for (L, b, p) in opt.lsh {
        t0 = now()
        let lsh = try LSHIndex(vectors: vectors, metric: .angular, tables: L, bits: b, probes: p, seed: 1)
        let build = now() - t0
        let m = try measure(queries, truth: truth, farTruth: farTruth, { try lsh.search($0, k: 10) },
                            far: { try lsh.farthestByBuckets($0, k: 10) })
        row(["lsh L=\(L) b=\(b) probes=\(p)", String(format: "%.3f", build),
             String(format: "%.1f", Double(lsh.image.size) / 1_048_576), String(format: "%.0f", m.qps),
             String(format: "%.4f", m.recall), String(format: "%.4f", m.farRecall ?? .nan),
                 String(format: "%.0f", m.farQPS ?? .nan)])
    }
    print(String(format: "peak RSS so far %.0f MiB (vectors %.0f MiB)", peakRSSMiB(), Double(n * d * 4) / 1_048_576))

    guard opt.annoy else { return }
    let dir = "\(opt.out)/n\(n)"
    try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    try Npy.write("\(dir)/base.npy", floats: base, cols: d)
    try Npy.write("\(dir)/queries.npy", floats: queryFlat, cols: d)
    try Npy.write("\(dir)/gt.npy", ints: truth.flatMap { $0.map { Int32($0.index) } }, cols: 10)
    let p = Process()
    p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    p.arguments = ["python3", "bench/python/annoy_bench.py", "\(dir)/base.npy", "\(dir)/queries.npy",
                   "--gt", "\(dir)/gt.npy", "--metric", "angular",
                   "--n-trees", opt.forestTrees.map(String.init).joined(separator: ","),
                   "--search-k=" + opt.searchKs.map { $0 == 0 ? "-1" : String($0) }.joined(separator: ","),
                   "--seed", "1", "--index-dir", dir]
    print("-- python annoy on the same vectors (same ground truth):")
    fflush(nil)
    try p.run()
    p.waitUntilExit()
}
