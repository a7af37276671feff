import Foundation
import NeighbourIndex

/// The all-pairs table as a catalog build computes it — top-`k` shortlist and bottom-10 of every
/// row — on real descriptor vectors (`bench-features vectors` writes them), for each index kind, with
/// top-10, top-`k` and bottom-10 recall against exact scans on 500 sampled rows, and hnswlib on the
/// identical vectors (`bench/python/hnswlib_table.py`).
func runDescriptorTable(path: String, sizes: [Int], kinds: [String], k: Int, hnswlib: Bool, out: String) throws {
    let (rows, dim, all) = try Npy.readFloat32(path)
    for n in sizes where n <= rows {
        let vectors = try VectorSet(dimension: dim, values: Array(all[0 ..< n * dim]))
        print("\n== descriptor table: \(n) × \(dim) from \(path), angular, shortlist k = \(k), bottomK = 10 ==")
        let exact = try ExactIndex(vectors: vectors, metric: .angular)
        let sample = stride(from: 0, to: n, by: max(1, n / 500)).map { $0 }
        let truthTop = parallelMap(sample.count) { i in
            Array(try! exact.search(vectors.row(sample[i]), k: k + 1).filter { $0.index != sample[i] }.prefix(k))
        }
        let truthBottom = parallelMap(sample.count) { i in
            Array(try! exact.farthest(vectors.row(sample[i]), k: 11).filter { $0.index != sample[i] }.prefix(10))
        }
        print("kind                                 build s  table s  total s  top-10   top-\(k)   bottom-10  peak RSS MiB")
        for name in kinds {
            let kind: IndexKind
            switch name {
            case "exact": kind = .exact
            case "forest": kind = .forest(trees: 20, searchK: 2000, seed: 1)
            case let g where g.hasPrefix("graph"):
                let p = g.dropFirst(5).split(separator: "x").compactMap { Int($0) }  // graph20x10: 20 neighbours, 10 trees
                kind = .graph(trees: p.count > 1 ? p[1] : 10, searchK: 2000, neighbours: p.first ?? 20, seed: 1)
            default: print("unknown kind \(name)"); continue
            }
            var t0 = now()
            let index = try kind.build(vectors, metric: .angular)
            let build = now() - t0
            t0 = now()
            let table = try index.neighbourTable(k: k, bottomK: 10)
            let tableTime = now() - t0
            let top10 = recall(sample.map { table.top[$0] }, truthTop.map { Array($0.prefix(10)) }, k: 10)
            let topK = recall(sample.map { table.top[$0] }, truthTop, k: k)
            let bottom = recall(sample.map { table.bottom[$0] }, truthBottom, k: 10)
            print(name.padding(toLength: 36, withPad: " ", startingAt: 0) + String(format: " %7.2f %8.2f %8.2f %7.4f %7.4f %9.4f %9.0f", build, tableTime, build + tableTime,
                         top10, topK, bottom, peakRSSMiB()))
            fflush(nil)
        }
        if hnswlib {
            let file = "\(out)/descriptors-\(n).npy"
            try Npy.write(file, floats: Array(all[0 ..< n * dim]), cols: dim)
            let truth = "\(out)/descriptors-\(n)-truth.npy"
            try Npy.write(truth, ints: truthTop.flatMap { $0.prefix(10).map { Int32($0.index) } }, cols: 10)
            let sampleFile = "\(out)/descriptors-\(n)-sample.npy"
            try Npy.write(sampleFile, ints: sample.map { Int32($0) }, cols: 1)
            let p = Process()
            p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            p.arguments = ["python3", "bench/python/hnswlib_table.py", file, sampleFile, truth, "--k", String(k)]
            try p.run()
            p.waitUntilExit()
        }
    }
}

extension Npy {
    /// Reads a little-endian float32 2-D .npy (version 1.0) written by NumPy or `write`.
    static func readFloat32(_ path: String) throws -> (rows: Int, columns: Int, values: [Float]) {
        let data = try Data(contentsOf: URL(fileURLWithPath: path))
        let headerLength = Int(data[8]) | Int(data[9]) << 8
        let header = String(decoding: data[10 ..< 10 + headerLength], as: UTF8.self)
        guard header.contains("'<f4'"), let open = header.range(of: "'shape': ("), let close = header[open.upperBound...].firstIndex(of: ")") else {
            throw NSError(domain: "npy", code: 1, userInfo: [NSLocalizedDescriptionKey: "\(path): not a float32 2-D array"])
        }
        let shape = header[open.upperBound ..< close].split(separator: ",").compactMap { Int($0.trimmingCharacters(in: .whitespaces)) }
        let rows = shape[0], cols = shape.count > 1 ? shape[1] : 1
        let values = data[(10 + headerLength)...].withUnsafeBytes { Array($0.bindMemory(to: Float.self).prefix(rows * cols)) }
        return (rows, cols, values)
    }
}
