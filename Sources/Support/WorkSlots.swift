import Foundation

/// Thread-safe result slots, one per work index, filled by parallel workers.
public final class Slots<Value: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private var done = 0
    private var storage: [Value?]

    public init(count: Int) { storage = Array(repeating: nil, count: count) }

    /// The values stored so far (nil where none yet). Read it after the workers finish.
    public var values: [Value?] {
        lock.lock(); defer { lock.unlock() }
        return storage
    }

    /// Stores slot `i`'s value; returns how many slots are filled.
    @discardableResult
    public func store(_ i: Int, _ value: Value) -> Int {
        lock.lock(); defer { lock.unlock() }
        storage[i] = value
        done += 1
        return done
    }
}

/// A thread-safe counter handing out 0..<limit once each.
public final class Counter: @unchecked Sendable {
    private let lock = NSLock()
    private var cursor = 0
    public let limit: Int

    public init(limit: Int) { self.limit = limit }

    public func next() -> Int? {
        lock.lock(); defer { lock.unlock() }
        guard cursor < limit else { return nil }
        cursor += 1
        return cursor - 1
    }
}

/// The error of the lowest position among parallel workers.
public final class FirstFailure: @unchecked Sendable {
    private let lock = NSLock()
    private var position = Int.max
    private var stored: Error?

    public init() {}

    public var happened: Bool { lock.withLock { stored != nil } }
    public var error: Error? { lock.withLock { stored } }

    public func record(_ error: Error, at position: Int) {
        lock.withLock {
            if position < self.position {
                self.position = position
                stored = error
            }
        }
    }
}
