/// Bounding balls (centre, radius) of every node of the forest's first tree, for exact farthest search.
///
/// A node's items are a contiguous range of the tree's permutation, so each ball is the mean of that range
/// and the largest distance from it, inflated by a relative 1e-5 + 1e-6 so Float rounding can never make
/// the bound too small. Layout per ball: `dimension` centre floats, then the radius.
enum ForestBalls {
    static func compute(
        tree: TreeBuilder.Tree, vectors: UnsafePointer<Float>, dimension d: Int
    ) -> (inner: [Float], leaves: [Float]) {
        var inner = [Float](repeating: 0, count: tree.offsets.count * (d + 1))
        var leaves = [Float](repeating: 0, count: tree.leafBounds.count / 2 * (d + 1))
        var centre = [Double](repeating: 0, count: d)
        func ball(_ lo: Int, _ hi: Int, into out: inout [Float], at slot: Int) {
            guard hi > lo else { return }
            for c in 0 ..< d { centre[c] = 0 }
            for p in lo ..< hi {
                let x = vectors + Int(tree.items[p]) * d
                for c in 0 ..< d { centre[c] += Double(x[c]) }
            }
            let base = slot * (d + 1)
            for c in 0 ..< d { out[base + c] = Float(centre[c] / Double(hi - lo)) }
            var radius: Float = 0
            out.withUnsafeBufferPointer { ob in
                let m = ob.baseAddress! + base
                for p in lo ..< hi {
                    radius = max(radius, DistanceKernel.squaredL2(m, vectors + Int(tree.items[p]) * d, d))
                }
            }
            out[base + d] = radius.squareRoot() * (1 + 1e-5) + 1e-6
        }
        for node in 0 ..< tree.offsets.count {
            ball(Int(tree.nodeRanges[2 * node]), Int(tree.nodeRanges[2 * node + 1]), into: &inner, at: node)
        }
        for leaf in 0 ..< tree.leafBounds.count / 2 {
            ball(Int(tree.leafBounds[2 * leaf]), Int(tree.leafBounds[2 * leaf + 1]), into: &leaves, at: leaf)
        }
        return (inner, leaves)
    }
}

extension ForestIndex {
    /// Exact farthest items by best-first branch and bound over the first tree's balls: a node whose
    /// upper bound `‖centre − q‖ + radius` is below the current k-th largest distance cannot hold a
    /// better item (Fukunaga & Narendra 1975 style bound, used for farthest instead of nearest).
    /// Works for both metrics (angular distances are euclidean distances of unit vectors).
    func farthestExact(_ q: UnsafePointer<Float>, k: Int, ws: SearchWorkspace, excluding: Int = -1) -> BoundedHeap {
        let kk = min(k, count - (excluding >= 0 ? 1 : 0))
        var heap = BoundedHeap(capacity: max(0, kk))
        let img = image, d = dimension, n = count, stride = d + 1
        guard kk > 0, img.sectionCount(1, of: Int32.self) > 0 else { return heap }
        let inner = img.section(7, as: Float.self), innerCount = img.sectionCount(7, of: Float.self) / stride
        let leafBalls = img.section(8, as: Float.self), leafCount = img.sectionCount(8, of: Float.self) / stride
        let children = img.section(2, as: Int32.self), childCount = img.sectionCount(2, of: Int32.self)
        let bounds = img.section(5, as: UInt32.self), boundCount = img.sectionCount(5, of: UInt32.self)
        let items = img.section(6, as: Int32.self), itemCount = img.sectionCount(6, of: Int32.self)
        let v = img.section(0, as: Float.self)
        func upper(_ code: Int32) -> Float? {
            if code >= 0 {
                guard Int(code) < innerCount else { return nil }
                let b = inner + Int(code) * stride
                return DistanceKernel.squaredL2(b, q, d).squareRoot() + b[d]
            }
            let leaf = Int(-(code + 1))
            guard leaf < leafCount else { return nil }
            let b = leafBalls + leaf * stride
            return DistanceKernel.squaredL2(b, q, d).squareRoot() + b[d]
        }
        ws.reset()
        let root = img.section(1, as: Int32.self)[0]
        if let u = upper(root) { ws.push(u, root) }
        while let (u, node) = ws.pop() {
            if heap.count == kk && u < (-heap.worstKey).squareRoot() { break }
            if node >= 0 {
                let c = 2 * Int(node)
                guard c + 1 < childCount else { continue }
                let left = children[c], right = children[c + 1]
                if let lu = upper(left) { ws.push(lu, left) }
                if let ru = upper(right) { ws.push(ru, right) }
            } else {
                let leaf = Int(-(node + 1))
                guard 2 * leaf + 1 < boundCount else { continue }
                let start = Int(bounds[2 * leaf]), end = min(Int(bounds[2 * leaf + 1]), itemCount)
                guard start <= end else { continue }
                for p in start ..< end {
                    let item = Int(items[p])
                    guard item >= 0, item < n, item != excluding else { continue }
                    heap.push(-DistanceKernel.squaredL2(q, v + item * d, d), Int32(item))
                }
            }
        }
        return heap
    }
}
