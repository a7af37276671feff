import Dispatch
import Foundation

/// Runs `body(i)` for i in 0..<count on all cores, each worker with its own context
/// (e.g. a FeatureExtractor), and returns results in index order.
func parallelMap<Context, Result>(_ count: Int, workers: Int = ProcessInfo.processInfo.activeProcessorCount,
                                  context: () -> Context, _ body: (inout Context, Int) -> Result) -> [Result] {
    let box = ResultBox<Result>(count: count)
    let next = Counter()
    withoutActuallyEscaping(context) { makeContext in
        withoutActuallyEscaping(body) { work in
            let shared = Unchecked((makeContext, work))
            DispatchQueue.concurrentPerform(iterations: max(1, workers)) { _ in
                var ctx = shared.value.0()
                while let i = next.take(below: count) { box.set(i, shared.value.1(&ctx, i)) }
            }
        }
    }
    return box.values.map { $0! }
}

final class ResultBox<T>: @unchecked Sendable {
    private let lock = NSLock()
    private(set) var values: [T?]
    init(count: Int) { values = Array(repeating: nil, count: count) }
    func set(_ i: Int, _ v: T) { lock.lock(); values[i] = v; lock.unlock() }
}

final class Counter: @unchecked Sendable {
    private let lock = NSLock()
    private var value = 0
    func take(below limit: Int) -> Int? {
        lock.lock(); defer { lock.unlock() }
        guard value < limit else { return nil }
        value += 1
        return value - 1
    }
}

struct Unchecked<T>: @unchecked Sendable { let value: T; init(_ v: T) { value = v } }
