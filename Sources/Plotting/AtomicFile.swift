import Foundation

/// Writes files via a temporary sibling and rename(2), so a file is either old or complete.
enum AtomicFile {
    static func write(_ bytes: [UInt8], to path: String) throws {
        guard !path.isEmpty else { throw PlotError.writeFailed(path: path, reason: "empty path") }
        let temp = path + ".tmp-\(getpid())"
        guard let file = fopen(temp, "wb") else {
            throw PlotError.writeFailed(path: path, reason: String(cString: strerror(errno)))
        }
        let written = bytes.withUnsafeBytes { fwrite($0.baseAddress, 1, $0.count, file) }
        let flushFailed = fflush(file) != 0
        let error = errno
        fclose(file)
        guard written == bytes.count, !flushFailed else {
            unlink(temp)
            throw PlotError.writeFailed(path: path, reason: String(cString: strerror(error)))
        }
        guard rename(temp, path) == 0 else {
            let e = errno
            unlink(temp)
            throw PlotError.writeFailed(path: path, reason: String(cString: strerror(e)))
        }
    }
}
