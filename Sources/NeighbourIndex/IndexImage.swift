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
/// owned memory, one ``AlignedBlock`` a section (just built), or in a read-only `mmap` of an index file
/// (just loaded). Searchers read their arrays straight out of these bytes, so a loaded index needs no
/// parsing or copying, and a built one adopts its sections' blocks without copying them (see
/// ``assemble(metric:kind:dimension:count:parameters:seed:sections:)``).
///
/// Safe to share across threads: the bytes are never written after construction.
public final class IndexImage: @unchecked Sendable {
    let header: IndexHeader
    let byteCount: Int
    /// Where each of `header.sections` starts in memory.
    private let sectionBases: [UnsafeRawPointer]
    private let storage: Storage

    private enum Storage {
        /// A read-only mapping of a whole file, unmapped on deinit.
        case mapped(base: UnsafeRawPointer, length: Int)
        /// The encoded header and one block a section, freed with the image.
        case blocks(header: AlignedBlock, sections: [AlignedBlock])
    }

    /// Takes ownership of a mapping of `length` bytes.
    init(mapped: UnsafeRawPointer, length: Int, header: IndexHeader) {
        self.header = header
        self.byteCount = length
        sectionBases = header.sections.map { mapped + Int($0.offset) }
        storage = .mapped(base: mapped, length: length)
    }

    /// An image of `sections` laid out as `header` says (its offsets, lengths and checksums must
    /// already describe them).
    private init(header: IndexHeader, sections: [AlignedBlock]) {
        let encoded = AlignedBlock(byteCount: IndexHeader.size)
        header.encode(into: encoded.base)
        self.header = header
        byteCount = Int(header.fileLength)
        sectionBases = sections.map { UnsafeRawPointer($0.base) }
        storage = .blocks(header: encoded, sections: sections)
    }

    deinit {
        if case let .mapped(base, length) = storage { munmap(UnsafeMutableRawPointer(mutating: base), length) }
    }

    /// Total size in bytes (what `IndexFile.write` stores).
    public var size: Int { byteCount }

    /// The image's bytes in file order, as consecutive chunks: the header, then each section followed
    /// by the zero padding up to the next 64-byte boundary.
    func forEachChunk(_ body: (UnsafeRawBufferPointer) throws -> Void) rethrows {
        switch storage {
        case let .mapped(base, length):
            try body(UnsafeRawBufferPointer(start: base, count: length))
        case let .blocks(encoded, sections):
            try body(encoded.bytes)
            try Self.forEachPaddedSection(sections, header: header, body)
        }
    }

    /// Each block's bytes, then the zero padding up to the next section's offset (the last: up to
    /// the header's file length).
    fileprivate static func forEachPaddedSection(_ blocks: [AlignedBlock], header: IndexHeader,
                                                 _ body: (UnsafeRawBufferPointer) throws -> Void) rethrows {
        try withUnsafeTemporaryAllocation(byteCount: AlignedBlock.alignment, alignment: 8) { zeros in
            zeros.initializeMemory(as: UInt8.self, repeating: 0)
            for (i, block) in blocks.enumerated() {
                try body(block.bytes)
                let end = i + 1 < blocks.count ? header.sections[i + 1].offset : header.fileLength
                let gap = Int(end - header.sections[i].offset) - block.byteCount
                if gap > 0 { try body(UnsafeRawBufferPointer(rebasing: zeros[0 ..< gap])) }
            }
        }
    }

    /// A copy of the whole image (for tests and small indexes).
    func serialized() -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(byteCount)
        forEachChunk { out.append(contentsOf: $0) }
        return out
    }

    func section<T>(_ i: Int, as type: T.Type) -> UnsafePointer<T> {
        sectionBases[i].assumingMemoryBound(to: T.self)
    }

    func sectionCount<T>(_ i: Int, of type: T.Type) -> Int {
        Int(header.sections[i].length) / MemoryLayout<T>.stride
    }

    /// Checksum of the payload (everything after the header), FNV-1a 64 over 8-byte words.
    func computePayloadChecksum() -> UInt64 {
        var hasher = Checksum.WordHasher()
        var skip = IndexHeader.size
        forEachChunk { chunk in
            let drop = min(skip, chunk.count)
            skip -= drop
            hasher.feed(UnsafeRawBufferPointer(rebasing: chunk[drop...]))
        }
        return hasher.value
    }
}

/// A byte range of the payload (offset from the file start, length in bytes).
struct Section: Sendable, Equatable {
    var offset: UInt64
    var length: UInt64
}

/// What a section can be built from: an array (copied into a block of its own) or a block (adopted).
protocol SectionBytes {
    func sectionBlock() -> AlignedBlock
}

/// Arrays of trivial elements (Float, Int32, UInt32, UInt64: what index sections hold).
extension Array: SectionBytes {
    func sectionBlock() -> AlignedBlock { AlignedBlock(copying: self) }
}

extension AlignedBlock: SectionBytes {
    func sectionBlock() -> AlignedBlock { self }
}

extension IndexImage {
    /// Lays out `sections` after a header, 64-byte aligned, and computes both checksums. Blocks are
    /// adopted as they are (a caller that hands over its last reference keeps no copy); arrays are
    /// copied one at a time. Payload arrays are stored in host order; `IndexHeader` refuses big-endian
    /// hosts, so this is little-endian on every host that can read or write an image.
    static func assemble(
        metric: Metric, kind: StoredKind, dimension: Int, count: Int,
        parameters: (UInt64, UInt64, UInt64), seed: UInt64, sections: [any SectionBytes]
    ) -> IndexImage {
        var header = IndexHeader(
            metric: metric, kind: kind, dimension: UInt64(dimension), count: UInt64(count),
            parameters: parameters, seed: seed, fileLength: 0, payloadChecksum: 0, sections: [])
        var blocks: [AlignedBlock] = []
        var offset = IndexHeader.size
        for s in sections {
            let block = s.sectionBlock()
            blocks.append(block)
            header.sections.append(Section(offset: UInt64(offset), length: UInt64(block.byteCount)))
            offset = (offset + block.byteCount + 63) & ~63
        }
        header.fileLength = UInt64(offset)
        var hasher = Checksum.WordHasher()
        forEachPaddedSection(blocks, header: header) { hasher.feed($0) }
        header.payloadChecksum = hasher.value
        return IndexImage(header: header, sections: blocks)
    }
}

/// FNV-1a 64 (Fowler–Noll–Vo), fed 8-byte little-endian words instead of single bytes (8× fewer
/// multiply steps; detects any single-word change). Not cryptographic.
enum Checksum {
    static let offsetBasis: UInt64 = 0xCBF2_9CE4_8422_2325
    static let prime: UInt64 = 0x0000_0100_0000_01B3

    static func fnv1a64Words(_ p: UnsafeRawPointer, byteCount: Int) -> UInt64 {
        var hasher = WordHasher()
        hasher.feed(UnsafeRawBufferPointer(start: p, count: byteCount))
        return hasher.value
    }

    /// ``fnv1a64Words(_:byteCount:)`` over bytes fed in chunks of any size: the same value as one
    /// call over their concatenation (whole 8-byte words first, a last partial word byte by byte).
    struct WordHasher {
        private var h = Checksum.offsetBasis
        /// Bytes of an incomplete word, little-endian, and how many.
        private var pending: UInt64 = 0
        private var pendingCount = 0

        mutating func feed(_ bytes: UnsafeRawBufferPointer) {
            var i = 0
            while pendingCount > 0, i < bytes.count { takeByte(bytes[i]); i += 1 }
            guard let base = bytes.baseAddress else { return }
            let words = (bytes.count - i) / 8
            for w in 0 ..< words {
                h = (h ^ UInt64(littleEndian: base.loadUnaligned(fromByteOffset: i &+ w &* 8, as: UInt64.self))) &* Checksum.prime
            }
            i += words * 8
            while i < bytes.count { takeByte(bytes[i]); i += 1 }
        }

        private mutating func takeByte(_ b: UInt8) {
            pending |= UInt64(b) << (8 * UInt64(pendingCount))
            pendingCount += 1
            if pendingCount == 8 {
                h = (h ^ pending) &* Checksum.prime
                pending = 0
                pendingCount = 0
            }
        }

        /// The checksum of everything fed so far.
        var value: UInt64 {
            var out = h
            for b in 0 ..< pendingCount { out = (out ^ ((pending >> (8 * UInt64(b))) & 0xFF)) &* Checksum.prime }
            return out
        }
    }
}
