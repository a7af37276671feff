import Foundation
import Support

/// Relative URLs between files of the output folder and the dataset, percent-encoded per segment.
enum SiteLinks {
    /// Percent-encodes one path segment (``RelativeURL/encodeSegment(_:)``).
    static func encodeSegment(_ segment: String) -> String { RelativeURL.encodeSegment(segment) }

    /// A `/`-separated relative path (`plots/ab/<id>-mfcc.png`), percent-encoded segment by segment.
    static func encodePath(_ path: String) -> String {
        path.split(separator: "/", omittingEmptySubsequences: false).map { encodeSegment(String($0)) }.joined(separator: "/")
    }

    /// A relative URL from a folder to a file (``RelativeURL/relative(from:to:)``).
    static func relative(from: [String], to: [String]) -> String { RelativeURL.relative(from: from, to: to) }

    /// A folder's absolute path as components (``RelativeURL/components(ofDirectory:)``).
    static func components(ofDirectory url: URL) -> [String] { RelativeURL.components(ofDirectory: url) }

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
