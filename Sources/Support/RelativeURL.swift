import Foundation

/// Relative, percent-encoded URLs between files, as the site's links and the playlists use them.
public enum RelativeURL {
    /// Characters left as they are in a path segment: RFC 3986 unreserved (`A–Z a–z 0–9 - . _ ~`).
    /// Everything else, `%`, `#`, `?`, `:`, quotes, spaces, line breaks and non-ASCII included,
    /// becomes `%XX` of its UTF-8 bytes, so a segment can never end the path, start a query or
    /// fragment, look like a scheme, or break a line of a playlist.
    public static func encodeSegment(_ segment: String) -> String {
        var out = ""
        out.reserveCapacity(segment.utf8.count)
        for byte in segment.utf8 {
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
                 UInt8(ascii: "0")...UInt8(ascii: "9"),
                 UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "~"):
                out.unicodeScalars.append(Unicode.Scalar(byte))
            default:
                out += "%" + hex[Int(byte >> 4)] + hex[Int(byte & 0x0F)]
            }
        }
        return out
    }

    private static let hex = ["0", "1", "2", "3", "4", "5", "6", "7", "8", "9", "A", "B", "C", "D", "E", "F"]

    /// A relative URL from the folder `from` to the file `to` (both absolute, given as path components
    /// without the leading `/`), every segment encoded: `["a","out"]` → `["a","data","x y.wav"]` gives
    /// `../data/x%20y.wav`.
    public static func relative(from: [String], to: [String]) -> String {
        var common = 0
        while common < from.count, common < to.count - 1, from[common] == to[common] { common += 1 }
        let ups = Array(repeating: "..", count: from.count - common)
        return (ups + to[common...].map(encodeSegment)).joined(separator: "/")
    }

    /// The absolute path of a folder as components, symlinks resolved so two paths to the same place
    /// compare equal (`/tmp` vs `/private/tmp`).
    public static func components(ofDirectory url: URL) -> [String] {
        url.standardizedFileURL.resolvingSymlinksInPath().pathComponents.filter { $0 != "/" }
    }

    /// A plain relative path (not encoded) from the folder `from` to the folder `to`, both resolved:
    /// `/a/out` → `/a/music` gives `../music`; `.` when they are the same folder.
    public static func relativePath(from: URL, to: URL) -> String {
        let a = components(ofDirectory: from), b = components(ofDirectory: to)
        var common = 0
        while common < a.count, common < b.count, a[common] == b[common] { common += 1 }
        let parts = Array(repeating: "..", count: a.count - common) + b[common...]
        return parts.isEmpty ? "." : parts.joined(separator: "/")
    }
}
