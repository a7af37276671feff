import Foundation

/// Relative URLs between files of the output folder and the dataset, percent-encoded per segment.
enum SiteLinks {
    /// Characters left as they are in a path segment: RFC 3986 unreserved (`A–Z a–z 0–9 - . _ ~`).
    /// Everything else, `%`, `#`, `?`, `:`, quotes, spaces and non-ASCII included, becomes `%XX` of its
    /// UTF-8 bytes, so a segment can never end the path, start a query or fragment, or look like a scheme.
    static func encodeSegment(_ segment: String) -> String {
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
    static func relative(from: [String], to: [String]) -> String {
        var common = 0
        while common < from.count, common < to.count - 1, from[common] == to[common] { common += 1 }
        let ups = Array(repeating: "..", count: from.count - common)
        return (ups + to[common...].map(encodeSegment)).joined(separator: "/")
    }

    /// The absolute path of a folder as components, symlinks resolved so two paths to the same place
    /// compare equal (`/tmp` vs `/private/tmp`).
    static func components(ofDirectory url: URL) -> [String] {
        url.standardizedFileURL.resolvingSymlinksInPath().pathComponents.filter { $0 != "/" }
    }

    /// The components of a dataset-relative `file`, or `nil` when it is absolute, empty or climbs out
    /// of the dataset (`..`).
    static func relativeFileComponents(_ file: String) -> [String]? {
        guard !file.isEmpty, !file.hasPrefix("/") else { return nil }
        let parts = file.split(separator: "/", omittingEmptySubsequences: true).map(String.init)
        guard !parts.isEmpty, !parts.contains(".."), !parts.contains(".") else { return nil }
        return parts
    }

    /// Whether `id` is usable as a file name and URL segment as promised by `TrackID` (`[a-z0-9-]`,
    /// 1–128 characters; upper-case letters and `_` are tolerated).
    static func isSafeID(_ id: String) -> Bool {
        guard !id.isEmpty, id.utf8.count <= 128 else { return false }
        return id.utf8.allSatisfy { b in
            (b >= 0x61 && b <= 0x7A) || (b >= 0x41 && b <= 0x5A) || (b >= 0x30 && b <= 0x39) || b == 0x2D || b == 0x5F
        }
    }
}
