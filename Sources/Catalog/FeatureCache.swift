import AudioIO
import Features
import Foundation

/// Per-file feature cache: one file per (content hash, extraction parameters) in a folder.
///
/// Entry layout: `BBCACHE3` magic, 8-byte little-endian FNV-1a checksum of the payload, then the
/// payload (``CacheCodec`` binary encoding of ``Entry``). A damaged, truncated or foreign entry fails the check and
/// is recomputed, never trusted. Entries are written atomically (temporary file + rename), so an
/// interrupted build (Ctrl-C, kill -9) leaves only whole entries behind.
///
/// A small `paths.json` maps absolute path → (size, mtime, content hash) so an unchanged file
/// is not re-read to be hashed; a changed size or mtime always re-hashes. Absolute paths keep
/// two datasets that share a `--cache` folder apart; the index as it was before this build
/// also tells which content each path had last time (``previousHash(of:)``).
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

    struct PathRecord: Codable {
        var size: Int64
        var mtime: Double
        var hash: String
    }

    public let directory: URL
    let parametersKey: String
    private let lock = NSLock()
    private var paths: [String: PathRecord]
    /// The path index as loaded, before this build changed it.
    private let previous: [String: PathRecord]
    private static let magic = Array("BBCACHE3".utf8)

    /// - Parameter parametersKey: identifies the extraction parameters (and their version).
    public init(directory: URL, parametersKey: String) {
        self.directory = directory
        self.parametersKey = parametersKey
        try? FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let index = directory.appendingPathComponent("paths.json")
        paths = (try? JSONDecoder().decode([String: PathRecord].self, from: Data(contentsOf: index))) ?? [:]
        previous = paths
    }

    /// The content hash `absolutePath` had when the index was last saved (the previous build),
    /// nil when unknown.
    public func previousHash(of absolutePath: String) -> String? {
        previous[absolutePath]?.hash
    }

    /// The content hash of `absolutePath`, reusing the recorded one when size and mtime match.
    public func contentHash(of absolutePath: String) throws -> String {
        let attributes = try FileManager.default.attributesOfItem(atPath: absolutePath)
        let size = (attributes[.size] as? NSNumber)?.int64Value ?? -1
        let mtime = (attributes[.modificationDate] as? Date)?.timeIntervalSince1970 ?? 0
        lock.lock()
        let known = paths[absolutePath]
        lock.unlock()
        if let known, known.size == size, known.mtime == mtime { return known.hash }
        let hash = ContentHash.hex(try ContentHash.of(path: absolutePath))
        lock.lock()
        paths[absolutePath] = PathRecord(size: size, mtime: mtime, hash: hash)
        lock.unlock()
        return hash
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
