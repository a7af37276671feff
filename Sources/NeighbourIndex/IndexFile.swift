#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reading and writing index files (layout: `IndexHeader`, then 64-byte aligned payload sections).
///
/// Loading maps the file read-only with `mmap` and searches it in place. The header is always checked
/// (magic, version, header checksum, declared length vs real length, section bounds, the caller's
/// expected metric and dimension). Checking the payload checksum reads every byte, which is O(size):
/// `Verification.full` (the default; ~0.1 s per 100 MB) does it on load, `.headerOnly` skips it for O(1)
/// loading — searches still bounds-check every stored node and item id, so a damaged payload yields
/// wrong neighbours, never a crash — and `verify(_:)` checks a loaded index later.
public enum IndexFile {
    /// How much of a file `load` checks.
    public enum Verification: Sendable {
        /// Header and the payload checksum (reads the whole file once).
        case full
        /// Header only: O(1) load.
        case headerOnly
    }

    /// Writes `index` to `path` atomically (a temporary file in the same folder, fsync, rename).
    /// - Throws: `IndexError.io` on any file-system failure.
    public static func write(_ index: any NeighbourSearcher, to path: String) throws {
        let tmp = path + ".tmp-\(getpid())"
        let fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        guard fd >= 0 else { throw IndexError.io(path: path, message: "cannot create \(tmp): \(errnoText())") }
        do {
            try index.image.forEachChunk { try writeAll(fd, $0, path: path) }
        } catch {
            close(fd)
            unlink(tmp)
            throw error
        }
        guard fsync(fd) == 0, close(fd) == 0 else {
            unlink(tmp)
            throw IndexError.io(path: path, message: "cannot flush \(tmp): \(errnoText())")
        }
        guard rename(tmp, path) == 0 else {
            let msg = errnoText()
            unlink(tmp)
            throw IndexError.io(path: path, message: "cannot rename into place: \(msg)")
        }
    }

    /// Maps the index at `path` and returns a searcher over it (`ExactIndex`, `ForestIndex` or `LSHIndex`).
    /// - Parameters:
    ///   - metric, dimension: when given, a file with another metric or dimension is refused.
    ///   - verification: see `Verification`.
    /// - Throws: `IndexError.io`, `.badMagic`, `.unsupportedVersion`, `.truncated`, `.corrupted`,
    ///   `.metricMismatch`, `.dimensionMismatch`.
    public static func load(
        _ path: String, metric: Metric? = nil, dimension: Int? = nil, verification: Verification = .full
    ) throws -> any NeighbourSearcher {
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else { throw IndexError.io(path: path, message: "cannot open: \(errnoText())") }
        defer { close(fd) }
        var st = stat()
        guard fstat(fd, &st) == 0 else { throw IndexError.io(path: path, message: "cannot stat: \(errnoText())") }
        let size = Int(st.st_size)
        guard size > 0 else { throw IndexError.badMagic(path: path) }
        guard let map = mmap(nil, size, PROT_READ, MAP_PRIVATE, fd, 0), map != MAP_FAILED else {
            throw IndexError.io(path: path, message: "cannot map: \(errnoText())")
        }
        let header: IndexHeader
        do {
            header = try IndexHeader.decode(UnsafeRawPointer(map), fileSize: size, path: path)
        } catch {
            munmap(map, size)
            throw error
        }
        let image = IndexImage(mapped: UnsafeRawPointer(map), length: size, header: header)
        if let m = metric, m != header.metric {
            throw IndexError.metricMismatch(path: path, stored: header.metric, expected: m)
        }
        if let d = dimension, d != Int(header.dimension) {
            throw IndexError.dimensionMismatch(path: path, stored: Int(header.dimension), expected: d)
        }
        try checkShape(header, path: path)
        if verification == .full { try verify(image, path: path) }
        switch header.kind {
        case .exact: return ExactIndex(image: image)
        case .forest: return ForestIndex(image: image)
        case .lsh: return LSHIndex(image: image)
        }
    }

    /// Checks the payload checksum of an index image (O(size)).
    /// - Throws: `IndexError.corrupted` when it does not match.
    public static func verify(_ image: IndexImage, path: String = "index") throws {
        guard image.computePayloadChecksum() == image.header.payloadChecksum else {
            throw IndexError.corrupted(path: path, detail: "payload checksum mismatch")
        }
    }

    /// Section sizes must match what the header's kind, count and dimension imply.
    static func checkShape(_ h: IndexHeader, path: String) throws {
        let n = h.count, d = h.dimension
        func need(_ cond: Bool, _ what: String) throws {
            if !cond { throw IndexError.corrupted(path: path, detail: what) }
        }
        let expectedSections: Int
        switch h.kind {
        case .exact: expectedSections = 1
        case .forest: expectedSections = ForestSection.items.rawValue + 1
        case .lsh: expectedSections = LSHSection.items.rawValue + 1
        }
        try need(h.sections.count == expectedSections, "wrong number of sections")
        try need(n < 1 << 40 && h.parameters.0 < 1 << 24 && h.parameters.1 < 1 << 40 && h.parameters.2 < 1 << 40,
                 "count or parameters out of range")
        try need(Double(max(h.parameters.0, 1)) * Double(max(h.parameters.1, 1)) * Double(n + 1) * Double(d) * 8 < 9e18,
                 "sizes out of range")
        try need(h.section(ExactSection.vectors).length == n * d * 4, "vector section size")
        switch h.kind {
        case .exact: break
        case .forest:
            let trees = h.parameters.0
            try need(trees >= 1 && h.section(ForestSection.roots).length == trees * 4, "forest roots size")
            try need(h.section(ForestSection.items).length == trees * n * 4, "forest items size")
            try need(h.section(ForestSection.planes).length == h.section(ForestSection.offsets).length * d, "forest planes size")
            try need(h.section(ForestSection.children).length == h.section(ForestSection.offsets).length * 2, "forest children size")
        case .lsh:
            let tables = h.parameters.0, bits = h.parameters.1
            try need(tables >= 1 && bits >= 1 && bits <= 64, "lsh parameters")
            try need(h.section(LSHSection.planes).length == tables * bits * d * 4, "lsh planes size")
            try need(h.section(LSHSection.planeOffsets).length == tables * bits * 4, "lsh offsets size")
            try need(h.section(LSHSection.codes).length == tables * n * 8, "lsh codes size")
            try need(h.section(LSHSection.items).length == tables * n * 4, "lsh items size")
        }
    }

    /// Writes every byte of `chunk` to `fd` (retrying short writes).
    private static func writeAll(_ fd: Int32, _ chunk: UnsafeRawBufferPointer, path: String) throws {
        guard let base = chunk.baseAddress else { return }
        var written = 0
        while written < chunk.count {
            let r = Glibc_write(fd, base + written, chunk.count - written)
            guard r >= 0 else { throw IndexError.io(path: path, message: "write failed: \(errnoText())") }
            written += r
        }
    }

    private static func errnoText() -> String { String(cString: strerror(errno)) }
}

@inline(__always)
private func Glibc_write(_ fd: Int32, _ p: UnsafeRawPointer, _ n: Int) -> Int {
    #if canImport(Glibc)
    return Glibc.write(fd, p, n)
    #else
    return Darwin.write(fd, p, n)
    #endif
}
