import Foundation

/// Per-thread scratch space for one approximate query: a max-priority queue of tree nodes, the candidate
/// list and a generation-stamped "seen" array (so deduplicating candidates never clears `count` flags).
///
/// Storage is raw pointers rather than arrays: a class's array properties pay a dynamic exclusivity
/// check and a uniqueness check on every mutation, which cost more than the search itself.
final class SearchWorkspace {
    private(set) var queueKeys: UnsafeMutablePointer<Float>
    private(set) var queueNodes: UnsafeMutablePointer<Int32>
    private(set) var queueCount = 0
    private var queueCapacity = 256
    private(set) var candidates: UnsafeMutablePointer<Int32>
    private(set) var candidateCount = 0
    private var candidateCapacity = 1024
    private let stamps: UnsafeMutablePointer<UInt32>
    private let stampCount: Int
    private var generation: UInt32 = 0
    var scratch: [Float] = []

    init(count: Int) {
        stampCount = max(1, count)
        stamps = .allocate(capacity: stampCount)
        stamps.initialize(repeating: 0, count: stampCount)
        queueKeys = .allocate(capacity: queueCapacity)
        queueNodes = .allocate(capacity: queueCapacity)
        candidates = .allocate(capacity: candidateCapacity)
    }

    deinit {
        stamps.deallocate()
        queueKeys.deallocate()
        queueNodes.deallocate()
        candidates.deallocate()
    }

    /// The distinct candidates collected since the last `reset`.
    var candidateList: UnsafeBufferPointer<Int32> { UnsafeBufferPointer(start: candidates, count: candidateCount) }

    /// Starts a new query: forgets all seen items in O(1) (amortised).
    func reset() {
        candidateCount = 0
        queueCount = 0
        generation &+= 1
        if generation == 0 {
            stamps.update(repeating: 0, count: stampCount)
            generation = 1
        }
    }

    /// Adds `item` (must be < count) to the candidates unless already seen in this query.
    @inline(__always)
    func offer(_ item: Int32) {
        let i = Int(item)
        guard stamps[i] != generation else { return }
        stamps[i] = generation
        if candidateCount == candidateCapacity {
            let bigger = UnsafeMutablePointer<Int32>.allocate(capacity: candidateCapacity * 2)
            bigger.moveInitialize(from: candidates, count: candidateCount)
            candidates.deallocate()
            candidates = bigger
            candidateCapacity *= 2
        }
        candidates[candidateCount] = item
        candidateCount += 1
    }

    @inline(__always)
    func push(_ key: Float, _ node: Int32) {
        if queueCount == queueCapacity {
            let k = UnsafeMutablePointer<Float>.allocate(capacity: queueCapacity * 2)
            let n = UnsafeMutablePointer<Int32>.allocate(capacity: queueCapacity * 2)
            k.moveInitialize(from: queueKeys, count: queueCount)
            n.moveInitialize(from: queueNodes, count: queueCount)
            queueKeys.deallocate()
            queueNodes.deallocate()
            queueKeys = k
            queueNodes = n
            queueCapacity *= 2
        }
        let keys = queueKeys, nodes = queueNodes
        var c = queueCount
        queueCount += 1
        while c > 0 {
            let p = (c - 1) >> 1
            guard key > keys[p] else { break }
            keys[c] = keys[p]
            nodes[c] = nodes[p]
            c = p
        }
        keys[c] = key
        nodes[c] = node
    }

    /// Removes and returns the entry with the largest key.
    @inline(__always)
    func pop() -> (key: Float, node: Int32)? {
        guard queueCount > 0 else { return nil }
        let keys = queueKeys, nodes = queueNodes
        let top = (keys[0], nodes[0])
        queueCount -= 1
        let n = queueCount
        guard n > 0 else { return top }
        let key = keys[n], node = nodes[n]
        var p = 0
        while true {
            var m = 2 * p + 1
            if m >= n { break }
            if m + 1 < n && keys[m + 1] > keys[m] { m += 1 }
            guard keys[m] > key else { break }
            keys[p] = keys[m]
            nodes[p] = nodes[m]
            p = m
        }
        keys[p] = key
        nodes[p] = node
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
