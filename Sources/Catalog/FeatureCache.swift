import AudioIO
import Features
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Per-file feature cache: one file per (content hash, extraction parameters) in a folder.
///
/// Entry layout: `BBCACHE3` magic, 8-byte little-endian FNV-1a checksum of the payload, then the
/// payload (``CacheCodec`` binary encoding of ``Entry``). A damaged, truncated or foreign entry fails the check and
/// is recomputed, never trusted. Entries are written atomically (temporary file + rename), so an
/// interrupted build (Ctrl-C, kill -9) leaves only whole entries behind.
///
/// A small `paths.json` maps absolute path → (size, mtime, ctime, inode, content hash) so an
/// unchanged file is not re-read to be hashed; any change of those re-hashes (a rename or a
/// copy with preserved times still changes the inode or ctime). Absolute paths keep two
/// datasets that share a `--cache` folder apart.
public final class FeatureCache: @unchecked Sendable {
    public struct Entry: Codable, Sendable {
        public var features: TrackFeatures
        public var tags: AudioTags
        public var sourceRate: Int
        public var channels: Int
        public var container: String
        /// The whole file's duration in seconds (the analysed part may be shorter).
        public var fileDuration: Double
    }

    struct PathRecord: Codable, Equatable {
        var size: Int64
        var mtime: Double
        var ctime: Double
        var inode: UInt64
        var hash: String

        /// Whether the file's metadata is unchanged since `self` was recorded.
        func matches(_ other: PathRecord) -> Bool {
            size == other.size && mtime == other.mtime && ctime == other.ctime && inode == other.inode
        }
    }

    public let directory: URL
    let parametersKey: String
    private let lock = NSLock()
    private var paths: [String: PathRecord]
    private static let magic = Array("BBCACHE3".utf8)

    /// - Parameter parametersKey: identifies the extraction parameters (and their version).
    public init(directory: URL, parametersKey: String) {
        self.directory = directory
        self.parametersKey = parametersKey
        try? FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let index = directory.appendingPathComponent("paths.json")
        paths = (try? JSONDecoder().decode([String: PathRecord].self, from: Data(contentsOf: index))) ?? [:]
    }

    /// The content hash of the file at `path`, recorded under `key` (its absolute path with
    /// links resolved); the recorded hash is reused while size, mtime, ctime and inode match.
    public func contentHash(of key: String, reading path: String) throws -> String {
        var info = stat()
        guard stat(path, &info) == 0 else {
            throw CocoaError(.fileReadNoSuchFile, userInfo: [NSFilePathErrorKey: path,
                             NSLocalizedDescriptionKey: "cannot read \(path): \(String(cString: strerror(errno)))"])
        }
        func seconds(_ t: timespec) -> Double { Double(t.tv_sec) + Double(t.tv_nsec) / 1e9 }
        var record = PathRecord(size: Int64(info.st_size), mtime: seconds(info.st_mtim), ctime: seconds(info.st_ctim),
                                inode: UInt64(info.st_ino), hash: "")
        lock.lock()
        let known = paths[key]
        lock.unlock()
        if let known, known.matches(record) { return known.hash }
        record.hash = ContentHash.hex(try ContentHash.of(path: path))
        lock.lock()
        paths[key] = record
        lock.unlock()
        return record.hash
    }

    func url(for hash: String) -> URL {
        directory.appendingPathComponent("\(hash)-\(parametersKey).bin")
    }

    /// The cached entry, or nil when absent or damaged (a damaged entry is removed).
    public func load(hash: String) -> Entry? {
        let url = url(for: hash)
        guard let data = try? Data(contentsOf: url) else { return nil }
        guard data.count > 16, Array(data.prefix(8)) == Self.magic else {
            try? FileManager.default.removeItem(at: url)
            return nil
        }
        let stored = data.subdata(in: 8..<16).withUnsafeBytes { UInt64(littleEndian: $0.loadUnaligned(as: UInt64.self)) }
        let payload = data.subdata(in: 16..<data.count)
        guard TrackID.fnv1a64(Array(payload)) == stored,
              let entry = try? CacheCodec.decode(payload) else {
            try? FileManager.default.removeItem(at: url)
            return nil
        }
        return entry
    }

    /// Stores `entry` atomically.
    public func store(_ entry: Entry, hash: String) throws {
        let payload = CacheCodec.encode(entry)
        var data = Data(Self.magic)
        var checksum = TrackID.fnv1a64(Array(payload)).littleEndian
        withUnsafeBytes(of: &checksum) { data.append(contentsOf: $0) }
        data.append(payload)
        try AtomicFile.write(data, to: url(for: hash))
    }

    /// Forgets the paths inside `root` (a dataset folder, absolute) that are not in `keep`
    /// (absolute paths of its current files) and writes the path index atomically. Paths of
    /// other datasets sharing the cache are kept.
    public func savePathIndex(root: String, keeping keep: Set<String>) throws {
        let prefix = root.hasSuffix("/") ? root : root + "/"
        lock.lock()
        paths = paths.filter { keep.contains($0.key) || !$0.key.hasPrefix(prefix) }
        let snapshot = paths
        lock.unlock()
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        try AtomicFile.write(try encoder.encode(snapshot), to: directory.appendingPathComponent("paths.json"))
    }
}
