#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The kinds of index a file can hold (raw values are the on-disk codes).
enum StoredKind: UInt32, Sendable {
    case exact = 1
    case forest = 2
    case lsh = 3
}

/// The complete bytes of one index — header followed by 64-byte-aligned payload sections — either in
/// owned heap memory (just built) or in a read-only `mmap` of an index file (just loaded). Searchers read
/// their arrays straight out of these bytes, so a loaded index needs no parsing or copying.
///
/// Safe to share across threads: the bytes are never written after construction.
public final class IndexImage: @unchecked Sendable {
    let base: UnsafeRawPointer
    let byteCount: Int
    let header: IndexHeader
    private let mappedLength: Int  // > 0 when `base` came from mmap

    /// Takes ownership of `heap` (allocated with `UnsafeMutableRawPointer.allocate`).
    init(heap: UnsafeMutableRawPointer, byteCount: Int, header: IndexHeader) {
        self.base = UnsafeRawPointer(heap)
        self.byteCount = byteCount
        self.header = header
        self.mappedLength = 0
    }

    /// Takes ownership of a mapping of `length` bytes.
    init(mapped: UnsafeRawPointer, length: Int, header: IndexHeader) {
        self.base = mapped
        self.byteCount = length
        self.header = header
        self.mappedLength = length
    }

    deinit {
        if mappedLength > 0 {
            munmap(UnsafeMutableRawPointer(mutating: base), mappedLength)
        } else {
            UnsafeMutableRawPointer(mutating: base).deallocate()
        }
    }

    /// The bytes of the whole image (what `IndexFile.write` stores).
    public var bytes: UnsafeRawBufferPointer { UnsafeRawBufferPointer(start: base, count: byteCount) }

    /// Total size in bytes.
    public var size: Int { byteCount }

    func section<T>(_ i: Int, as type: T.Type) -> UnsafePointer<T> {
        (base + Int(header.sections[i].offset)).assumingMemoryBound(to: T.self)
    }

    func sectionCount<T>(_ i: Int, of type: T.Type) -> Int {
        Int(header.sections[i].length) / MemoryLayout<T>.stride
    }

    /// Checksum of the payload (everything after the header), FNV-1a 64 over 8-byte words.
    func computePayloadChecksum() -> UInt64 {
        Checksum.fnv1a64Words(base + IndexHeader.size, byteCount: byteCount - IndexHeader.size)
    }
}

/// A byte range of the payload (offset from the file start, length in bytes).
struct Section: Sendable, Equatable {
    var offset: UInt64
    var length: UInt64
}

/// Anything whose bytes can be copied into a section.
protocol SectionBytes {
    func withSectionBytes<R>(_ body: (UnsafeRawBufferPointer) throws -> R) rethrows -> R
}

extension Array: SectionBytes {
    func withSectionBytes<R>(_ body: (UnsafeRawBufferPointer) throws -> R) rethrows -> R {
        try withUnsafeBytes(body)
    }
}

extension IndexImage {
    /// Lays out `sections` after a header, 64-byte aligned, and computes both checksums.
    /// Payload arrays are stored in host order; `IndexHeader` refuses big-endian hosts, so this is
    /// little-endian on every host that can read or write an image.
    static func assemble(
        metric: Metric, kind: StoredKind, dimension: Int, count: Int,
        parameters: (UInt64, UInt64, UInt64), seed: UInt64, sections: [any SectionBytes]
    ) -> IndexImage {
        var header = IndexHeader(
            metric: metric, kind: kind, dimension: UInt64(dimension), count: UInt64(count),
            parameters: parameters, seed: seed, fileLength: 0, payloadChecksum: 0, sections: [])
        var offset = IndexHeader.size
        var lengths: [Int] = []
        for s in sections {
            let len = s.withSectionBytes { $0.count }
            header.sections.append(Section(offset: UInt64(offset), length: UInt64(len)))
            lengths.append(len)
            offset = (offset + len + 63) & ~63
        }
        let total = offset
        let raw = UnsafeMutableRawPointer.allocate(byteCount: total, alignment: 64)
        raw.initializeMemory(as: UInt8.self, repeating: 0, count: total)
        for (i, s) in sections.enumerated() {
            s.withSectionBytes { src in
                if let b = src.baseAddress, src.count > 0 {
                    (raw + Int(header.sections[i].offset)).copyMemory(from: b, byteCount: src.count)
                }
            }
        }
        header.fileLength = UInt64(total)
        header.payloadChecksum = Checksum.fnv1a64Words(
            UnsafeRawPointer(raw) + IndexHeader.size, byteCount: total - IndexHeader.size)
        header.encode(into: raw)
        return IndexImage(heap: raw, byteCount: total, header: header)
    }
}

/// FNV-1a 64 (Fowler–Noll–Vo), fed 8-byte little-endian words instead of single bytes (8× fewer
/// multiply steps; detects any single-word change). Not cryptographic.
enum Checksum {
    static let offsetBasis: UInt64 = 0xCBF2_9CE4_8422_2325
    static let prime: UInt64 = 0x0000_0100_0000_01B3

    static func fnv1a64Words(_ p: UnsafeRawPointer, byteCount: Int) -> UInt64 {
        var h = offsetBasis
        let words = byteCount / 8
        for w in 0 ..< words {
            h = (h ^ UInt64(littleEndian: p.loadUnaligned(fromByteOffset: w &* 8, as: UInt64.self))) &* prime
        }
        for b in (words * 8) ..< byteCount {
            h = (h ^ UInt64(p.load(fromByteOffset: b, as: UInt8.self))) &* prime
        }
        return h
    }
}
