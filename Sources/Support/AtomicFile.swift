import Foundation

/// Writes files so that readers see the old content or the new, never a part.
public enum AtomicFile {
    /// Writes `data` to a temporary file beside `url`, then renames it into place (no fsync: a power
    /// cut may lose the new file, never leave a part of it).
    /// A symbolic link at `url` is written through (the link stays); a folder, device, pipe or
    /// socket there is refused, never replaced.
    public static func write(_ data: Data, to requested: URL) throws {
        try publish(requested) { temp in
            do { try data.write(to: temp) } catch {
                // Name the file asked for, not the temporary one, with the system's reason.
                let underlying = (error as NSError).userInfo[NSUnderlyingErrorKey] ?? error
                throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: requested.path, NSUnderlyingErrorKey: underlying])
            }
        }
    }

    public static func write(_ text: String, to url: URL) throws {
        try write(Data(text.utf8), to: url)
    }

    /// Writes a file in pieces: `body` appends to a ``Stream`` (buffered, 1 MiB at a time), and
    /// the file appears at `url` whole when `body` returns, as with ``write(_:to:)-(Data,_)``.
    /// For large tables (a 100,000-track `neighbours.json` is ~0.5 GB), so no string or buffer of the
    /// whole file is ever held in memory. Nothing appears when `body` throws.
    public static func stream(to requested: URL, _ body: (Stream) throws -> Void) throws {
        try publish(requested) { temp in
            let fd = open(temp.path, O_WRONLY | O_CREAT | O_EXCL, 0o644)
            guard fd >= 0 else { throw failure(requested, errno) }
            let stream = Stream(fd: fd, path: requested)
            do {
                try body(stream)
                try stream.flush()
            } catch {
                close(fd)
                throw error
            }
            guard close(fd) == 0 else { throw failure(requested, errno) }
        }
    }

    /// A file being written by ``stream(to:_:)``.
    public final class Stream {
        let fd: Int32
        let path: URL
        private var buffer: [UInt8] = []
        static let capacity = 1 << 20

        init(fd: Int32, path: URL) {
            self.fd = fd
            self.path = path
            buffer.reserveCapacity(Self.capacity)
        }

        /// Appends the UTF-8 bytes of `text`.
        public func write(_ text: String) throws {
            buffer.append(contentsOf: text.utf8)
            if buffer.count >= Self.capacity { try flush() }
        }

        /// Appends raw bytes.
        public func write(bytes: UnsafeRawBufferPointer) throws {
            buffer.append(contentsOf: bytes)
            if buffer.count >= Self.capacity { try flush() }
        }

        func flush() throws {
            try buffer.withUnsafeBytes { raw in
                var offset = 0
                while offset < raw.count, let base = raw.baseAddress {
                    let n = Foundation.write(fd, base + offset, raw.count - offset)
                    if n < 0 {
                        if errno == EINTR { continue }
                        throw failure(path, errno)
                    }
                    offset += n
                }
            }
            buffer.removeAll(keepingCapacity: true)
        }
    }

    /// Checks the target, lets `fill` write a temporary file beside it, then renames that into place;
    /// the temporary file is removed when anything fails.
    private static func publish(_ requested: URL, fill: (URL) throws -> Void) throws {
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
            try fill(temp)
            guard rename(temp.path, url.path) == 0 else { throw failure(url, errno) }
        } catch {
            try? FileManager.default.removeItem(at: temp)
            throw error
        }
    }

    private static func failure(_ url: URL, _ code: Int32) -> CocoaError {
        CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: url.path, NSLocalizedDescriptionKey: String(cString: strerror(code))])
    }
}
