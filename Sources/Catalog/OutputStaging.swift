import Foundation

/// A staging folder beside the output that replaces it atomically at the end of a build.
///
/// The new catalog is written into `.<name>.staging-<pid>` next to the output. `commit()` moves
/// the feature cache across (if it lives inside the output), then exchanges the two folders with
/// one `renameat2(RENAME_EXCHANGE)` (Linux; two renames elsewhere) and deletes the old one. Until
/// that exchange the previous catalog is untouched, so Ctrl-C or kill -9 at any earlier point
/// leaves it intact; stale staging folders are removed by the next build.
struct OutputStaging {
    let output: URL
    let url: URL

    init(output: URL) throws {
        self.output = output.standardizedFileURL
        let parent = self.output.deletingLastPathComponent()
        let name = self.output.lastPathComponent
        let fm = FileManager.default
        try fm.createDirectory(at: parent, withIntermediateDirectories: true)
        // Clear staging folders left by interrupted builds.
        for item in (try? fm.contentsOfDirectory(atPath: parent.path)) ?? [] where item.hasPrefix(".\(name).staging-") {
            try? fm.removeItem(at: parent.appendingPathComponent(item))
        }
        url = parent.appendingPathComponent(".\(name).staging-\(ProcessInfo.processInfo.processIdentifier)", isDirectory: true)
        try fm.createDirectory(at: url, withIntermediateDirectories: true)
    }

    func discard() { try? FileManager.default.removeItem(at: url) }

    func commit() throws {
        let fm = FileManager.default
        var isDir: ObjCBool = false
        guard fm.fileExists(atPath: output.path, isDirectory: &isDir) else {
            guard rename(url.path, output.path) == 0 else { throw BuildError.output("\(output.path): \(String(cString: strerror(errno)))") }
            return
        }
        guard isDir.boolValue else { throw BuildError.output("\(output.path) exists and is not a folder") }
        // Keep the cache (and any file the user put there that is not ours) with the output.
        for keep in [".cache"] {
            let from = output.appendingPathComponent(keep), to = url.appendingPathComponent(keep)
            if fm.fileExists(atPath: from.path) && !fm.fileExists(atPath: to.path) { _ = rename(from.path, to.path) }
        }
        if Self.exchange(url.path, output.path) {
            try? fm.removeItem(at: url) // now the old catalog
            return
        }
        let old = output.deletingLastPathComponent().appendingPathComponent(".\(output.lastPathComponent).old-\(ProcessInfo.processInfo.processIdentifier)")
        guard rename(output.path, old.path) == 0 else { throw BuildError.output("\(output.path): \(String(cString: strerror(errno)))") }
        guard rename(url.path, output.path) == 0 else {
            _ = rename(old.path, output.path)
            throw BuildError.output("\(output.path): \(String(cString: strerror(errno)))")
        }
        try? fm.removeItem(at: old)
    }

    /// Atomically swaps two paths (Linux `renameat2` with `RENAME_EXCHANGE`, glibc ≥ 2.28).
    static func exchange(_ a: String, _ b: String) -> Bool {
        #if os(Linux)
        return a.withCString { pa in b.withCString { pb in renameat2(-100 /* AT_FDCWD */, pa, -100, pb, 2 /* RENAME_EXCHANGE */) == 0 } }
        #else
        return false
        #endif
    }
}

#if os(Linux)
// glibc declares renameat2 only under _GNU_SOURCE, which the Swift Glibc module does not set.
@_silgen_name("renameat2")
private func renameat2(_ olddirfd: Int32, _ oldpath: UnsafePointer<CChar>, _ newdirfd: Int32,
                       _ newpath: UnsafePointer<CChar>, _ flags: UInt32) -> Int32
#endif
