import Foundation

/// Paths compared by what they are, not how they are spelled.
public enum ResolvedPath {
    /// `url` with every symbolic link and `.`/`..` resolved (`realpath(3)`); for a path that does
    /// not exist yet, its deepest existing ancestor is resolved and the rest appended.
    public static func of(_ url: URL) -> URL {
        let standard = url.standardizedFileURL
        if let real = realpath(standard.path, nil) {
            defer { free(real) }
            return URL(fileURLWithPath: String(cString: real), isDirectory: true)
        }
        let parent = standard.deletingLastPathComponent()
        guard parent.path != standard.path else { return standard }
        return of(parent).appendingPathComponent(standard.lastPathComponent, isDirectory: true)
    }

    /// Whether `path` lies strictly inside the folder `folder` (both already resolved).
    public static func isInside(_ path: String, _ folder: String) -> Bool {
        let prefix = folder.hasSuffix("/") ? folder : folder + "/"
        return path.hasPrefix(prefix)
    }
}
