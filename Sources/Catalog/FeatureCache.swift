import AudioIO
import Features
import Foundation
import Support
#if canImport(Glibc)
import Glibc
#endif

/// Per-file feature cache: one file per (content, extraction parameters) in a folder.
///
/// Entries are named `<SHA-256 of the audio file>-<parameters key>.bin`. Layout: the magic
/// `BBCACHE5`, the 32-byte SHA-256 of everything after it, then the key the entry claims
/// (length-prefixed `<content hash>-<parameters key>`) and the ``CacheCodec`` payload. An entry is
/// used only when its checksum holds and the key inside is the one asked for, so a damaged,
/// truncated, swapped or renamed entry is recomputed, never trusted. Entries are written
/// atomically (temporary file + rename), so an interrupted build (Ctrl-C, kill -9) leaves only
/// whole entries behind.
///
/// A small `paths.json` maps absolute path → (size, mtime, ctime, inode, content hash) so an
/// unchanged file is not re-read to be hashed; any change of those re-hashes (a rename or a
/// copy with preserved times still changes the inode or ctime, which no user can set).
/// Absolute paths keep two datasets that share a `--cache` folder apart. The index carries its
/// own SHA-256 (a damaged or hand-edited index is dropped whole, so every file is hashed again),
/// and builds sharing the cache merge it under an advisory lock (`flock` on `.lock`) instead of
/// overwriting each other's records.
///
/// The cache folder is trusted like a `.git` folder: whoever can write there can write entries
/// with valid checksums. The checksums guard against damage, mix-ups and stale data, not against
/// an attacker who owns the cache.
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

    /// A file's identity when it was hashed, and its content hash.
    public struct PathRecord: Codable, Equatable, Sendable {
        var size: Int64
        var mtime: Double
        var ctime: Double
        var inode: UInt64
        public var hash: String

        /// Whether the file's metadata is unchanged since `self` was recorded.
        func matches(_ other: PathRecord) -> Bool {
            size == other.size && mtime == other.mtime && ctime == other.ctime && inode == other.inode
        }

        /// The metadata of `path` now (hash empty); nil when it cannot be read.
        static func current(_ path: String) -> PathRecord? {
            Platform.status(path).map { PathRecord(size: $0.size, mtime: $0.mtime, ctime: $0.ctime, inode: $0.inode, hash: "") }
        }
    }

    public let directory: URL
    /// Caches of other machines or shards (`build --cache-from`), read after this one and never
    /// written: an entry found there is checked like one of ours and copied here.
    public var fallbacks: [URL] = []
    let parametersKey: String
    let lock = NSLock()
    private var paths: [String: PathRecord]
    static let magic = Array("BBCACHE5".utf8)
    static let pathIndexName = "paths.json"
    static let pathIndexMagic = "BBPATHS2 "
    /// When this cache was opened: pruning leaves entries written since (by this build or by
    /// another one sharing the folder).
    let opened = Date()

    /// - Parameter parametersKey: identifies the extraction parameters (and their version).
    /// - Throws: ``CatalogError`` (`.cache`) when the folder cannot be created (for example, a file has its name).
    /// - Parameter create: make the folder when missing (false: a missing folder is an error).
    public init(directory: URL, parametersKey: String, create: Bool = true) throws {
        self.directory = directory
        self.parametersKey = parametersKey
        if !create {
            var isDir: ObjCBool = false
            guard FileManager.default.fileExists(atPath: directory.path, isDirectory: &isDir), isDir.boolValue else {
                throw CatalogError(.cache, path: directory.path, "no feature cache folder")
            }
        }
        do { try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true) } catch {
            throw CatalogError(.cache, path: directory.path, "cannot be used as the feature cache folder (\(ErrorText.line(error)))")
        }
        let index = Self.readPathIndex(directory)
        paths = index ?? [:]
        indexWasReadable = index != nil
    }

    /// Whether a trustworthy path index was there when the cache was opened. Without one, the
    /// records of other datasets sharing the folder are unknown, so nothing is pruned.
    let indexWasReadable: Bool

    /// The path index in `directory`; nil when missing, damaged or edited (its checksum fails).
    static func readPathIndex(_ directory: URL) -> [String: PathRecord]? {
        guard let data = try? Data(contentsOf: directory.appendingPathComponent(pathIndexName)),
              let newline = data.firstIndex(of: 0x0A) else { return nil }
        let header = String(decoding: data[data.startIndex..<newline], as: UTF8.self), body = data[(newline + 1)...]
        guard header == pathIndexMagic + ContentHash.of(bytes: body) else { return nil }
        return try? JSONDecoder().decode([String: PathRecord].self, from: body)
    }

    /// Runs `body` holding the cache folder's advisory lock (shared by builds using the folder).
    func withLock<R>(_ body: () throws -> R) rethrows -> R {
        let fd = open(directory.appendingPathComponent(".lock").path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        if fd >= 0 { _ = flock(fd, LOCK_EX) }
        defer { if fd >= 0 { close(fd) } } // closing releases the lock
        return try body()
    }

    /// Runs `body` holding `.extract.lock` shared: while any `extract` runs on this folder (on any
    /// machine sharing it), no build prunes it (a shard's entries are unreferenced until it ends).
    func whileExtracting<R>(_ body: () throws -> R) rethrows -> R {
        let fd = open(directory.appendingPathComponent(".extract.lock").path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        if fd >= 0 { _ = flock(fd, LOCK_SH) }
        defer { if fd >= 0 { close(fd) } }
        return try body()
    }

    /// Whether no `extract` holds `.extract.lock` now (tried without waiting).
    func noExtractRunning() -> Bool {
        let fd = open(directory.appendingPathComponent(".extract.lock").path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard fd >= 0 else { return true }
        defer { close(fd) }
        return flock(fd, LOCK_EX | LOCK_NB) == 0
    }

    /// The content hash of the file at `path`, recorded under `key` (its absolute path with
    /// links resolved); the recorded hash is reused while size, mtime, ctime and inode match.
    /// - Returns: the record (metadata as read before hashing, and the hash).
    /// - Throws: ``CatalogError`` (`.unreadable`) when the file cannot be read, ``CatalogError`` (`.cache`, `.changed`) when it changed while
    ///   it was being hashed.
    public func contentHash(of key: String, reading path: String) throws -> PathRecord {
        guard var record = PathRecord.current(path) else { throw CatalogError(.unreadable, path: path, String(cString: strerror(errno))) }
        lock.lock()
        let known = paths[key]
        lock.unlock()
        if let known, known.matches(record), ContentHash.isHex(known.hash) { return known }
        record.hash = try ContentHash.of(path: path)
        guard unchanged(record, path: path) else { throw CatalogError.changed(path) }
        lock.lock()
        paths[key] = record
        lock.unlock()
        return record
    }

    /// Whether the file at `path` still has the metadata of `record` (so the bytes read since are
    /// the bytes that were hashed).
    public func unchanged(_ record: PathRecord, path: String) -> Bool {
        PathRecord.current(path).map(record.matches) ?? false
    }

    /// The name an entry of `hash` has, and the key it carries inside.
    func key(for hash: String) -> String { "\(hash)-\(parametersKey)" }

    func url(for hash: String) -> URL {
        directory.appendingPathComponent(key(for: hash) + ".bin")
    }

    /// The cached entry, or nil when absent or not trustworthy (a damaged or misplaced entry is
    /// removed). Looks in ``fallbacks`` after this folder, copying what it finds there here (their
    /// damaged entries are left alone: those folders are not ours).
    public func load(hash: String) -> Entry? {
        let url = url(for: hash)
        if let data = try? Data(contentsOf: url) {
            if let entry = Self.decode(data, key: key(for: hash)) { return entry }
            try? FileManager.default.removeItem(at: url)
        }
        for folder in fallbacks {
            guard let data = try? Data(contentsOf: folder.appendingPathComponent(url.lastPathComponent)),
                  let entry = Self.decode(data, key: key(for: hash)) else { continue }
            try? AtomicFile.write(data, to: url) // a full disk costs a copy next time, not this build
            return entry
        }
        return nil
    }


    /// The bytes of an entry file for `entry` under `key`.
    static func encode(_ entry: Entry, key: String) -> Data {
        var body = ByteWriter()
        body.optionalString(key)
        var payload = body.data
        payload.append(CacheCodec.encode(entry))
        return framed(payload, magic: magic)
    }

    /// The entry in `data` if its checksum holds and it carries `key`; nil otherwise.
    public static func decode(_ data: Data, key: String) -> Entry? {
        guard let (claimed, entry) = decodeClaimed(data), claimed == key else { return nil }
        return entry
    }

    /// The key an entry file claims and its entry, if the checksum holds and the payload decodes;
    /// nil otherwise. Any byte string is safe to pass.
    public static func decodeClaimed(_ data: Data) -> (key: String, entry: Entry)? {
        guard data.count > 40, Array(data.prefix(8)) == magic else { return nil }
        let payload = data.dropFirst(40)
        guard Array(data[data.startIndex + 8 ..< data.startIndex + 40]) == ContentHash.digest(payload) else { return nil }
        var reader = ByteReader(data: Data(payload))
        guard let claimed = try? reader.optionalString(), let entry = try? CacheCodec.decode(reader.remainder()) else { return nil }
        return (claimed, entry)
    }

    /// Entry-file bytes around an arbitrary `payload` (magic and a valid checksum), so a fuzzer can
    /// reach the payload decoder past the checksum.
    public static func frame(payload: Data) -> Data { framed(payload, magic: magic) }

    /// `magic`, the SHA-256 of `payload`, then `payload`: the frame of entries and failure records.
    static func framed(_ payload: Data, magic: [UInt8]) -> Data {
        var data = Data(magic)
        data.append(contentsOf: ContentHash.digest(payload))
        data.append(payload)
        return data
    }

    /// Stores `entry` atomically.
    public func store(_ entry: Entry, hash: String) throws {
        try AtomicFile.write(Self.encode(entry, key: key(for: hash)), to: url(for: hash))
    }

    /// Writes the path index atomically: this build's records for the files of `root` (a dataset
    /// folder, absolute) that are in `keep` (absolute paths of its current files), and the records
    /// of other datasets as the index on disk has them now (another build may have saved since).
    /// With `replacing` false (a shard, which sees only its part of the dataset), the records of
    /// `root`'s other files are kept too.
    public func savePathIndex(root: String, keeping keep: Set<String>, replacing: Bool = true) throws {
        let prefix = root.hasSuffix("/") ? root : root + "/"
        lock.lock()
        let ours = paths.filter { keep.contains($0.key) }
        lock.unlock()
        try withLock {
            var merged = (Self.readPathIndex(directory) ?? [:]).filter { !replacing || !$0.key.hasPrefix(prefix) }
            merged.merge(ours) { _, mine in mine }
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys]
            let body = try encoder.encode(merged)
            var data = Data((Self.pathIndexMagic + ContentHash.of(bytes: body) + "\n").utf8)
            data.append(body)
            try AtomicFile.write(data, to: directory.appendingPathComponent(Self.pathIndexName))
            lock.lock()
            paths = merged
            lock.unlock()
        }
    }
}
