/// `rows` bounded max-heaps of equal `capacity` in two flat buffers — the per-row state of the exact
/// all-pairs table without one array allocation per row. Same ordering as `BoundedHeap`: keeps the
/// `capacity` smallest `(key, id)` pairs, so the kept set does not depend on insertion order.
final class RowHeaps {
    let rows: Int
    let capacity: Int
    private let keys: UnsafeMutablePointer<Float>
    private let ids: UnsafeMutablePointer<Int32>
    private let counts: UnsafeMutablePointer<Int32>

    init(rows: Int, capacity: Int) {
        self.rows = rows
        self.capacity = capacity
        keys = .allocate(capacity: max(1, rows * capacity))
        ids = .allocate(capacity: max(1, rows * capacity))
        counts = .allocate(capacity: max(1, rows))
        counts.initialize(repeating: 0, count: max(1, rows))
    }

    deinit {
        keys.deallocate()
        ids.deallocate()
        counts.deallocate()
    }

    /// Pairs a new key must not exceed to possibly enter row `r` (`+∞` while not full).
    @inline(__always)
    func worst(_ r: Int) -> Float {
        if Int(counts[r]) < capacity { return .infinity }
        return capacity == 0 ? -.infinity : keys[r * capacity]
    }

    @inline(__always)
    private static func greater(_ ka: Float, _ ia: Int32, _ kb: Float, _ ib: Int32) -> Bool {
        ka > kb || (ka == kb && ia > ib)
    }

    /// Offers `(key, id)` to row `r`.
    @inline(__always)
    func push(_ r: Int, _ key: Float, _ id: Int32) {
        guard capacity > 0 else { return }
        let k = keys + r * capacity, d = ids + r * capacity
        let n = Int(counts[r])
        if n < capacity {
            var c = n
            counts[r] = Int32(n + 1)
            while c > 0 {
                let p = (c - 1) >> 1
                guard Self.greater(key, id, k[p], d[p]) else { break }
                k[c] = k[p]; d[c] = d[p]
                c = p
            }
            k[c] = key; d[c] = id
            return
        }
        guard Self.greater(k[0], d[0], key, id) else { return }
        var p = 0
        while true {
            var m = 2 * p + 1
            if m >= n { break }
            if m + 1 < n && Self.greater(k[m + 1], d[m + 1], k[m], d[m]) { m += 1 }
            guard Self.greater(k[m], d[m], key, id) else { break }
            k[p] = k[m]; d[p] = d[m]
            p = m
        }
        k[p] = key; d[p] = id
    }

    /// Offers every pair kept for row `r` to `heap`.
    func drain(_ r: Int, into heap: inout BoundedHeap) {
        for i in 0 ..< Int(counts[r]) { heap.push(keys[r * capacity + i], ids[r * capacity + i]) }
    }
}
