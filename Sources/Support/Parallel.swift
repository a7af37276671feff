import Dispatch
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A pointer that may cross into `concurrentPerform` workers; each worker writes disjoint elements.
public struct SharedBuffer<T>: @unchecked Sendable {
    public let base: UnsafeMutablePointer<T>
    public init(base: UnsafeMutablePointer<T>) { self.base = base }
}

/// Chunked data parallelism on `DispatchQueue.concurrentPerform`.
public enum Parallel {
    /// Online processor count (at least 1).
    public static var processorCount: Int {
        max(1, Int(sysconf(Int32(_SC_NPROCESSORS_ONLN))))
    }

    /// Calls `body(range)` for consecutive chunks covering `0..<count`, on up to `threads` threads.
    /// With `threads == 1` everything runs on the calling thread in order.
    public static func forEachChunk(
        _ count: Int, chunkSize: Int, threads: Int = processorCount,
        _ body: @Sendable (Range<Int>) -> Void
    ) {
        guard count > 0 else { return }
        let size = max(1, chunkSize)
        let chunks = (count + size - 1) / size
        if threads <= 1 || chunks == 1 {
            for c in 0 ..< chunks { body(c * size ..< min(count, (c + 1) * size)) }
            return
        }
        DispatchQueue.concurrentPerform(iterations: chunks) { c in
            body(c * size ..< min(count, (c + 1) * size))
        }
    }
}

/// Wraps a value holding read-only pointers so it can be captured by parallel workers.
public struct UnsafeSendable<T>: @unchecked Sendable {
    public let value: T
    public init(_ value: T) { self.value = value }
}
