import Foundation

/// File-system steps of a site build: folders, atomic writes, clean-up of pages left from an
/// earlier build.
enum SiteFiles {
    static func makeDirectory(_ url: URL) throws {
        do {
            try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        } catch {
            throw SiteError(stage: "write", path: url.path, message: "cannot create folder (\(error.localizedDescription))")
        }
    }

    /// Writes `data` to a temporary file beside `url` and renames it into place, so a reader never
    /// sees half a file.
    static func write(_ data: Data, to url: URL) throws {
        do {
            try data.write(to: url, options: .atomic)
        } catch {
            throw SiteError(stage: "write", path: url.path, message: error.localizedDescription)
        }
    }

    static func write(_ text: String, to url: URL) throws {
        try write(Data(text.utf8), to: url)
    }

    /// `rename(2)`: replaces `target` atomically.
    static func rename(_ source: URL, to target: URL) throws {
        guard Foundation.rename(source.path, target.path) == 0 else {
            throw SiteError(stage: "write", path: target.path, message: String(cString: strerror(errno)))
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
                throw SiteError(stage: "write", path: url.path, message: "cannot remove stale file (\(error.localizedDescription))")
            }
        }
    }

    static func exists(_ url: URL) -> Bool {
        FileManager.default.fileExists(atPath: url.path)
    }
}
