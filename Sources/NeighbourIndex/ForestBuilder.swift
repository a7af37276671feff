import Support
/// Builds one random-projection tree (Annoy, Bernhardsson 2013–): each internal node splits its items
/// by a hyperplane between two centroids found by a short two-means run on random members; nodes with
/// at most `leafSize` items become leaves. Items are partitioned in place in one permutation array, so a
/// leaf is just a range of it — the tree is three flat arrays, no per-node objects.
struct TreeBuilder {
    let vectors: UnsafePointer<Float>
    let dimension: Int
    let metric: Metric
    let leafSize: Int

    /// One built tree; child codes: `c ≥ 0` an internal node, `c < 0` leaf `−c − 1`.
    struct Tree {
        var root: Int32 = 0
        var children: [Int32] = []   // 2 per internal node (left: margin ≤ 0, right: margin > 0)
        var planes: [Float] = []     // dimension per internal node
        var offsets: [Float] = []    // 1 per internal node
        var leafBounds: [UInt32] = []  // (start, end) per leaf, into `items`
        var items: [Int32] = []      // permutation of 0..<n
    }

    /// Annoy's two_means iteration count.
    static let twoMeansIterations = 200
    /// A split sending more than this fraction to one side is retried (Annoy's 0.95).
    static let maxImbalance = 0.95

    func build(count n: Int, seed: UInt64) -> Tree {
        var rng = SplitMix64(seed: seed)
        var t = Tree()
        t.items = (0 ..< n).map { Int32($0) }
        let d = dimension
        var normal = [Float](repeating: 0, count: d)
        var stack: [(lo: Int, hi: Int, parent: Int, side: Int)] = [(0, n, -1, 0)]
        while let job = stack.popLast() {
            let code: Int32
            if job.hi - job.lo <= leafSize {
                code = -Int32(t.leafBounds.count / 2) - 1
                t.leafBounds.append(UInt32(job.lo))
                t.leafBounds.append(UInt32(job.hi))
            } else {
                let (mid, offset) = split(&t.items, job.lo, job.hi, &normal, &rng)
                code = Int32(t.offsets.count)
                t.planes.append(contentsOf: normal)
                t.offsets.append(offset)
                t.children.append(0)
                t.children.append(0)
                stack.append((mid, job.hi, Int(code), 1))
                stack.append((job.lo, mid, Int(code), 0))
            }
            if job.parent < 0 { t.root = code } else { t.children[2 * job.parent + job.side] = code }
        }
        return t
    }

    /// Finds a hyperplane for `items[lo..<hi]`, partitions them (margin ≤ 0 left, > 0 right; exact
    /// zeros go to a random side) and returns the split point and plane offset (`normal` is filled).
    /// After three badly unbalanced attempts it falls back to a zero plane and an even split of the
    /// current order — search then explores both halves with equal priority.
    private func split(
        _ items: inout [Int32], _ lo: Int, _ hi: Int, _ normal: inout [Float], _ rng: inout SplitMix64
    ) -> (Int, Float) {
        let count = hi - lo
        for _ in 0 ..< 3 {
            guard let offset = twoMeansPlane(items, lo, hi, &normal, &rng) else { continue }
            let mid = normal.withUnsafeBufferPointer { nb in
                partition(&items, lo, hi, nb.baseAddress!, offset, &rng)
            }
            let left = mid - lo
            if Double(max(left, count - left)) <= Self.maxImbalance * Double(count), left > 0, left < count {
                return (mid, offset)
            }
        }
        for c in 0 ..< dimension { normal[c] = 0 }
        return (lo + count / 2, 0)
    }

    private func partition(
        _ items: inout [Int32], _ lo: Int, _ hi: Int, _ plane: UnsafePointer<Float>, _ offset: Float,
        _ rng: inout SplitMix64
    ) -> Int {
        var i = lo, j = hi - 1
        let d = dimension
        while i <= j {
            let m = DistanceKernel.dot(plane, vectors + Int(items[i]) * d, d) + offset
            let right = m > 0 || (m == 0 && rng.next() & 1 == 1)
            if right {
                items.swapAt(i, j)
                j -= 1
            } else {
                i += 1
            }
        }
        return i
    }

    /// Annoy's two_means: start from two random members, then 200 times assign a random member to the
    /// nearer centroid (weighted by cluster size) and move that centroid to the running mean.
    /// Returns the plane offset, or nil when the centroids coincide.
    private func twoMeansPlane(
        _ items: [Int32], _ lo: Int, _ hi: Int, _ normal: inout [Float], _ rng: inout SplitMix64
    ) -> Float? {
        let d = dimension, count = hi - lo
        let i = rng.below(count)
        var j = rng.below(count - 1)
        if j >= i { j += 1 }
        var p = Array(UnsafeBufferPointer(start: vectors + Int(items[lo + i]) * d, count: d))
        var q = Array(UnsafeBufferPointer(start: vectors + Int(items[lo + j]) * d, count: d))
        var ic: Float = 1, jc: Float = 1
        p.withUnsafeMutableBufferPointer { pb in
            q.withUnsafeMutableBufferPointer { qb in
                let pp = pb.baseAddress!, qq = qb.baseAddress!
                for _ in 0 ..< Self.twoMeansIterations {
                    let x = vectors + Int(items[lo + rng.below(count)]) * d
                    let di = ic * DistanceKernel.squaredL2(pp, x, d)
                    let dj = jc * DistanceKernel.squaredL2(qq, x, d)
                    if di < dj {
                        Self.moveMean(pp, x, ic, d, normalised: metric == .angular)
                        ic += 1
                    } else if dj < di {
                        Self.moveMean(qq, x, jc, d, normalised: metric == .angular)
                        jc += 1
                    }
                }
            }
        }
        for c in 0 ..< d { normal[c] = p[c] - q[c] }
        guard normalise(&normal) else { return nil }
        guard metric == .euclidean else { return 0 }
        var off: Float = 0
        for c in 0 ..< d { off -= normal[c] * (p[c] + q[c]) * 0.5 }
        return off
    }

    /// `m ← (m·c + x) / (c + 1)`, then rescaled to unit length under angular (as Annoy does).
    @inline(__always)
    private static func moveMean(_ m: UnsafeMutablePointer<Float>, _ x: UnsafePointer<Float>, _ c: Float, _ d: Int, normalised: Bool) {
        let inv = 1 / (c + 1)
        for i in 0 ..< d { m[i] = (m[i] * c + x[i]) * inv }
        if normalised {
            let norm = DistanceKernel.dot(m, m, d).squareRoot()
            if norm > 0 {
                let s = 1 / norm
                for i in 0 ..< d { m[i] *= s }
            }
        }
    }

    @discardableResult
    private func normalise(_ v: inout [Float]) -> Bool {
        let d = v.count
        return v.withUnsafeMutableBufferPointer { b -> Bool in
            guard let p = b.baseAddress else { return false }
            let norm = DistanceKernel.dot(p, p, d).squareRoot()
            guard norm > 0, norm.isFinite else { return false }
            let s = 1 / norm
            for i in 0 ..< d { p[i] *= s }
            return true
        }
    }
}
