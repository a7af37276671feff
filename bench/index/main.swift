import Foundation
import NeighbourIndex

// bench-index: build time, size, single-thread queries/s and recall@10 of exact / forest / LSH indexes
// on seeded clustered Gaussian data, Python annoy on the identical vectors, the all-pairs table and the
// exact-vs-forest crossover used by `IndexKind.auto`.
//
//   swift run -c release bench-index [--sizes 10000,100000] [--dim 64] [--queries 1000] [--no-annoy]
//                                    [--table 100000] [--crossover] [--out bench/out/index]

struct Options {
    var sizes = [10_000, 100_000]
    var dim = 64
    var queries = 1000
    var annoy = true
    var table: [Int] = []
    var tableExact: [Int] = []
    var memory: [Int] = []
    var file: [Int] = []
    var crossover = false
    var lshOnly = false
    var vectors: String?
    var vectorSizes = [20_000, 100_000]
    var kinds = ["forest", "graph20x10"]
    var shortlist = 50
    var hnswlib = true
    var tableKind: IndexKind?
    var tableBottom = 10
    var out = "bench/out/index"
    var forestTrees = [10, 20, 50]
    var searchKs = [0, 1000, 2000, 5000, 10000]
    var lsh = [(16, 14, 8), (32, 12, 16), (64, 12, 32)]
}

var opt = Options()
var args = Array(CommandLine.arguments.dropFirst())
func ints(_ s: String) -> [Int] { s.split(separator: ",").compactMap { Int($0) } }
while let a = args.first {
    args.removeFirst()
    switch a {
    case "--sizes": opt.sizes = ints(args.removeFirst())
    case "--dim": opt.dim = Int(args.removeFirst()) ?? 64
    case "--queries": opt.queries = Int(args.removeFirst()) ?? 1000
    case "--no-annoy": opt.annoy = false
    case "--table": opt.table = ints(args.removeFirst())
    case "--crossover": opt.crossover = true
    case "--memory": opt.memory = ints(args.removeFirst())
    case "--file": opt.file = ints(args.removeFirst())
    case "--table-exact": opt.tableExact = ints(args.removeFirst())
    case "--trees": opt.forestTrees = ints(args.removeFirst())
    case "--search-k": opt.searchKs = ints(args.removeFirst())
    case "--lsh":  // e.g. 16x14x8,32x12x16
        opt.lsh = args.removeFirst().split(separator: ",").compactMap {
            let p = $0.split(separator: "x").compactMap { Int($0) }
            return p.count == 3 ? (p[0], p[1], p[2]) : nil
        }
    case "--out": opt.out = args.removeFirst()
    case "--vectors": opt.vectors = args.removeFirst()  // real descriptors: the descriptor table benchmark
    case "--vector-sizes": opt.vectorSizes = ints(args.removeFirst())
    case "--kinds": opt.kinds = args.removeFirst().split(separator: ",").map(String.init)
    case "--shortlist": opt.shortlist = Int(args.removeFirst()) ?? 50
    case "--no-hnswlib": opt.hnswlib = false
    case "--table-graph": opt.tableKind = .graph(trees: 10, searchK: 2000, neighbours: 20, seed: 1)  // --table with the graph index
    case "--table-bottom": opt.tableBottom = Int(args.removeFirst()) ?? 10
    default:
        FileHandle.standardError.write("unknown option \(a)\n".data(using: .utf8)!)
        exit(2)
    }
}
try FileManager.default.createDirectory(atPath: opt.out, withIntermediateDirectories: true)
print("bench-index: \(ProcessInfo.processInfo.activeProcessorCount) cores, queries single-threaded, builds on all cores")

for n in opt.memory {
    // Run alone (peak RSS is per process): memory a 20-tree forest build needs beyond the vectors.
    let data = ClusteredData(dimension: opt.dim, clusters: 100, seed: 2024)
    let vectors = try VectorSet(dimension: opt.dim, values: data.sample(n, seed: 7))
    let before = peakRSSMiB()
    let t0 = now()
    let forest = try ForestIndex(vectors: vectors, metric: .angular, trees: 20, seed: 1)
    print(String(format: "memory: n = %d, d = %d, forest 20 trees built in %.1f s, index %.0f MiB; peak RSS %.0f MiB "
        + "before build (vectors), %.0f MiB after: %.0f MiB beyond the vectors", n, opt.dim, now() - t0,
        Double(forest.image.size) / 1_048_576, before, peakRSSMiB(), peakRSSMiB() - before))
}
for n in opt.file {
    // Write / load times of a 20-tree forest file: atomic write, O(1) header-only map, full checksum.
    let data = ClusteredData(dimension: opt.dim, clusters: 100, seed: 2024)
    let vectors = try VectorSet(dimension: opt.dim, values: data.sample(n, seed: 7))
    let forest = try ForestIndex(vectors: vectors, metric: .angular, trees: 20, seed: 1)
    let path = "\(opt.out)/forest-\(n).idx"
    var t0 = now()
    try IndexFile.write(forest, to: path)
    let writeTime = now() - t0
    t0 = now()
    let quick = try IndexFile.load(path, metric: .angular, dimension: opt.dim, verification: .headerOnly)
    let quickTime = now() - t0
    t0 = now()
    let full = try IndexFile.load(path, metric: .angular, dimension: opt.dim, verification: .full)
    let fullTime = now() - t0
    let same = try quick.search(vectors.row(0), k: 10) == full.search(vectors.row(0), k: 10)
    print(String(format: "file: n = %d, %.0f MiB: write %.3f s, load header-only %.6f s, load full (checksum) %.3f s, "
        + "same results %@", n, Double(forest.image.size) / 1_048_576, writeTime, quickTime, fullTime, same ? "yes" : "NO"))
    try? FileManager.default.removeItem(atPath: path)
}
for n in opt.sizes {
    try runSearchBench(n: n, opt: opt)
}
for n in opt.table {
    try runTableBench(n: n, dim: opt.dim, kind: opt.tableKind, bottomK: opt.tableBottom)
}
for n in opt.tableExact {
    try runTableBench(n: n, dim: opt.dim, kind: .exact)
}
if let path = opt.vectors {
    try runDescriptorTable(path: path, sizes: opt.vectorSizes, kinds: opt.kinds, k: opt.shortlist, hnswlib: opt.hnswlib, out: opt.out)
}
if opt.crossover {
    try runCrossover()
}
print(String(format: "peak RSS %.0f MiB", peakRSSMiB()))
