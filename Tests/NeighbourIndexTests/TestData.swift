import Support
@testable import NeighbourIndex

/// Seeded test vectors: `clusters` Gaussian blobs (spread 0.5) around N(0, I) centres drawn from `seed`;
/// `pointSeed` draws the points (queries use another point seed, same centres).
func clusteredVectors(_ n: Int, _ d: Int, clusters: Int = 10, seed: UInt64 = 42, pointSeed: UInt64 = 0) -> [Float] {
    var c = SplitMix64(seed: seed)
    let centres = (0 ..< clusters * d).map { _ in c.gaussianFloat() }
    var r = SplitMix64(seed: pointSeed)
    var out = [Float](repeating: 0, count: n * d)
    for i in 0 ..< n {
        let c = r.below(clusters)
        for j in 0 ..< d { out[i * d + j] = centres[c * d + j] + 0.5 * r.gaussianFloat() }
    }
    return out
}

/// Fraction of the exact top-k ids that `found` contains, averaged over queries.
func recallOf(_ found: [[Neighbour]], _ truth: [[Neighbour]]) -> Double {
    var hit = 0, total = 0
    for (f, t) in zip(found, truth) {
        let want = Set(t.map(\.index))
        hit += f.filter { want.contains($0.index) }.count
        total += want.count
    }
    return total == 0 ? 1 : Double(hit) / Double(total)
}
