import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The few system calls whose spelling differs between Linux and Darwin, behind one API, so the
/// package compiles where `Package.swift` says it does.
public enum Platform {
    /// What `stat(2)` (or `lstat(2)` with `followingLinks: false`) says of a path; nil when it fails
    /// (`errno` says why).
    public struct FileStatus: Sendable, Equatable {
        public var size: Int64
        /// Modification and status-change times, in seconds since 1970.
        public var mtime: Double
        public var ctime: Double
        public var inode: UInt64
        /// `S_IFREG`, `S_IFDIR`, `S_IFLNK`, … (`st_mode & S_IFMT`).
        public var kind: mode_t

        /// Whether `other` is very likely the same content: same inode, size and modification time.
        /// (The status-change time is left out: adding a hard link changes it.)
        public func looksUnchanged(from other: FileStatus?) -> Bool {
            guard let other else { return false }
            return inode == other.inode && size == other.size && mtime == other.mtime && kind == other.kind
        }
    }

    /// Hands the heap's free pages back to the system (glibc `malloc_trim(0)`; nothing elsewhere).
    /// Called between build stages: glibc keeps what a stage freed, so without it the resident size
    /// stays at the largest stage's high-water mark plus whatever a later stage cannot fit into those
    /// freed holes.
    public static func releaseFreeMemory() {
        #if canImport(Glibc)
        if let trim = mallocTrim { _ = trim(0) }
        #endif
    }

    /// Caps glibc's heap arenas at `count` (`mallopt(M_ARENA_MAX, count)`; nothing elsewhere). glibc
    /// opens up to 8 per core as threads contend, and memory freed in one arena is not reused by
    /// another: a 100,000-track build peaked at 1.39 GB with the default and 1.31 GB with one arena
    /// per core, in the same time (`bench/RESULTS.md`, session 11). Call before worker threads start.
    public static func limitHeapArenas(to count: Int) {
        #if canImport(Glibc)
        let arenaMax: Int32 = -8 // M_ARENA_MAX in <malloc.h>
        if let mallopt = mallopt { _ = mallopt(arenaMax, Int32(clamping: max(1, count))) }
        #endif
    }

    /// Serves every allocation of `bytes` or more with its own mapping, returned to the system when
    /// freed (`mallopt(M_MMAP_THRESHOLD, bytes)`; nothing elsewhere). glibc's default threshold starts
    /// at 128 KiB and rises to the size of each large block freed (up to 32 MiB), after which large
    /// transient arrays come from the heap and leave holes it keeps: a 100,000-track build peaked at
    /// 1.110 GB with the default and 1.034 GB with 4 MiB (`bench/RESULTS.md`, session 12). Setting it
    /// also fixes the trim threshold. Call before worker threads start.
    public static func mapLargeAllocations(from bytes: Int) {
        #if canImport(Glibc)
        let mmapThreshold: Int32 = -3 // M_MMAP_THRESHOLD in <malloc.h>
        if let mallopt = mallopt { _ = mallopt(mmapThreshold, Int32(clamping: max(0, bytes))) }
        #endif
    }

    /// Whether ``limitHeapArenas(to:)``, ``mapLargeAllocations(from:)`` and ``releaseFreeMemory()`` do anything here (glibc's symbols found).
    public static var heapControlsAvailable: Bool {
        #if canImport(Glibc)
        return mallopt != nil && mallocTrim != nil
        #else
        return false
        #endif
    }

    #if canImport(Glibc)
    /// glibc's `mallopt` and `malloc_trim`, looked up once (`<malloc.h>` is not part of the Glibc
    /// module); nil with another C library.
    private static let mallopt = glibcSymbol("mallopt", as: (@convention(c) (Int32, Int32) -> Int32).self)
    private static let mallocTrim = glibcSymbol("malloc_trim", as: (@convention(c) (Int) -> Int32).self)

    private static func glibcSymbol<F>(_ name: String, as type: F.Type) -> F? {
        dlsym(nil, name).map { unsafeBitCast($0, to: type) }
    }
    #endif

    public static func status(_ path: String, followingLinks: Bool = true) -> FileStatus? {
        var info = stat()
        guard (followingLinks ? stat(path, &info) : lstat(path, &info)) == 0 else { return nil }
        #if os(Linux)
        let (m, c) = (info.st_mtim, info.st_ctim)
        #else
        let (m, c) = (info.st_mtimespec, info.st_ctimespec)
        #endif
        return FileStatus(size: Int64(info.st_size), mtime: Double(m.tv_sec) + Double(m.tv_nsec) / 1e9,
                          ctime: Double(c.tv_sec) + Double(c.tv_nsec) / 1e9, inode: UInt64(info.st_ino),
                          kind: info.st_mode & S_IFMT)
    }

    /// Atomically swaps two paths: Linux `renameat2(RENAME_EXCHANGE)` (glibc ≥ 2.28, and a file
    /// system that supports it). False where it is not available; callers fall back to two renames.
    public static func exchange(_ a: String, _ b: String) -> Bool {
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
