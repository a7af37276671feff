/// Text from file names and tags made safe for a terminal line: control characters (ESC,
/// tab, newline, …) are shown as `\u{…}` escapes so they can neither drive the terminal nor
/// break tab-separated output.
func terminalSafe(_ s: String) -> String {
    var out = ""
    for scalar in s.unicodeScalars {
        // C0 and C1 controls, and the bidirectional controls that can make a line read other
        // than it is (U+061C, U+200E/F, U+202A–E, U+2066–9).
        if scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value) || [0x061C, 0x200E, 0x200F].contains(scalar.value)
            || (0x202A...0x202E).contains(scalar.value) || (0x2066...0x2069).contains(scalar.value) {
            out += "\\u{\(String(scalar.value, radix: 16))}"
        } else {
            out.unicodeScalars.append(scalar)
        }
    }
    return out
}
