import Foundation

/// Per-thread scratch space for one approximate query: a max-priority queue of tree nodes, the candidate
/// list and a generation-stamped "seen" array (so deduplicating candidates never clears `count` flags).
final class SearchWorkspace {
    var queueKeys: [Float] = []
    var queueNodes: [Int32] = []
    var candidates: [Int32] = []
    var scratch: [Float] = []
    private var stamps: [UInt32]
    private var generation: UInt32 = 0

    init(count: Int) { stamps = [UInt32](repeating: 0, count: count) }

    /// Starts a new query: forgets all seen items in O(1) (amortised).
    func reset() {
        candidates.removeAll(keepingCapacity: true)
        queueKeys.removeAll(keepingCapacity: true)
        queueNodes.removeAll(keepingCapacity: true)
        generation &+= 1
        if generation == 0 {
            for i in stamps.indices { stamps[i] = 0 }
            generation = 1
        }
    }

    /// Adds `item` to the candidates unless already seen in this query.
    @inline(__always)
    func offer(_ item: Int32) {
        if stamps[Int(item)] != generation {
            stamps[Int(item)] = generation
            candidates.append(item)
        }
    }

    @inline(__always)
    func push(_ key: Float, _ node: Int32) {
        queueKeys.append(key)
        queueNodes.append(node)
        var c = queueKeys.count - 1
        while c > 0 {
            let p = (c - 1) >> 1
            guard queueKeys[c] > queueKeys[p] else { break }
            queueKeys.swapAt(c, p); queueNodes.swapAt(c, p)
            c = p
        }
    }

    /// Removes and returns the entry with the largest key.
    @inline(__always)
    func pop() -> (key: Float, node: Int32)? {
        guard let lastKey = queueKeys.popLast(), let lastNode = queueNodes.popLast() else { return nil }
        guard !queueKeys.isEmpty else { return (lastKey, lastNode) }
        let top = (queueKeys[0], queueNodes[0])
        queueKeys[0] = lastKey
        queueNodes[0] = lastNode
        var p = 0
        let n = queueKeys.count
        while true {
            let l = 2 * p + 1
            if l >= n { break }
            var m = l
            if l + 1 < n && queueKeys[l + 1] > queueKeys[l] { m = l + 1 }
            guard queueKeys[m] > queueKeys[p] else { break }
            queueKeys.swapAt(m, p); queueNodes.swapAt(m, p)
            p = m
        }
        return top
    }
}

/// A lock-protected stack of workspaces so concurrent `search` calls each get their own.
final class WorkspacePool: @unchecked Sendable {
    private let lock = NSLock()
    private var free: [SearchWorkspace] = []
    private let count: Int

    init(count: Int) { self.count = count }

    func with<R>(_ body: (SearchWorkspace) throws -> R) rethrows -> R {
        lock.lock()
        let ws = free.popLast() ?? SearchWorkspace(count: count)
        lock.unlock()
        defer {
            lock.lock()
            free.append(ws)
            lock.unlock()
        }
        return try body(ws)
    }
}
