extension String {
    /// Left-aligned in `width` characters (Foundation on Linux ignores the width of `%-N@`).
    func padded(_ width: Int) -> String {
        count >= width ? self : self + String(repeating: " ", count: width - count)
    }
}
