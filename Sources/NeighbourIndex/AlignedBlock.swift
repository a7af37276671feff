#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Owned, 64-byte-aligned, zero-initialised raw memory: one section of a built ``IndexImage`` or the
/// values of a ``VectorSet``. An index build hands a set's block to its image as the vector section,
/// so the vectors are never copied between the set, the index and the image (at 100,000 × 364 Floats
/// each copy is 146 MB).
///
/// Written only while its builder holds the sole reference; read-only once an image owns it.
///
/// Blocks of ``mappedFrom`` bytes or more are anonymous mappings of their own: their zero pages
/// cost no memory until written (a set filled row by row grows as it fills, instead of being
/// zeroed whole up front: 158 MB at once for 100,000 × 394 Floats), and they go back to the
/// system the moment the block is freed.
final class AlignedBlock: @unchecked Sendable {
    let base: UnsafeMutableRawPointer
    let byteCount: Int
    /// Whether `base` is a mapping of its own (``mappedFrom``), unmapped in `deinit`.
    private let mapped: Bool

    static let alignment = 64
    /// Size from which a block is a mapping of its own (pages are at least 4 KiB: 64-byte aligned).
    static let mappedFrom = 1 << 20

    /// `byteCount` zero bytes.
    init(byteCount: Int) {
        self.byteCount = byteCount
        if byteCount >= Self.mappedFrom, let pages = Self.map(byteCount) {
            base = pages
            mapped = true
        } else {
            base = UnsafeMutableRawPointer.allocate(byteCount: max(byteCount, 1), alignment: Self.alignment)
            base.initializeMemory(as: UInt8.self, repeating: 0, count: max(byteCount, 1))
            mapped = false
        }
    }

    /// A private anonymous mapping of `byteCount` zero bytes, or nil when the system refuses (the
    /// heap is used instead).
    private static func map(_ byteCount: Int) -> UnsafeMutableRawPointer? {
        #if canImport(Glibc) || canImport(Darwin)
        let p: UnsafeMutableRawPointer? = mmap(nil, byteCount, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0)
        guard let p, p != UnsafeMutableRawPointer(bitPattern: -1) else { return nil } // MAP_FAILED
        return p
        #else
        return nil
        #endif
    }

    /// A block of `count` elements of `T`, filled by `fill` (which gets every element, zeroed).
    convenience init<T: BitwiseCopyable>(count: Int, of type: T.Type, fill: (UnsafeMutableBufferPointer<T>) throws -> Void) rethrows {
        self.init(byteCount: count * MemoryLayout<T>.stride)
        try fill(UnsafeMutableBufferPointer(start: base.assumingMemoryBound(to: T.self), count: count))
    }

    /// A copy of `array`'s elements (trivial types only: their bytes are copied).
    convenience init<T>(copying array: [T]) {
        assert(_isPOD(T.self), "AlignedBlock holds trivial elements only")
        self.init(byteCount: array.count * MemoryLayout<T>.stride)
        array.withUnsafeBytes { if let b = $0.baseAddress, $0.count > 0 { base.copyMemory(from: b, byteCount: $0.count) } }
    }

    /// A new block with the same bytes.
    func copied() -> AlignedBlock {
        let out = AlignedBlock(byteCount: byteCount)
        out.base.copyMemory(from: base, byteCount: byteCount)
        return out
    }

    deinit {
        #if canImport(Glibc) || canImport(Darwin)
        if mapped {
            munmap(base, byteCount)
            return
        }
        #endif
        base.deallocate()
    }

    var bytes: UnsafeRawBufferPointer { UnsafeRawBufferPointer(start: base, count: byteCount) }

    /// The elements as `T`. The pointer is valid only while the block is alive: keep a reference
    /// (a stored property, a local used later) or use ``array(of:)``.
    func elements<T>(as type: T.Type) -> UnsafeMutableBufferPointer<T> {
        UnsafeMutableBufferPointer(start: base.assumingMemoryBound(to: T.self), count: byteCount / MemoryLayout<T>.stride)
    }

    /// A copy of the elements as `T`.
    func array<T>(of type: T.Type) -> [T] {
        withExtendedLifetime(self) { Array(elements(as: T.self)) }
    }
}
