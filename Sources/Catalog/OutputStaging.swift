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
        // Never replace a folder that is not a catalog (e.g. `-o ~/Documents` by mistake).
        if let existing = try? fm.contentsOfDirectory(atPath: self.output.path) {
            let ours = existing.filter { !$0.hasPrefix(".") }
            let isCatalog = fm.fileExists(atPath: self.output.appendingPathComponent("data/\(StoredModel.fileName)").path)
            if !ours.isEmpty && !isCatalog {
                throw BuildError.output("\(self.output.path) is not empty and holds no Backbeat catalog; choose a new or empty folder")
            }
        }
        // Clear staging folders left by interrupted builds; leave those of builds still running.
        for item in (try? fm.contentsOfDirectory(atPath: parent.path)) ?? [] where item.hasPrefix(".\(name).staging-") {
            if let pid = Int32(item.split(separator: "-").last ?? ""), pid != getpid(), kill(pid, 0) == 0 {
                throw BuildError.output("another build (pid \(pid)) is writing \(self.output.path)")
            }
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
        // Hidden files the user keeps in the output (e.g. `.gitkeep`) move across with the catalog.
        for item in (try? fm.contentsOfDirectory(atPath: output.path)) ?? [] where item.hasPrefix(".") && item != ".cache" {
            let to = url.appendingPathComponent(item)
            if !fm.fileExists(atPath: to.path) { _ = rename(output.appendingPathComponent(item).path, to.path) }
        }
        let cacheFrom = output.appendingPathComponent(".cache"), cacheTo = url.appendingPathComponent(".cache")
        let movedCache = fm.fileExists(atPath: cacheFrom.path) && !fm.fileExists(atPath: cacheTo.path)
            && rename(cacheFrom.path, cacheTo.path) == 0
        if Self.exchange(url.path, output.path) {
            try? fm.removeItem(at: url) // now the old catalog
            return
        }
        // From here on a failure must hand the cache back before the staging folder is discarded.
        func restoreCache() { if movedCache { _ = rename(cacheTo.path, cacheFrom.path) } }
        let old = output.deletingLastPathComponent().appendingPathComponent(".\(output.lastPathComponent).old-\(ProcessInfo.processInfo.processIdentifier)")
        guard rename(output.path, old.path) == 0 else {
            let message = String(cString: strerror(errno))
            restoreCache()
            throw BuildError.output("\(output.path): \(message)")
        }
        guard rename(url.path, output.path) == 0 else {
            let message = String(cString: strerror(errno))
            _ = rename(old.path, output.path)
            restoreCache()
            throw BuildError.output("\(output.path): \(message)")
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
