/// A tiny JSON writer for data embedded in `<script type="application/json">` blocks.
///
/// Output is safe inside a script element: `<`, `>` and `&` are written as `\u003c`, `\u003e`,
/// `\u0026` (so `</script>` or `<!--` in a title cannot end or alter the element), and U+2028/U+2029
/// as `\u2028`/`\u2029`. Numbers use fixed decimals, so the text is byte-identical for equal input.
struct EmbeddedJSON {
    private(set) var text = ""

    mutating func raw(_ s: String) { text += s }

    mutating func string(_ s: String) {
        text += "\""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": text += "\\\""
            case "\\": text += "\\\\"
            case "\n": text += "\\n"
            case "\r": text += "\\r"
            case "\t": text += "\\t"
            case "<": text += "\\u003c"
            case ">": text += "\\u003e"
            case "&": text += "\\u0026"
            case "\u{2028}": text += "\\u2028"
            case "\u{2029}": text += "\\u2029"
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F {
                    let h = String(scalar.value, radix: 16)
                    text += "\\u" + String(repeating: "0", count: 4 - h.count) + h
                } else {
                    text.unicodeScalars.append(scalar)
                }
            }
        }
        text += "\""
    }

    mutating func optionalString(_ s: String?) {
        if let s { string(s) } else { text += "null" }
    }

    /// A number with `digits` decimals; `null` when not finite.
    mutating func number(_ x: Double, digits: Int) {
        text += x.isFinite ? SiteFormat.fixed(x, digits: digits) : "null"
    }

    mutating func key(_ k: String) {
        string(k)
        text += ":"
    }
}
