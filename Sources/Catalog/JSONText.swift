import Foundation

/// Deterministic JSON text with fixed number formatting (JSONEncoder prints shortest
/// round-trip floats, whose digits vary with tiny value changes and are hard to diff).
public enum JSONText {
    /// A JSON string literal: `"`, `\`, control characters escaped; `<`, `>`, `&`, U+2028 and
    /// U+2029 as `\u` escapes too, so the text is also safe inside an HTML `<script>` element.
    public static func string(_ s: String) -> String {
        var out = "\""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case "<", ">", "&", "\u{2028}", "\u{2029}":
                out += String(format: "\\u%04x", scalar.value)
            default:
                if scalar.value < 0x20 { out += String(format: "\\u%04x", scalar.value) } else { out.unicodeScalars.append(scalar) }
            }
        }
        return out + "\""
    }

    /// `null` or a string literal.
    public static func optional(_ s: String?) -> String { s.map(string) ?? "null" }

    /// A number with `decimals` fixed decimals; non-finite values become `null`.
    public static func number(_ v: Double, _ decimals: Int) -> String {
        guard v.isFinite else { return "null" }
        let s = String(format: "%.\(decimals)f", v)
        return s == "-" + String(format: "%.\(decimals)f", 0.0) ? String(format: "%.\(decimals)f", 0.0) : s
    }
}
