/// `rows` sorted lists of at most `k` `(key, id)` pairs, each with a "new" flag: the state of
/// ``NNDescent``. Flat buffers, no per-row allocation (8 bytes + 1 flag per slot).
///
/// A row keeps the `k` smallest distinct ids by `(key, id)` (ties by the smaller id, as every index
/// here): the kept set depends only on which pairs were offered, never on their order — which is what
/// makes the parallel NN-descent deterministic. Empty slots hold key `+∞` and id `−1`.
final class NeighbourLists: @unchecked Sendable {
    let rows: Int
    let k: Int
    let keys: UnsafeMutablePointer<Float>
    let ids: UnsafeMutablePointer<Int32>
    /// 1 for an entry that arrived since the row was last sampled.
    let fresh: UnsafeMutablePointer<UInt8>

    init(rows: Int, k: Int) {
        self.rows = rows
        self.k = k
        let slots = max(1, rows * k)
        keys = .allocate(capacity: slots)
        keys.initialize(repeating: .infinity, count: slots)
        ids = .allocate(capacity: slots)
        ids.initialize(repeating: -1, count: slots)
        fresh = .allocate(capacity: slots)
        fresh.initialize(repeating: 0, count: slots)
    }

    deinit {
        keys.deallocate()
        ids.deallocate()
        fresh.deallocate()
    }

    /// The key a pair must not exceed to possibly enter row `r` (`+∞` while the row has room).
    @inline(__always)
    func worst(_ r: Int) -> Float { keys[r * k + k - 1] }

    /// Offers `(key, id)` to row `r`; returns whether it entered (it must rank before the row's last
    /// entry and not be there already).
    @discardableResult
    func insert(_ r: Int, _ key: Float, _ id: Int32) -> Bool {
        guard k > 0 else { return false }
        let b = r * k
        let lastKey = keys[b + k - 1], lastID = ids[b + k - 1]
        guard key < lastKey || (key == lastKey && lastID >= 0 && id < lastID) else { return false }
        for j in 0 ..< k where ids[b + j] == id { return false }
        var j = k - 1
        while j > 0 && (keys[b + j - 1] > key || (keys[b + j - 1] == key && ids[b + j - 1] > id)) {
            keys[b + j] = keys[b + j - 1]
            ids[b + j] = ids[b + j - 1]
            fresh[b + j] = fresh[b + j - 1]
            j -= 1
        }
        keys[b + j] = key
        ids[b + j] = id
        fresh[b + j] = 1
        return true
    }

    /// Row `r` as neighbours, nearest first (keys are squared distances).
    func list(_ r: Int, prefix: Int) -> [Neighbour] {
        var out: [Neighbour] = []
        out.reserveCapacity(min(prefix, k))
        for j in 0 ..< min(prefix, k) where ids[r * k + j] >= 0 {
            out.append(Neighbour(index: Int(ids[r * k + j]), distance: max(0, keys[r * k + j]).squareRoot()))
        }
        return out
    }
}
