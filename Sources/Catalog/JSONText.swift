import Foundation

/// Deterministic JSON text with fixed number formatting (JSONEncoder prints shortest
/// round-trip floats, whose digits vary with tiny value changes and are hard to diff).
public enum JSONText {
    /// A JSON string literal: `"`, `\`, control characters escaped; `<`, `>`, `&`, U+2028 and
    /// U+2029 as `\u` escapes too, so the text is also safe inside an HTML `<script>` element.
    public static func string(_ s: String) -> String {
        // Fast path: printable ASCII with nothing to escape (track ids, most titles and file
        // names) is quoted as it is.
        if s.utf8.allSatisfy({ $0 >= 0x20 && $0 < 0x7F && $0 != 0x22 && $0 != 0x5C && $0 != 0x3C && $0 != 0x3E && $0 != 0x26 }) {
            return "\"" + s + "\""
        }
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
                if scalar.value < 0x20 || scalar.value == 0x7F {
                    out += String(format: "\\u%04x", scalar.value)
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }

    /// `null` or a string literal.
    public static func optional(_ s: String?) -> String { s.map(string) ?? "null" }

    /// A number with `decimals` fixed decimals; non-finite values become `null`.
    public static func number(_ v: Double, _ decimals: Int) -> String {
        guard v.isFinite else { return "null" }
        // Integer arithmetic (exact below 9e15 / 10^decimals); printf beyond that.
        let scale = pow(10, Double(decimals))
        let scaled = (abs(v) * scale).rounded(.toNearestOrAwayFromZero)
        guard scaled < 9e15, decimals >= 0, decimals <= 9 else {
            let s = String(format: "%.\(decimals)f", v)
            return s.hasPrefix("-") && Double(s) == 0 ? String(s.dropFirst()) : s
        }
        let n = UInt64(scaled)
        let p = UInt64(scale)
        var out = (v < 0 && n > 0) ? "-" : ""
        out += String(n / p)
        if decimals > 0 {
            let frac = String(n % p)
            out += "." + String(repeating: "0", count: decimals - frac.count) + frac
        }
        return out
    }
}
