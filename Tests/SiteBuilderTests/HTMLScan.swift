import Foundation

/// Just enough HTML reading for the tests: attribute values, entity decoding, URL resolution.
enum HTMLScan {
    /// Values of `href`, `src` and `data-src` attributes (double-quoted, as the templates write them),
    /// with HTML entities decoded.
    static func links(in html: String) -> [String] {
        let regex = try! NSRegularExpression(pattern: #"\s(?:href|src|data-src)="([^"]*)""#)
        let range = NSRange(html.startIndex..., in: html)
        return regex.matches(in: html, range: range).compactMap { match in
            Range(match.range(at: 1), in: html).map { decodeEntities(String(html[$0])) }
        }
    }

    /// The text of every `<script type="application/json" …>` element.
    static func jsonBlocks(in html: String) -> [String] {
        let regex = try! NSRegularExpression(pattern: #"<script type="application/json"[^>]*>(.*?)</script>"#,
                                             options: [.dotMatchesLineSeparators])
        let range = NSRange(html.startIndex..., in: html)
        return regex.matches(in: html, range: range).compactMap { match in
            Range(match.range(at: 1), in: html).map { String(html[$0]) }
        }
    }

    static func decodeEntities(_ s: String) -> String {
        s.replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&#39;", with: "'")
            .replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">")
            .replacingOccurrences(of: "&amp;", with: "&")
    }

    /// The file a relative URL points to from a page in `directory`, or `nil` for an absolute URL,
    /// a scheme, or a URL that cannot be percent-decoded. Fragments are dropped.
    static func resolve(_ link: String, from directory: URL) -> URL? {
        guard !link.hasPrefix("/"), !link.contains(":") else { return nil }
        let path = link.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false).first.map(String.init) ?? ""
        guard !path.contains("?"), let decoded = path.removingPercentEncoding else { return nil }
        var url = directory
        for segment in decoded.split(separator: "/", omittingEmptySubsequences: false) {
            url = segment == ".." ? url.deletingLastPathComponent() : url.appendingPathComponent(String(segment))
        }
        return url.standardizedFileURL
    }

    /// Every `.html` file under `folder`, sorted.
    static func pages(under folder: URL) -> [URL] {
        allFiles(under: folder).filter { $0.pathExtension == "html" }
    }

    static func allFiles(under folder: URL) -> [URL] {
        let e = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: [.isRegularFileKey])
        var out: [URL] = []
        while let url = e?.nextObject() as? URL {
            if (try? url.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true { out.append(url) }
        }
        return out.sorted { $0.path < $1.path }
    }
}
