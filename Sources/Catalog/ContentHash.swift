import Crypto
import Foundation

/// SHA-256 of files and byte strings: the content key of the feature cache and the checksums of
/// the catalog manifest.
///
/// A cryptographic hash, because cache entries are shared between builds (and, with sharded
/// extraction, between machines): a file crafted to collide with another must not inherit its
/// features. swift-crypto runs BoringSSL's SHA-256, which uses the SHA extensions where the CPU
/// has them (about 1.5–2 GB/s on one core here).
public enum ContentHash {
    /// Bytes read per `read(2)` call.
    static let blockSize = 1 << 18

    /// The SHA-256 of the file at `path`, as 64 lower-case hex digits.
    /// - Throws: ``CatalogError`` (`.unreadable`) naming the path and the system's reason when it cannot be read.
    public static func of(path: String) throws -> String {
        let fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK) // never blocks on a FIFO
        guard fd >= 0 else { throw CatalogError(.unreadable, path: path, String(cString: strerror(errno))) }
        defer { close(fd) }
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: blockSize, alignment: 64)
        defer { buffer.deallocate() }
        var hasher = SHA256()
        while true {
            let got = read(fd, buffer.baseAddress, blockSize)
            if got < 0 {
                if errno == EINTR { continue }
                throw CatalogError(.unreadable, path: path, String(cString: strerror(errno)))
            }
            if got == 0 { break }
            hasher.update(bufferPointer: UnsafeRawBufferPointer(rebasing: buffer[0..<got]))
        }
        return hex(hasher.finalize())
    }

    /// The SHA-256 of `bytes`, as 64 lower-case hex digits.
    public static func of<Bytes: DataProtocol>(bytes: Bytes) -> String {
        hex(SHA256.hash(data: bytes))
    }

    /// The raw 32-byte SHA-256 of `bytes`.
    static func digest<Bytes: DataProtocol>(_ bytes: Bytes) -> [UInt8] {
        Array(SHA256.hash(data: bytes))
    }

    /// Whether `text` has the form of a hex SHA-256 (64 lower-case hex digits).
    public static func isHex(_ text: String) -> Bool {
        text.utf8.count == 64 && text.utf8.allSatisfy(isHexDigit)
    }

    /// A lower-case hex digit (`0-9a-f`), as a UTF-8 byte.
    static func isHexDigit(_ c: UInt8) -> Bool { (c >= 0x30 && c <= 0x39) || (c >= 0x61 && c <= 0x66) }

    static func hex<D: Sequence>(_ digest: D) -> String where D.Element == UInt8 {
        let digits = Array("0123456789abcdef".utf8)
        var out: [UInt8] = []
        out.reserveCapacity(64)
        for byte in digest {
            out.append(digits[Int(byte >> 4)])
            out.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Hex string of a 64-bit value, 16 digits (short keys that are not content hashes).
    public static func hex(_ v: UInt64) -> String {
        let s = String(v, radix: 16)
        return String(repeating: "0", count: 16 - s.count) + s
    }
}
