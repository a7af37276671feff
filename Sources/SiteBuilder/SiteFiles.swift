import Catalog
import Foundation
import Support

/// File-system steps of a site build: folders, atomic writes, clean-up of pages left from an
/// earlier build.
enum SiteFiles {
    static func makeDirectory(_ url: URL) throws {
        do {
            try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        } catch {
            throw SiteError(stage: .write, path: url.path, message: "cannot create folder (\(ErrorText.line(error)))")
        }
    }

    /// Writes `data` to a temporary file beside `url` and renames it into place, so a reader never
    /// sees half a file. No fsync: pages are cheap to regenerate, and syncing each of thousands of
    /// pages cost more than rendering them.
    static func write(_ data: Data, to url: URL) throws {
        let temporary = url.deletingLastPathComponent().appendingPathComponent(".\(url.lastPathComponent).partial")
        let fd = open(temporary.path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        guard fd >= 0 else {
            throw SiteError(stage: .write, path: url.path, message: String(cString: strerror(errno)))
        }
        var failure: Int32 = 0
        data.withUnsafeBytes { (buffer: UnsafeRawBufferPointer) in
            var offset = 0
            while offset < buffer.count, let base = buffer.baseAddress {
                let n = Foundation.write(fd, base + offset, buffer.count - offset)
                if n < 0 {
                    if errno == EINTR { continue }
                    failure = errno
                    return
                }
                offset += n
            }
        }
        if close(fd) != 0 && failure == 0 { failure = errno }
        guard failure == 0 else {
            unlink(temporary.path)
            throw SiteError(stage: .write, path: url.path, message: String(cString: strerror(failure)))
        }
        try rename(temporary, to: url)
    }

    static func write(_ text: String, to url: URL) throws {
        try write(Data(text.utf8), to: url)
    }

    /// `rename(2)`: replaces `target` atomically.
    static func rename(_ source: URL, to target: URL) throws {
        guard Foundation.rename(source.path, target.path) == 0 else {
            throw SiteError(stage: .write, path: target.path, message: String(cString: strerror(errno)))
        }
    }

    /// Creates the shard folders (``CatalogPaths/shard(of:)``) of `ids` inside `folder`.
    static func makeShardFolders(for ids: [String], in folder: URL) throws {
        for shard in Set(ids.map(CatalogPaths.shard(of:))).sorted() {
            try makeDirectory(folder.appendingPathComponent(shard, isDirectory: true))
        }
    }

    /// Deletes the regular files in `folder` and in its shard folders (names of at most two
    /// characters) whose names end in `suffix` and whose output-relative paths (`prefix` + the path
    /// inside `folder`) are not in `keeping`: pages, playlists or clips of tracks that left the
    /// catalog, and those of the flat layout from before sharding. Hidden files, links and deeper
    /// folders stay; a shard folder left empty is removed (`rmdir` never removes one with anything
    /// in it).
    static func removeStale(in folder: URL, keeping: Set<String>, prefix: String, suffix: String = "") throws {
        for name in entries(folder) where !name.hasPrefix(".") {
            let url = folder.appendingPathComponent(name)
            switch kind(url) {
            case S_IFREG:
                if name.hasSuffix(suffix), !keeping.contains(prefix + name) { try remove(url) }
            case S_IFDIR where name.count <= 2:
                for inner in entries(url) where !inner.hasPrefix(".") && inner.hasSuffix(suffix)
                    && !keeping.contains(prefix + name + "/" + inner) && kind(url.appendingPathComponent(inner)) == S_IFREG {
                    try remove(url.appendingPathComponent(inner))
                }
                _ = rmdir(url.path)
            default:
                continue
            }
        }
    }

    /// The file type bits of `url` without following a final link (`lstat`); nil when missing.
    private static func kind(_ url: URL) -> mode_t? {
        var info = stat()
        guard lstat(url.path, &info) == 0 else { return nil }
        return info.st_mode & S_IFMT
    }

    private static func entries(_ folder: URL) -> [String] {
        (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
    }

    private static func remove(_ url: URL) throws {
        do {
            try FileManager.default.removeItem(at: url)
        } catch {
            throw SiteError(stage: .write, path: url.path, message: "cannot remove stale file (\(ErrorText.line(error)))")
        }
    }

    static func exists(_ url: URL) -> Bool {
        FileManager.default.fileExists(atPath: url.path)
    }
}
