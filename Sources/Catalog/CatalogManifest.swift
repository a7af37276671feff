import Dispatch
import Foundation
import Support

/// `backbeat-manifest.json`, at the root of every catalog: the marker that the folder is a
/// Backbeat catalog and the list of every file the build wrote there, with its size and SHA-256.
///
/// - Ownership: a build replaces a folder only when it holds a valid manifest, and then only the
///   files the manifest lists; anything else in the folder (a user's notes, a music folder, the
///   feature cache) is carried over untouched (``OutputStaging``).
/// - Integrity: `query` checks the size and checksum of every data file it reads against the
///   manifest before it trusts it, so a damaged file, or a file copied in from another catalog,
///   is refused with one line instead of answering with the wrong dataset.
///
/// The file is deterministic: paths sorted by their UTF-8 bytes, no dates, so two builds of the
/// same dataset give the same manifest. Only the build report (`data/build.json`), whose date and
/// timings change from build to build, is listed without size and checksum.
///
/// A listed file is Backbeat's only while it still has the listed size and checksum: one a user
/// has edited since is theirs, and is kept like any other file of theirs.
public struct CatalogManifest: Codable, Sendable, Equatable {
    public static let fileName = "backbeat-manifest.json"
    public static let formatName = "backbeat-catalog"
    /// Bumped when this file's meaning changes; other versions are not trusted as markers.
    public static let currentVersion = 1
    /// Listed with neither size nor checksum: the build report holds the build's date and timings,
    /// which differ from build to build (unless `SOURCE_DATE_EPOCH` is set).
    static let volatileFiles: Set<String> = ["data/build.json"]

    public struct File: Codable, Sendable, Equatable {
        /// Relative to the catalog folder, `/`-separated, never `..`.
        public var path: String
        /// In bytes; nil for the build report (see ``volatileFiles``).
        public var size: Int64?
        /// 64 hex digits; nil for the build report.
        public var sha256: String?

        public init(path: String, size: Int64?, sha256: String?) {
            self.path = path
            self.size = size
            self.sha256 = sha256
        }
    }

    public var format: String
    public var manifestVersion: Int
    public var generator: String
    public var files: [File]

    enum CodingKeys: String, CodingKey {
        case format, manifestVersion = "manifest_version", generator, files
    }

    public init(generator: String, files: [File]) {
        format = Self.formatName
        manifestVersion = Self.currentVersion
        self.generator = generator
        self.files = files.sorted { Self.byBytes($0.path, $1.path) }
    }

    /// The file entry for `path`, if listed.
    public func entry(_ path: String) -> File? {
        var low = 0, high = files.count
        while low < high {
            let mid = (low + high) / 2
            if Self.byBytes(files[mid].path, path) { low = mid + 1 } else { high = mid }
        }
        return low < files.count && files[low].path == path ? files[low] : nil
    }

    /// The listed paths, as a set.
    public var paths: Set<String> { Set(files.map(\.path)) }

    /// Whether `path` is a relative path that cannot leave its folder (no `..`, `.`, empty parts,
    /// leading `/` or NUL): what a manifest may list.
    public static func isSafePath(_ path: String) -> Bool { OwnedTree.isSafeRelativePath(path) }

    static func byBytes(_ a: String, _ b: String) -> Bool {
        UTF8Order.precedes(a, b)
    }
}

extension CatalogManifest {
    /// A file's identity on its file system (device and inode): a hard link shares it.
    public struct Identity: Hashable, Sendable {
        var device: UInt64
        var inode: UInt64
    }

    /// Describes every regular file below `folder` (recursively, links not followed), hashing them on
    /// `jobs` threads. The manifest itself and the staging marker are left out. A file that is a hard
    /// link to one of `known` (plots carried over from the previous catalog, checked against its
    /// manifest when the build began) takes that entry's checksum without being read again.
    public static func describe(folder: URL, generator: String, known: [Identity: File] = [:],
                                jobs: Int = ProcessInfo.processInfo.activeProcessorCount) throws -> CatalogManifest {
        let paths = try OwnedTree.regularFiles(in: folder).filter { $0 != fileName && $0 != OutputStaging.marker }
        let slots = Slots<Result<File, any Error>>(count: paths.count)
        let next = Counter(limit: paths.count)
        DispatchQueue.concurrentPerform(iterations: max(1, min(jobs, paths.count))) { _ in
            while let i = next.next() {
                _ = slots.store(i, Result {
                    let path = folder.filePath(paths[i])
                    var info = stat()
                    guard lstat(path, &info) == 0 else { throw CatalogError(.unreadable, path: path, String(cString: strerror(errno))) }
                    if volatileFiles.contains(paths[i]) { return File(path: paths[i], size: nil, sha256: nil) }
                    let identity = Identity(device: UInt64(info.st_dev), inode: UInt64(info.st_ino))
                    if let same = known[identity], same.size == Int64(info.st_size), let sha = same.sha256 {
                        return File(path: paths[i], size: same.size, sha256: sha)
                    }
                    return File(path: paths[i], size: Int64(info.st_size), sha256: try ContentHash.of(path: path))
                })
            }
        }
        return CatalogManifest(generator: generator, files: try slots.values.map { try $0!.get() })
    }

    /// The manifest as deterministic JSON, one file a line.
    public func json() -> String {
        let head = JSONValue.members([("format", .string(format)), ("manifest_version", .integer(manifestVersion)),
                                      ("generator", .string(generator))])
        let lines = files.map { f in
            JSONValue.object([("path", .string(f.path)), ("size", f.size.map { .integer(Int($0)) } ?? .null), ("sha256", .optional(f.sha256))]).text
        }
        return "{" + head + ",\"files\":[" + lines.map { "\n" + $0 }.joined(separator: ",") + "\n]}\n"
    }

    public func write(into folder: URL) throws {
        try AtomicFile.write(json(), to: folder.appendingPathComponent(Self.fileName))
    }

    /// The manifest of the catalog in `folder`: nil when the folder has none.
    /// - Throws: ``CatalogError`` (`.manifest`) when one is there but damaged, of another format or version,
    ///   or lists a path that could leave the folder.
    public static func read(folder: URL) throws -> CatalogManifest? {
        let url = folder.appendingPathComponent(fileName)
        var info = stat()
        guard lstat(url.path, &info) == 0 else { return nil }
        guard info.st_mode & S_IFMT == S_IFREG else { throw CatalogError(.manifest, path: url.path, "not a regular file") }
        guard info.st_size <= 1 << 30 else { throw CatalogError(.manifest, path: url.path, "implausibly large (\(info.st_size) bytes)") }
        let data: Data
        do { data = try Data(contentsOf: url) } catch {
            throw CatalogError(.manifest, path: url.path, "cannot be read (\(ErrorText.line(error)))")
        }
        return try decode(data, path: url.path)
    }

    /// Parses and validates manifest bytes (`path` names them in errors).
    public static func decode(_ data: Data, path: String) throws -> CatalogManifest {
        let manifest: CatalogManifest
        do { manifest = try JSONDecoder().decode(CatalogManifest.self, from: data) } catch {
            throw CatalogError(.manifest, path: path, "not a valid manifest (\(ErrorText.line(error)))")
        }
        guard manifest.format == formatName else { throw CatalogError(.manifest, path: path, "format is not \(formatName)") }
        guard manifest.manifestVersion == currentVersion else {
            throw CatalogError(.manifest, path: path, "manifest version \(manifest.manifestVersion); this backbeat reads version \(currentVersion)")
        }
        var previous: String?
        for file in manifest.files {
            guard OwnedTree.isSafeRelativePath(file.path), file.path != fileName else {
                throw CatalogError(.manifest, path: path, "lists an unsafe path \(JSONText.string(file.path))")
            }
            let volatile = volatileFiles.contains(file.path)
            guard volatile || ((file.size ?? -1) >= 0 && file.sha256.map(ContentHash.isHex) == true) else {
                throw CatalogError(.manifest, path: path, "bad or missing size or checksum for \(JSONText.string(file.path))")
            }
            if let previous, !byBytes(previous, file.path) {
                throw CatalogError(.manifest, path: path, "paths are not sorted or appear twice")
            }
            previous = file.path
        }
        return manifest
    }

    /// Checks that `path` (relative) is listed and that the file in `folder` has the listed size and
    /// checksum.
    /// - Throws: ``CatalogError`` (`.manifest`) saying which of those failed.
    public func verify(_ path: String, in folder: URL) throws {
        try Self.verify(path, entry: entry(path), in: folder)
    }

    /// ``verify(_:in:)`` given `path`'s entry (nil: not listed).
    static func verify(_ path: String, entry: File?, in folder: URL) throws {
        let file = folder.filePath(path)
        guard let entry else {
            throw CatalogError(.manifest, path: file, "not listed in \(Self.fileName): the catalog is incomplete or mixed; rebuild it")
        }
        var info = stat()
        guard lstat(file, &info) == 0, info.st_mode & S_IFMT == S_IFREG else {
            throw CatalogError(.manifest, path: file, "missing or not a regular file; rebuild the catalog")
        }
        if let size = entry.size, Int64(info.st_size) != size {
            throw CatalogError(.manifest, path: file, "size \(info.st_size) bytes, the manifest says \(size): damaged or from another catalog; rebuild it")
        }
        if volatileFiles.contains(path) { return }
        guard let expected = entry.sha256 else {
            throw CatalogError(.manifest, path: file, "the manifest gives no checksum: damaged or from another catalog; rebuild it")
        }
        if try ContentHash.of(path: file) != expected {
            throw CatalogError(.manifest, path: file, "checksum differs from the manifest: damaged or from another catalog; rebuild it")
        }
    }
}
