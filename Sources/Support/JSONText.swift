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

    /// A number with `decimals` fixed decimals (``FixedDecimal``); non-finite values become `null`.
    public static func number(_ v: Double, _ decimals: Int) -> String {
        FixedDecimal.format(v, decimals) ?? "null"
    }
}

/// Fixed-point decimal text: the package's one number formatter, for JSON, CSV, pages and plot
/// labels alike, so equal values print identically everywhere and on every locale.
///
/// The one rule for values that are not numbers: NaN and ±∞ have no decimal form, so ``format(_:_:)``
/// returns nil and each output says "absent" its own way (JSON and CSV `null`/empty, pages and
/// plots "–").
public enum FixedDecimal {
    /// `v` rounded half away from zero to `decimals` places (`format(123.456, 1) == "123.5"`), with
    /// `-0` written `0`; nil when `v` is not finite. Integer arithmetic, exact while
    /// |v|·10^decimals < 9·10¹⁵; printf beyond that.
    public static func format(_ v: Double, _ decimals: Int) -> String? {
        guard v.isFinite else { return nil }
        var scale: Double = 1
        for _ in 0..<max(0, min(decimals, 9)) { scale *= 10 }
        let scaled = (abs(v) * scale).rounded(.toNearestOrAwayFromZero)
        guard scaled < 9e15, decimals >= 0, decimals <= 9 else {
            let s = String(format: "%.\(max(0, decimals))f", v)
            return s.hasPrefix("-") && Double(s) == 0 ? String(s.dropFirst()) : s
        }
        let n = UInt64(scaled), p = UInt64(scale)
        var out = (v < 0 && n > 0) ? "-" : ""
        out += String(n / p)
        if decimals > 0 {
            let fraction = String(n % p)
            out += "." + String(repeating: "0", count: decimals - fraction.count) + fraction
        }
        return out
    }
}

/// A JSON value built in code and written deterministically: members in the order given, numbers
/// with fixed decimals (``FixedDecimal``), strings through ``JSONText/string(_:)`` (safe inside an
/// HTML `<script>` element too). The package's one JSON writer: every JSON file and snippet
/// Backbeat writes is one of these.
public indirect enum JSONValue: Sendable {
    case string(String)
    case number(Double, decimals: Int)
    case integer(Int)
    case unsigned(UInt64)
    case bool(Bool)
    case null
    case array([JSONValue])
    case object([(String, JSONValue)])

    /// A string, or `null` for nil.
    public static func optional(_ s: String?) -> JSONValue { s.map { .string($0) } ?? .null }

    /// The compact JSON text.
    public var text: String {
        var out = ""
        write(into: &out)
        return out
    }

    /// The members of an object without the braces (`"a":1,"b":2`), for layouts that put line
    /// breaks between parts.
    public static func members(_ members: [(String, JSONValue)]) -> String {
        var out = ""
        for (i, (key, value)) in members.enumerated() {
            if i > 0 { out += "," }
            out += JSONText.string(key) + ":"
            value.write(into: &out)
        }
        return out
    }

    func write(into out: inout String) {
        switch self {
        case .string(let s): out += JSONText.string(s)
        case .number(let v, let decimals): out += JSONText.number(v, decimals)
        case .integer(let v): out += String(v)
        case .unsigned(let v): out += String(v)
        case .bool(let b): out += b ? "true" : "false"
        case .null: out += "null"
        case .array(let items):
            out += "["
            for (i, item) in items.enumerated() {
                if i > 0 { out += "," }
                item.write(into: &out)
            }
            out += "]"
        case .object(let members): out += "{" + Self.members(members) + "}"
        }
    }
}
