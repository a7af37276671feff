/// Owned, 64-byte-aligned, zero-initialised raw memory: one section of a built ``IndexImage`` or the
/// values of a ``VectorSet``. An index build hands a set's block to its image as the vector section,
/// so the vectors are never copied between the set, the index and the image (at 100,000 × 364 Floats
/// each copy is 146 MB).
///
/// Written only while its builder holds the sole reference; read-only once an image owns it.
final class AlignedBlock: @unchecked Sendable {
    let base: UnsafeMutableRawPointer
    let byteCount: Int

    static let alignment = 64

    /// `byteCount` zero bytes.
    init(byteCount: Int) {
        self.byteCount = byteCount
        base = UnsafeMutableRawPointer.allocate(byteCount: max(byteCount, 1), alignment: Self.alignment)
        base.initializeMemory(as: UInt8.self, repeating: 0, count: max(byteCount, 1))
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

    deinit { base.deallocate() }

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
