/// Text from file names and tags made safe for a terminal line: control characters (ESC,
/// tab, newline, …) are shown as `\u{…}` escapes so they can neither drive the terminal nor
/// break tab-separated output.
func terminalSafe(_ s: String) -> String {
    var out = ""
    for scalar in s.unicodeScalars {
        if scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value) {
            out += "\\u{\(String(scalar.value, radix: 16))}"
        } else {
            out.unicodeScalars.append(scalar)
        }
    }
    return out
}
