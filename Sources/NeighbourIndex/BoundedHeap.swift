/// Keeps the `capacity` smallest `(key, id)` pairs seen, ordered lexicographically (ties by smaller id).
/// A max-heap on `(key, id)`: the root is the current worst kept pair, so rejecting a candidate is one
/// comparison against `worstKey`.
struct BoundedHeap {
    private(set) var keys: [Float] = []
    private(set) var ids: [Int32] = []
    let capacity: Int

    init(capacity: Int) {
        self.capacity = max(0, capacity)
        keys.reserveCapacity(self.capacity)
        ids.reserveCapacity(self.capacity)
    }

    var count: Int { keys.count }

    /// The key a new pair must beat (strictly smaller, or equal with a smaller id) once the heap is full.
    var worstKey: Float { keys.count < capacity ? .infinity : (capacity == 0 ? -.infinity : keys[0]) }

    @inline(__always)
    private static func greater(_ ka: Float, _ ia: Int32, _ kb: Float, _ ib: Int32) -> Bool {
        ka > kb || (ka == kb && ia > ib)
    }

    mutating func removeAll() {
        keys.removeAll(keepingCapacity: true)
        ids.removeAll(keepingCapacity: true)
    }

    /// Offers one pair.
    @inline(__always)
    mutating func push(_ key: Float, _ id: Int32) {
        if keys.count < capacity {
            keys.append(key)
            ids.append(id)
            var c = keys.count - 1
            while c > 0 {
                let p = (c - 1) >> 1
                guard Self.greater(keys[c], ids[c], keys[p], ids[p]) else { break }
                keys.swapAt(c, p); ids.swapAt(c, p)
                c = p
            }
            return
        }
        guard capacity > 0, Self.greater(keys[0], ids[0], key, id) else { return }
        keys[0] = key
        ids[0] = id
        var p = 0
        let n = keys.count
        while true {
            let l = 2 * p + 1
            if l >= n { break }
            var m = l
            let r = l + 1
            if r < n && Self.greater(keys[r], ids[r], keys[l], ids[l]) { m = r }
            guard Self.greater(keys[m], ids[m], keys[p], ids[p]) else { break }
            keys.swapAt(m, p); ids.swapAt(m, p)
            p = m
        }
    }

    /// The kept pairs, best (smallest key, then smallest id) first.
    func sorted() -> [(key: Float, id: Int32)] {
        zip(keys, ids).map { (key: $0.0, id: $0.1) }
            .sorted { $0.key < $1.key || ($0.key == $1.key && $0.id < $1.id) }
    }
}
