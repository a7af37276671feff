import Foundation
import Support
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Finds audio files by extension, recursively, in a stable (sorted) order.
public enum AudioFileScanner {
    /// Extensions (lower case, no dot) treated as audio candidates; decoding confirms them.
    public static let extensions: Set<String> = [
        "wav", "wave", "aif", "aiff", "aifc", "flac", "ogg", "oga", "opus", "mp3", "au", "snd", "caf", "w64", "rf64",
    ]

    /// What a scan found: candidate audio files, and the entries it could not take, each with
    /// the reason (so a build can list them instead of dropping them silently).
    public struct Scan: Sendable, Equatable {
        /// Relative paths (using `/`) of candidate audio files, sorted by their UTF-8 bytes.
        public var files: [String] = []
        /// Relative paths of refused entries (names that are not valid UTF-8 are shown with
        /// U+FFFD in place of the bad bytes) and why, sorted like ``files``.
        public var refused: [Refusal] = []
    }

    public struct Refusal: Sendable, Equatable {
        public var path: String
        public var reason: String
    }

    /// Expands each argument: a directory becomes its audio files (recursively, sorted by
    /// path, links not followed out of it); anything else is returned as given, so a bad
    /// path still produces a clear per-file error later.
    public static func expand(_ arguments: [String]) -> [String] {
        expandReporting(arguments).files
    }

    /// ``expand(_:)`` plus what the folder scans refused (paths joined to their argument).
    public static func expandReporting(_ arguments: [String]) -> (files: [String], refused: [Refusal]) {
        var files: [String] = []
        var refused: [Refusal] = []
        for argument in arguments {
            var isDir: ObjCBool = false
            if FileManager.default.fileExists(atPath: argument, isDirectory: &isDir), isDir.boolValue {
                let scan = walk(directory: argument)
                files += scan.files.map { (argument as NSString).appendingPathComponent($0) }
                refused += scan.refused.map { Refusal(path: (argument as NSString).appendingPathComponent($0.path), reason: $0.reason) }
            } else {
                files.append(argument)
            }
        }
        return (files, refused)
    }

    /// Relative paths of candidate audio files below `directory` (``walk(directory:)``'s files).
    public static func scan(directory: String) -> [String] {
        walk(directory: directory).files
    }

    /// Walks `directory` recursively on raw file-name bytes. Hidden files and folders (a
    /// leading dot) are passed over. Among entries with an audio extension, and folders, it
    /// refuses with a reason: symbolic links (never followed, so the scan never leaves the tree),
    /// FIFOs, sockets and devices, names that are not valid UTF-8 (they cannot be named in the
    /// catalog's JSON, CSV or HTML), and folders it cannot read.
    public static func walk(directory: String) -> Scan {
        var scan = Scan()
        var pending: [[UInt8]] = [[]] // relative folder paths still to read
        let root = Array(directory.utf8)
        while let relative = pending.popLast() {
            read(folder: relative, root: root, into: &scan, pending: &pending)
        }
        let byBytes = UTF8Order.precedes
        scan.files.sort(by: byBytes)
        scan.refused.sort { byBytes($0.path, $1.path) }
        return scan
    }

    /// Reads one folder (`relative` below `root`): audio files and refusals go into `scan`,
    /// sub-folders to visit into `pending`.
    static func read(folder relative: [UInt8], root: [UInt8], into scan: inout Scan, pending: inout [[UInt8]]) {
        let folder = relative.isEmpty ? root : root + [0x2F] + relative
        var openError: Int32 = 0
        guard let dir = withCString(folder, { path -> OpaquePointer? in
            let d = opendir(path)
            openError = errno
            return d
        }) else {
            if !relative.isEmpty {
                scan.refused.append(Refusal(path: display(relative), reason: "cannot read folder (\(String(cString: strerror(openError))))"))
            }
            return
        }
        defer { closedir(dir) }
        var unexamined = 0, unexaminedError: Int32 = 0
        while let entry = readdir(dir) {
            // d_name is NUL-terminated inside a record that can be shorter than the array's
            // declared size: read up to the NUL only.
            let name = withUnsafePointer(to: &entry.pointee.d_name) {
                $0.withMemoryRebound(to: CChar.self, capacity: 1) { Array(UnsafeRawBufferPointer(start: $0, count: strlen($0))) }
            }
            if name.first == 0x2E { continue } // ".", ".." and hidden entries
            let child = relative.isEmpty ? name : relative + [0x2F] + name
            if let error = classify(child, name: name, root: root, into: &scan, pending: &pending) {
                unexamined += 1
                unexaminedError = error
            }
        }
        if unexamined > 0 {
            scan.refused.append(Refusal(path: relative.isEmpty ? "." : display(relative),
                                        reason: "\(unexamined) entries could not be examined (\(String(cString: strerror(unexaminedError))))"))
        }
    }

    /// Sorts one entry: an audio file, a folder to enter, or a refusal with its reason.
    /// - Returns: the `lstat` error of a non-audio entry that could not be examined (counted per
    ///   folder, not listed one by one); nil otherwise.
    static func classify(_ child: [UInt8], name: [UInt8], root: [UInt8], into scan: inout Scan, pending: inout [[UInt8]]) -> Int32? {
        let audio = hasAudioExtension(name)
        var info = stat()
        var statError: Int32 = 0
        guard withCString(root + [0x2F] + child, { path -> Int32 in
            let rc = lstat(path, &info)
            statError = errno
            return rc
        }) == 0 else {
            // A folder readable but not searchable, a path too long: say so, never drop it.
            guard audio else { return statError }
            scan.refused.append(Refusal(path: display(child), reason: "cannot read (\(String(cString: strerror(statError))))"))
            return nil
        }
        // Folders with names that are not UTF-8 are never entered, so a child path is valid
        // exactly when its own name is.
        let valid = String(validating: name, as: UTF8.self) != nil
        switch info.st_mode & S_IFMT {
        case S_IFDIR:
            if valid {
                pending.append(child)
            } else {
                scan.refused.append(Refusal(path: display(child), reason: "folder name is not valid UTF-8; its files were not scanned"))
            }
        case S_IFREG where audio:
            if valid {
                scan.files.append(display(child))
            } else {
                scan.refused.append(Refusal(path: display(child), reason: "file name is not valid UTF-8"))
            }
        case S_IFLNK where audio || isDirectory(root + [0x2F] + child):
            scan.refused.append(Refusal(path: display(child), reason: "symbolic link (links are not followed)"))
        case S_IFREG, S_IFLNK:
            break
        default:
            if audio { scan.refused.append(Refusal(path: display(child), reason: "not a regular file")) }
        }
        return nil
    }

    static func hasAudioExtension(_ name: [UInt8]) -> Bool {
        guard let dot = name.lastIndex(of: 0x2E), dot > 0 else { return false }
        let ext = String(decoding: name[(dot + 1)...], as: UTF8.self).lowercased()
        return extensions.contains(ext)
    }

    /// Whether `path` (following links) is a folder.
    static func isDirectory(_ path: [UInt8]) -> Bool {
        var info = stat()
        return withCString(path, { stat($0, &info) }) == 0 && info.st_mode & S_IFMT == S_IFDIR
    }

    /// A file name for messages: invalid UTF-8 bytes become U+FFFD.
    static func display(_ bytes: [UInt8]) -> String {
        String(decoding: bytes, as: UTF8.self)
    }

    static func withCString<R>(_ bytes: [UInt8], _ body: (UnsafePointer<CChar>) -> R) -> R {
        (bytes + [0]).withUnsafeBufferPointer { buffer in
            buffer.withMemoryRebound(to: CChar.self) { body($0.baseAddress!) }
        }
    }
}
