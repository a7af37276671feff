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

    /// Deletes the regular files directly in `folder` whose names are not in `keeping`
    /// (pages or clips of tracks that left the catalog). Hidden files stay.
    static func removeStale(in folder: URL, keeping: Set<String>, suffix: String = "") throws {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder.path) else { return }
        for name in names where !name.hasPrefix(".") && name.hasSuffix(suffix) && !keeping.contains(name) {
            let url = folder.appendingPathComponent(name)
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory), !isDirectory.boolValue else { continue }
            do {
                try FileManager.default.removeItem(at: url)
            } catch {
                throw SiteError(stage: .write, path: url.path, message: "cannot remove stale file (\(ErrorText.line(error)))")
            }
        }
    }

    static func exists(_ url: URL) -> Bool {
        FileManager.default.fileExists(atPath: url.path)
    }
}
