import Support
extension ForestIndex {
    /// Fills `ws.candidates` with distinct items reached from `q` through all trees, stopping once
    /// `budget` leaf items (duplicates included) were visited and at least `need` distinct ones found.
    /// Every code read from the image is bounds-checked, so a damaged payload degrades results but
    /// never reads outside its section.
    func gather(_ q: UnsafePointer<Float>, budget: Int, need: Int, ws: SearchWorkspace) {
        let img = image, d = dimension, n = count
        let roots = img.section(ForestSection.roots, as: Int32.self), rootCount = img.sectionCount(ForestSection.roots, of: Int32.self)
        let children = img.section(ForestSection.children, as: Int32.self)
        let planes = img.section(ForestSection.planes, as: Float.self)
        let offsets = img.section(ForestSection.offsets, as: Float.self)
        let nodeCount = min(img.sectionCount(ForestSection.offsets, of: Float.self), img.sectionCount(ForestSection.children, of: Int32.self) / 2,
                            img.sectionCount(ForestSection.planes, of: Float.self) / d)
        let bounds = img.section(ForestSection.leafBounds, as: UInt32.self), leafCount = img.sectionCount(ForestSection.leafBounds, of: UInt32.self) / 2
        let items = img.section(ForestSection.items, as: Int32.self), itemCount = img.sectionCount(ForestSection.items, of: Int32.self)
        ws.reset()
        for r in 0 ..< rootCount { ws.push(.infinity, roots[r]) }
        var visited = 0
        while visited < budget || ws.candidateCount < need {
            guard let (key, node) = ws.pop() else { break }
            if node >= 0 {
                guard Int(node) < nodeCount else { continue }
                let m = DistanceKernel.dot(planes + Int(node) * d, q, d) + offsets[Int(node)]
                ws.push(min(key, m), children[2 * Int(node) + 1])
                ws.push(min(key, -m), children[2 * Int(node)])
            } else {
                let leaf = Int(-(node + 1))
                guard leaf < leafCount else { continue }
                let start = Int(bounds[2 * leaf]), end = min(Int(bounds[2 * leaf + 1]), itemCount)
                guard start <= end else { continue }
                for p in start ..< end {
                    let item = items[p]
                    if item >= 0 && Int(item) < n { ws.offer(item) }
                }
                visited += end - start
            }
        }
    }

    func budget(_ searchK: Int, k: Int) -> Int { searchK > 0 ? searchK : trees * max(1, k) }

    /// Approximate nearest as a heap of squared distances; `excluding` is left out (table rows).
    func nearest(_ q: UnsafePointer<Float>, k: Int, searchK: Int, ws: SearchWorkspace, excluding: Int = -1) -> BoundedHeap {
        let kk = min(k, count - (excluding >= 0 ? 1 : 0))
        var heap = BoundedHeap(capacity: kk)
        guard kk > 0 else { return heap }
        gather(q, budget: budget(searchK, k: k), need: kk + (excluding >= 0 ? 1 : 0), ws: ws)
        let v = image.section(ForestSection.vectors, as: Float.self), d = dimension
        for c in ws.candidateList where Int(c) != excluding {
            heap.push(DistanceKernel.squaredL2(q, v + Int(c) * d, d), c)
        }
        return heap
    }

    /// Farthest as a heap of negated squared distances (see `farthest(_:k:)`).
    func farthestHeap(_ q: UnsafePointer<Float>, k: Int, searchK: Int, ws: SearchWorkspace, excluding: Int = -1) -> BoundedHeap {
        guard metric == .angular else { return ExactIndex.scanFarthest(image, q, k: k, excluding: excluding) }
        let kk = min(k, count - (excluding >= 0 ? 1 : 0))
        var heap = BoundedHeap(capacity: kk)
        guard kk > 0 else { return heap }
        let d = dimension
        if ws.scratch.count != d { ws.scratch = [Float](repeating: 0, count: d) }
        for c in 0 ..< d { ws.scratch[c] = -q[c] }
        ws.scratch.withUnsafeBufferPointer { neg in
            gather(neg.baseAddress!, budget: budget(searchK, k: k), need: kk + (excluding >= 0 ? 1 : 0), ws: ws)
        }
        let v = image.section(ForestSection.vectors, as: Float.self)
        for c in ws.candidateList where Int(c) != excluding {
            heap.push(-DistanceKernel.squaredL2(q, v + Int(c) * d, d), c)
        }
        return heap
    }

    /// All-pairs table: top lists by forest search, bottom lists by ``FarthestSearch``.
    public func neighbourTable(k: Int, bottomK: Int) throws -> NeighbourTable {
        try neighbourTable(k: k, bottomK: bottomK, searchK: searchK, threads: Parallel.processorCount)
    }

    /// The all-pairs table with an explicit top-list candidate budget (0 = `trees × k`) and threads.
    public func neighbourTable(k: Int, bottomK: Int, searchK: Int, threads: Int) throws -> NeighbourTable {
        try checkK(k)
        try checkK(bottomK, name: "bottomK")
        return NeighbourTable.byQueries(self, vectors: ForestSection.vectors, bottomK: bottomK, threads: threads) { me, q, ws, i in
            nearestList(me.nearest(q, k: k, searchK: searchK, ws: ws, excluding: i))
        }
    }

    /// The items of every leaf of every tree (the groups NN-descent starts from).
    func leaves() -> [[Int32]] {
        let bounds = image.section(ForestSection.leafBounds, as: UInt32.self)
        let leafCount = image.sectionCount(ForestSection.leafBounds, of: UInt32.self) / 2
        let items = image.section(ForestSection.items, as: Int32.self), itemCount = image.sectionCount(ForestSection.items, of: Int32.self)
        return (0 ..< leafCount).map { leaf in
            let start = Int(bounds[2 * leaf]), end = min(Int(bounds[2 * leaf + 1]), itemCount)
            return start < end ? (start ..< end).map { items[$0] }.filter { $0 >= 0 && Int($0) < count } : []
        }
    }
}
