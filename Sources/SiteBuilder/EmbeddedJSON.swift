import Catalog

/// A tiny JSON writer for data embedded in `<script type="application/json">` blocks.
///
/// Output is safe inside a script element: `<`, `>` and `&` are written as `\u003c`, `\u003e`,
/// `\u0026` (so `</script>` or `<!--` in a title cannot end or alter the element), and U+2028/U+2029
/// as `\u2028`/`\u2029`. Numbers use fixed decimals, so the text is byte-identical for equal input.
struct EmbeddedJSON {
    private(set) var text = ""

    mutating func raw(_ s: String) { text += s }

    mutating func string(_ s: String) { text += JSONText.string(s) }

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
