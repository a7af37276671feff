import Foundation

/// Thread-safe result slots, one per work index, filled by parallel workers.
final class Slots<Value: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private var done = 0
    private var storage: [Value?]

    init(count: Int) { storage = Array(repeating: nil, count: count) }

    /// The values stored so far (nil where none yet). Read it after the workers finish.
    var values: [Value?] {
        lock.lock(); defer { lock.unlock() }
        return storage
    }

    /// Stores slot `i`'s value; returns how many slots are filled.
    func store(_ i: Int, _ value: Value) -> Int {
        lock.lock(); defer { lock.unlock() }
        storage[i] = value
        done += 1
        return done
    }
}

/// A thread-safe counter handing out 0..<limit once each.
final class Counter: @unchecked Sendable {
    private let lock = NSLock()
    private var cursor = 0
    let limit: Int

    init(limit: Int) { self.limit = limit }

    func next() -> Int? {
        lock.lock(); defer { lock.unlock() }
        guard cursor < limit else { return nil }
        cursor += 1
        return cursor - 1
    }
}
