import Mustache

/// HTML escaping for `{{name}}`, byte by byte over UTF-8: `&` `<` `>` `"` `'` become `&amp;` `&lt;`
/// `&gt;` `&quot;` `&#39;`.
///
/// Replaces swift-mustache's default escaper for two reasons. Safety: the default compares whole
/// `Character`s, so a quote followed by a combining mark (`"\u{301}`) is one grapheme that matches no
/// entry and is written raw, which ends a quoted attribute. Speed: the fast path returns strings
/// without special bytes unchanged (the default was a quarter of the site's render time).
struct HTMLEscaping: MustacheContentType {
    /// The name templates are switched to by `pragma`.
    static let name = "BACKBEAT_HTML"
    /// Prepended to every template: later tags escape with this type (partials inherit it).
    static let pragma = "{{% CONTENT_TYPE: \(name) }}"

    /// Registers the content type with Mustache once per process.
    static let register: Void = {
        MustacheContentTypes.register(HTMLEscaping(), named: name)
    }()

    func escapeText(_ text: String) -> String {
        Self.escape(text)
    }

    static func escape(_ text: String) -> String {
        var needs = false
        for byte in text.utf8 where byte == 0x26 || byte == 0x3C || byte == 0x3E || byte == 0x22 || byte == 0x27 {
            needs = true
            break
        }
        guard needs else { return text }
        var out: [UInt8] = []
        out.reserveCapacity(text.utf8.count + 16)
        for byte in text.utf8 {
            switch byte {
            case 0x26: out.append(contentsOf: [0x26, 0x61, 0x6D, 0x70, 0x3B])        // &amp;
            case 0x3C: out.append(contentsOf: [0x26, 0x6C, 0x74, 0x3B])              // &lt;
            case 0x3E: out.append(contentsOf: [0x26, 0x67, 0x74, 0x3B])              // &gt;
            case 0x22: out.append(contentsOf: [0x26, 0x71, 0x75, 0x6F, 0x74, 0x3B])  // &quot;
            case 0x27: out.append(contentsOf: [0x26, 0x23, 0x33, 0x39, 0x3B])        // &#39;
            default: out.append(byte)
            }
        }
        return String(decoding: out, as: UTF8.self)
    }
}
