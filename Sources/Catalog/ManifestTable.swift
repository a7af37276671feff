import Dispatch
import Foundation
import Support

/// The previous catalog's ``CatalogManifest`` as a build holds it: sorted columns, one path string,
/// one size and one 32-byte checksum a file, instead of a `File` with two strings (at 100,000 tracks
/// with the site, 400,000 files: about 45 MB instead of 116). Lookups are binary searches over the
/// paths in the manifest's order (UTF-8 bytes).
struct ManifestTable: Sendable {
    /// The listed paths, sorted by their UTF-8 bytes.
    let paths: [String]
    /// Listed sizes in bytes (nil for the build report, see ``CatalogManifest/volatileFiles``).
    private let sizes: [Int64?]
    /// Listed SHA-256 checksums (nil for the build report).
    private let checksums: [Digest?]

    /// A SHA-256 held as its 32 bytes (the manifest lists it as 64 lower-case hex digits).
    struct Digest: Hashable, Sendable {
        private let words: (UInt64, UInt64, UInt64, UInt64)

        /// Nil unless `hex` is 64 lower-case hex digits.
        init?(hex: String) {
            guard ContentHash.isHex(hex) else { return nil }
            var w: [UInt64] = []
            var acc: UInt64 = 0
            for (i, c) in hex.utf8.enumerated() {
                acc = acc << 4 | UInt64(c <= 0x39 ? c - 0x30 : c - 0x61 + 10)
                if i % 16 == 15 { w.append(acc); acc = 0 }
            }
            words = (w[0], w[1], w[2], w[3])
        }

        /// The 64 lower-case hex digits.
        var hex: String {
            let bytes = [words.0, words.1, words.2, words.3].flatMap { w in (0..<8).map { UInt8(truncatingIfNeeded: w >> (56 - 8 * $0)) } }
            return ContentHash.hex(bytes)
        }

        static func == (a: Digest, b: Digest) -> Bool { a.words == b.words }
        func hash(into h: inout Hasher) { h.combine(words.0); h.combine(words.1); h.combine(words.2); h.combine(words.3) }
    }

    /// Takes the decoded manifest's files (already validated and sorted by ``CatalogManifest/decode(_:path:)``).
    init(_ manifest: consuming CatalogManifest) {
        let files = manifest.files
        _ = consume manifest
        paths = files.map(\.path)
        sizes = files.map(\.size)
        checksums = files.map { $0.sha256.flatMap(Digest.init(hex:)) }
    }

    var count: Int { paths.count }

    /// The row of `path`, if listed.
    func row(of path: String) -> Int? {
        var low = 0, high = paths.count
        while low < high {
            let mid = (low + high) / 2
            if UTF8Order.precedes(paths[mid], path) { low = mid + 1 } else { high = mid }
        }
        return low < paths.count && paths[low] == path ? low : nil
    }

    /// The manifest's entry of row `r`.
    func file(_ r: Int) -> CatalogManifest.File {
        CatalogManifest.File(path: paths[r], size: sizes[r], sha256: checksums[r]?.hex)
    }

    /// The entry of `path`, if listed.
    func entry(_ path: String) -> CatalogManifest.File? { row(of: path).map(file) }

    /// ``CatalogManifest/verify(_:in:)`` against this table.
    func verify(_ path: String, in folder: URL) throws {
        try CatalogManifest.verify(path, entry: entry(path), in: folder)
    }

    /// The listed files of `folder` that are still as Backbeat wrote them (size and checksum match;
    /// the build report only has to be a regular file), checked on `jobs` threads.
    func intactFiles(in folder: URL, jobs: Int = ProcessInfo.processInfo.activeProcessorCount) -> Set<String> {
        let slots = Slots<Bool>(count: count)
        let next = Counter(limit: count)
        DispatchQueue.concurrentPerform(iterations: max(1, min(jobs, count))) { _ in
            while let i = next.next() { _ = slots.store(i, (try? CatalogManifest.verify(paths[i], entry: file(i), in: folder)) != nil) }
        }
        return Set(zip(paths, slots.values).compactMap { $1 == true ? $0 : nil })
    }

    /// The identities of `paths` (files of this manifest in `folder`) with their entries.
    func identities(of paths: Set<String>, in folder: URL) -> [CatalogManifest.Identity: CatalogManifest.File] {
        var out: [CatalogManifest.Identity: CatalogManifest.File] = [:]
        for path in paths {
            var info = stat()
            guard let entry = entry(path), lstat(folder.filePath(path), &info) == 0 else { continue }
            out[CatalogManifest.Identity(device: UInt64(info.st_dev), inode: UInt64(info.st_ino))] = entry
        }
        return out
    }
}
