import Support
extension LSHIndex {
    /// The codes to probe in one table, best first: the query's own code, then codes with the bits of
    /// smallest |margin| flipped, in increasing order of the summed |margins| of the flipped bits
    /// (Lv et al. 2007's shift/expand enumeration of perturbation sets).
    static func probeCodes(margins: [Float], probes: Int) -> [UInt64] {
        var base: UInt64 = 0
        for (j, m) in margins.enumerated() where m > 0 { base |= 1 << UInt64(j) }
        var codes = [base]
        guard probes > 1 else { return codes }
        let order = margins.indices.sorted { abs(margins[$0]) < abs(margins[$1]) || (abs(margins[$0]) == abs(margins[$1]) && $0 < $1) }
        let score = order.map { abs(margins[$0]) }
        let b = order.count
        var heap: [(score: Float, set: [Int])] = [(score[0], [0])]
        while codes.count < probes, !heap.isEmpty {
            var best = 0
            for i in 1 ..< heap.count where heap[i].score < heap[best].score { best = i }
            let (s, set) = heap.remove(at: best)
            var code = base
            for p in set { code ^= 1 << UInt64(order[p]) }
            codes.append(code)
            guard let last = set.last, last + 1 < b else { continue }
            heap.append((s - score[last] + score[last + 1], set.dropLast() + [last + 1]))
            heap.append((s + score[last + 1], set + [last + 1]))
        }
        return codes
    }

    /// Collects the distinct items of all probed buckets of all tables into `ws.candidates`.
    func gather(_ q: UnsafePointer<Float>, ws: SearchWorkspace) {
        let img = image, d = dimension, n = count, b = bits
        let planes = img.section(LSHSection.planes, as: Float.self), offsets = img.section(LSHSection.planeOffsets, as: Float.self)
        let codes = img.section(LSHSection.codes, as: UInt64.self), items = img.section(LSHSection.items, as: Int32.self)
        ws.reset()
        var margins = [Float](repeating: 0, count: b)
        for t in 0 ..< tables {
            for j in 0 ..< b {
                margins[j] = DistanceKernel.dot(planes + (t * b + j) * d, q, d) + offsets[t * b + j]
            }
            let tableCodes = codes + t * n, tableItems = items + t * n
            for code in Self.probeCodes(margins: margins, probes: probes) {
                var lo = 0, hi = n
                while lo < hi {
                    let mid = (lo + hi) >> 1
                    if tableCodes[mid] < code { lo = mid + 1 } else { hi = mid }
                }
                while lo < n && tableCodes[lo] == code {
                    let item = tableItems[lo]
                    if item >= 0 && Int(item) < n { ws.offer(item) }
                    lo += 1
                }
            }
        }
    }

    /// Approximate nearest (squared distances). When the probed buckets hold fewer than the needed
    /// items, falls back to an exact scan so `k ≤ count` always yields `k` results.
    func nearest(_ q: UnsafePointer<Float>, k: Int, ws: SearchWorkspace, excluding: Int = -1) -> BoundedHeap {
        let kk = min(k, count - (excluding >= 0 ? 1 : 0))
        guard kk > 0 else { return BoundedHeap(capacity: 0) }
        gather(q, ws: ws)
        guard ws.candidateCount >= kk + (excluding >= 0 ? 1 : 0) else {
            return ExactIndex.scanNearest(image, q, k: kk, excluding: excluding)
        }
        var heap = BoundedHeap(capacity: kk)
        let v = image.section(LSHSection.vectors, as: Float.self), d = dimension
        for c in ws.candidateList where Int(c) != excluding {
            heap.push(DistanceKernel.squaredL2(q, v + Int(c) * d, d), c)
        }
        return heap
    }

    /// Farthest (negated squared distances); see `farthest(_:k:)`.
    func farthestHeap(_ q: UnsafePointer<Float>, k: Int, ws: SearchWorkspace, excluding: Int = -1) -> BoundedHeap {
        guard metric == .angular else { return ExactIndex.scanFarthest(image, q, k: k, excluding: excluding) }
        let kk = min(k, count - (excluding >= 0 ? 1 : 0))
        guard kk > 0 else { return BoundedHeap(capacity: 0) }
        let d = dimension
        if ws.scratch.count != d { ws.scratch = [Float](repeating: 0, count: d) }
        for c in 0 ..< d { ws.scratch[c] = -q[c] }
        ws.scratch.withUnsafeBufferPointer { gather($0.baseAddress!, ws: ws) }
        guard ws.candidateCount >= kk + (excluding >= 0 ? 1 : 0) else {
            return ExactIndex.scanFarthest(image, q, k: kk, excluding: excluding)
        }
        var heap = BoundedHeap(capacity: kk)
        let v = image.section(LSHSection.vectors, as: Float.self)
        for c in ws.candidateList where Int(c) != excluding {
            heap.push(-DistanceKernel.squaredL2(q, v + Int(c) * d, d), c)
        }
        return heap
    }

    public func neighbourTable(k: Int, bottomK: Int) throws -> NeighbourTable {
        try neighbourTable(k: k, bottomK: bottomK, threads: Parallel.processorCount)
    }

    /// The all-pairs table on at most `threads` threads.
    public func neighbourTable(k: Int, bottomK: Int, threads: Int) throws -> NeighbourTable {
        try checkK(k)
        try checkK(bottomK, name: "bottomK")
        return NeighbourTable.byQueries(self, vectors: LSHSection.vectors, bottomK: bottomK, threads: threads) { me, q, ws, i in
            nearestList(me.nearest(q, k: k, ws: ws, excluding: i))
        }
    }
}
