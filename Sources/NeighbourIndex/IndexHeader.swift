/// The fixed 256-byte header at the start of every index file. All integers little-endian.
///
/// | offset | size | field |
/// |---|---|---|
/// | 0 | 8 | magic `"BBNIDX\r\n"` |
/// | 8 | 4 | format version (1) |
/// | 12 | 4 | metric (1 angular, 2 euclidean) |
/// | 16 | 4 | kind (1 exact, 2 forest, 3 lsh) |
/// | 20 | 4 | section count (≤ 10) |
/// | 24 | 8 | dimension |
/// | 32 | 8 | count |
/// | 40 | 24 | parameters: forest (trees, searchK, leafSize); lsh (tables, bits, probes); exact (0, 0, 0) |
/// | 64 | 8 | seed |
/// | 72 | 8 | file length in bytes |
/// | 80 | 8 | payload checksum (FNV-1a 64 over 8-byte words of bytes 256..<fileLength) |
/// | 88 | 160 | 10 × (section offset, section length) |
/// | 248 | 8 | header checksum (FNV-1a 64 over bytes 0..<248) |
struct IndexHeader: Sendable, Equatable {
    static let size = 256
    static let magic: [UInt8] = Array("BBNIDX\r\n".utf8)
    static let version: UInt32 = 1
    static let maxSections = 10

    var metric: Metric
    var kind: StoredKind
    var dimension: UInt64
    var count: UInt64
    var parameters: (UInt64, UInt64, UInt64)
    var seed: UInt64
    var fileLength: UInt64
    var payloadChecksum: UInt64
    var sections: [Section]

    static func == (a: IndexHeader, b: IndexHeader) -> Bool {
        a.metric == b.metric && a.kind == b.kind && a.dimension == b.dimension && a.count == b.count
            && a.parameters == b.parameters && a.seed == b.seed && a.fileLength == b.fileLength
            && a.payloadChecksum == b.payloadChecksum && a.sections == b.sections
    }

    func encode(into p: UnsafeMutableRawPointer) {
        for (i, b) in Self.magic.enumerated() { p.storeBytes(of: b, toByteOffset: i, as: UInt8.self) }
        func put32(_ v: UInt32, _ o: Int) { p.storeBytes(of: v.littleEndian, toByteOffset: o, as: UInt32.self) }
        func put64(_ v: UInt64, _ o: Int) { p.storeBytes(of: v.littleEndian, toByteOffset: o, as: UInt64.self) }
        put32(Self.version, 8)
        put32(metric.rawValue, 12)
        put32(kind.rawValue, 16)
        put32(UInt32(sections.count), 20)
        put64(dimension, 24)
        put64(count, 32)
        put64(parameters.0, 40)
        put64(parameters.1, 48)
        put64(parameters.2, 56)
        put64(seed, 64)
        put64(fileLength, 72)
        put64(payloadChecksum, 80)
        for i in 0 ..< Self.maxSections {
            let s = i < sections.count ? sections[i] : Section(offset: 0, length: 0)
            put64(s.offset, 88 + 16 * i)
            put64(s.length, 96 + 16 * i)
        }
        put64(Checksum.fnv1a64Words(UnsafeRawPointer(p), byteCount: 248), 248)
    }

    /// Decodes and checks a header; `fileSize` is the real size of the file.
    static func decode(_ p: UnsafeRawPointer, fileSize: Int, path: String) throws -> IndexHeader {
        guard 1.littleEndian == 1 else { throw IndexError.io(path: path, message: "big-endian hosts are not supported") }
        guard fileSize >= 8, (0 ..< 8).allSatisfy({ p.load(fromByteOffset: $0, as: UInt8.self) == magic[$0] }) else {
            throw IndexError.badMagic(path: path)
        }
        guard fileSize >= size else {
            throw IndexError.truncated(path: path, expected: UInt64(size), actual: UInt64(fileSize))
        }
        func get32(_ o: Int) -> UInt32 { UInt32(littleEndian: p.loadUnaligned(fromByteOffset: o, as: UInt32.self)) }
        func get64(_ o: Int) -> UInt64 { UInt64(littleEndian: p.loadUnaligned(fromByteOffset: o, as: UInt64.self)) }
        let version = get32(8)
        guard version == Self.version else { throw IndexError.unsupportedVersion(path: path, version: version) }
        guard Checksum.fnv1a64Words(p, byteCount: 248) == get64(248) else {
            throw IndexError.corrupted(path: path, detail: "header checksum mismatch")
        }
        guard let metric = Metric(rawValue: get32(12)) else {
            throw IndexError.corrupted(path: path, detail: "unknown metric code \(get32(12))")
        }
        guard let kind = StoredKind(rawValue: get32(16)) else {
            throw IndexError.corrupted(path: path, detail: "unknown index kind \(get32(16))")
        }
        let sectionCount = Int(get32(20))
        guard sectionCount <= maxSections else {
            throw IndexError.corrupted(path: path, detail: "section count \(sectionCount)")
        }
        let fileLength = get64(72)
        guard fileLength == UInt64(fileSize) else {
            throw IndexError.truncated(path: path, expected: fileLength, actual: UInt64(fileSize))
        }
        var sections: [Section] = []
        for i in 0 ..< sectionCount {
            let s = Section(offset: get64(88 + 16 * i), length: get64(96 + 16 * i))
            guard s.offset >= UInt64(size), s.offset % 64 == 0, s.offset <= fileLength,
                  s.length <= fileLength - s.offset else {
                throw IndexError.corrupted(path: path, detail: "section \(i) out of bounds")
            }
            sections.append(s)
        }
        let dimension = get64(24)
        guard dimension > 0, dimension < 1 << 24 else {
            throw IndexError.corrupted(path: path, detail: "dimension \(dimension)")
        }
        return IndexHeader(
            metric: metric, kind: kind, dimension: dimension, count: get64(32),
            parameters: (get64(40), get64(48), get64(56)), seed: get64(64), fileLength: fileLength,
            payloadChecksum: get64(80), sections: sections)
    }
}
