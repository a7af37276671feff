import Foundation

/// Finds audio files by extension, recursively, in a stable (sorted) order.
public enum AudioFileScanner {
    /// Extensions (lower case, no dot) treated as audio candidates; decoding confirms them.
    public static let extensions: Set<String> = [
        "wav", "wave", "aif", "aiff", "aifc", "flac", "ogg", "oga", "opus", "mp3", "au", "snd", "caf", "w64", "rf64",
    ]

    /// Expands each argument: a directory becomes its audio files (recursively, sorted by
    /// path, links not followed out of it); anything else is returned as given, so a bad
    /// path still produces a clear per-file error later.
    public static func expand(_ arguments: [String]) -> [String] {
        var result: [String] = []
        for argument in arguments {
            var isDir: ObjCBool = false
            if FileManager.default.fileExists(atPath: argument, isDirectory: &isDir), isDir.boolValue {
                result += scan(directory: argument).map { (argument as NSString).appendingPathComponent($0) }
            } else {
                result.append(argument)
            }
        }
        return result
    }

    /// Relative paths (using `/`) of candidate audio files below `directory`, sorted by their
    /// UTF-8 bytes. Symbolic links are not followed, so the scan never leaves the tree.
    public static func scan(directory: String) -> [String] {
        let fm = FileManager.default
        guard let walker = fm.enumerator(atPath: directory) else { return [] }
        var found: [String] = []
        while let relative = walker.nextObject() as? String {
            let name = (relative as NSString).lastPathComponent
            let type = (try? fm.attributesOfItem(atPath: (directory as NSString).appendingPathComponent(relative)))?[.type] as? FileAttributeType
            if type == .typeSymbolicLink || name.hasPrefix(".") {
                // Never follow a link (it could lead out of the tree); skip hidden files and folders.
                if type != .typeRegular { walker.skipDescendants() }
                continue
            }
            guard type == .typeRegular, extensions.contains((name as NSString).pathExtension.lowercased()) else { continue }
            found.append(relative)
        }
        return found.sorted { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) }
    }
}
