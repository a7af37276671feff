import Foundation
import Support
import NeighbourIndex

/// Seeded clustered Gaussian data: `clusters` centres ~ N(0, I); a point is a random centre plus
/// N(0, σ²I) with σ = 0.35…1.05 varying per cluster. Base and query points come from the same mixture.
struct ClusteredData {
    let centres: [Float]
    let spreads: [Float]
    let dimension: Int

    init(dimension: Int, clusters: Int, seed: UInt64) {
        var r = SplitMix64(seed: seed)
        self.dimension = dimension
        centres = (0 ..< clusters * dimension).map { _ in r.gaussianFloat() }
        spreads = (0 ..< clusters).map { _ in 0.35 + 0.7 * Float(r.next() >> 40) / 16_777_216 }
    }

    func sample(_ n: Int, seed: UInt64) -> [Float] {
        var r = SplitMix64(seed: seed)
        var out = [Float](repeating: 0, count: n * dimension)
        let clusters = spreads.count
        for i in 0 ..< n {
            let c = r.below(clusters)
            for j in 0 ..< dimension {
                out[i * dimension + j] = centres[c * dimension + j] + spreads[c] * r.gaussianFloat()
            }
        }
        return out
    }
}

/// Writes a 2-D little-endian array in NumPy's .npy format (version 1.0).
enum Npy {
    static func write(_ path: String, rows: Int, cols: Int, descr: String, body: Data) throws {
        var header = "{'descr': '\(descr)', 'fortran_order': False, 'shape': (\(rows), \(cols)), }"
        let unpadded = 10 + header.utf8.count + 1
        header += String(repeating: " ", count: (64 - unpadded % 64) % 64) + "\n"
        var data = Data([0x93] + Array("NUMPY".utf8) + [1, 0])
        let len = UInt16(header.utf8.count)
        data.append(contentsOf: [UInt8(len & 0xFF), UInt8(len >> 8)])
        data.append(contentsOf: Array(header.utf8))
        data.append(body)
        try data.write(to: URL(fileURLWithPath: path), options: .atomic)
    }

    static func write(_ path: String, floats: [Float], cols: Int) throws {
        let body = floats.withUnsafeBytes { Data($0) }
        try write(path, rows: floats.count / cols, cols: cols, descr: "<f4", body: body)
    }

    static func write(_ path: String, ints: [Int32], cols: Int) throws {
        let body = ints.withUnsafeBytes { Data($0) }
        try write(path, rows: ints.count / cols, cols: cols, descr: "<i4", body: body)
    }
}

/// Monotonic seconds.
func now() -> Double { Double(DispatchTime.now().uptimeNanoseconds) * 1e-9 }

/// Peak resident set size of this process in MiB (getrusage; Linux reports KiB).
func peakRSSMiB() -> Double {
    var u = rusage()
    getrusage(RUSAGE_SELF.rawValue, &u)
    return Double(u.ru_maxrss) / 1024
}

/// Mean fraction of `truth` ids found in `found`, per query, over the first `k`.
func recall(_ found: [[Neighbour]], _ truth: [[Neighbour]], k: Int) -> Double {
    var hit = 0, total = 0
    for (f, t) in zip(found, truth) {
        let want = Set(t.prefix(k).map(\.index))
        hit += f.prefix(k).filter { want.contains($0.index) }.count
        total += want.count
    }
    return total == 0 ? 1 : Double(hit) / Double(total)
}

/// Runs `body` over `0..<count` on all cores (benchmark ground truth only).
func parallelMap<T: Sendable>(_ count: Int, _ body: @Sendable (Int) -> T) -> [T] {
    let box = ResultBox<T>(count)
    let lock = NSLock()
    DispatchQueue.concurrentPerform(iterations: count) { i in
        let v = body(i)
        lock.lock(); box.items[i] = v; lock.unlock()
    }
    return box.items.map { $0! }
}

/// Lock-protected result slots for `parallelMap`.
final class ResultBox<T>: @unchecked Sendable {
    var items: [T?]
    init(_ n: Int) { items = Array(repeating: nil, count: n) }
}
