import Foundation

/// Writes files so that readers see the old content or the new, never a part.
public enum AtomicFile {
    /// Writes `data` to a temporary file beside `url`, then renames it into place (no fsync: a power
    /// cut may lose the new file, never leave a part of it).
    /// A symbolic link at `url` is written through (the link stays); a folder, device, pipe or
    /// socket there is refused, never replaced.
    public static func write(_ data: Data, to requested: URL) throws {
        var url = requested
        var info = stat()
        if lstat(url.path, &info) == 0, info.st_mode & S_IFMT == S_IFLNK { url = ResolvedPath.of(url) }
        if stat(url.path, &info) == 0, info.st_mode & S_IFMT != S_IFREG {
            throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: requested.path,
                             NSLocalizedDescriptionKey: "not a regular file (a folder, device or pipe); give the path of a file to write"])
        }
        let dir = url.deletingLastPathComponent() // must exist: a mistyped path never creates folders
        // `.NAME.HOST.PID.RANDOM.tmp`: the host tag lets a cleaner on a shared file system judge the
        // PID only for writers of its own machine.
        let temp = dir.appendingPathComponent(".\(url.lastPathComponent).\(Platform.hostTag).\(ProcessInfo.processInfo.processIdentifier).\(UUID().uuidString.prefix(8)).tmp")
        do {
            do { try data.write(to: temp) } catch {
                // Name the file asked for, not the temporary one, with the system's reason.
                let underlying = (error as NSError).userInfo[NSUnderlyingErrorKey] ?? error
                throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: requested.path, NSUnderlyingErrorKey: underlying])
            }
            guard rename(temp.path, url.path) == 0 else {
                throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: url.path,
                                                               NSLocalizedDescriptionKey: String(cString: strerror(errno))])
            }
        } catch {
            try? FileManager.default.removeItem(at: temp)
            throw error
        }
    }

    public static func write(_ text: String, to url: URL) throws {
        try write(Data(text.utf8), to: url)
    }
}
