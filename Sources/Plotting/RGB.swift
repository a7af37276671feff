/// An 8-bit sRGB colour.
public struct RGB: Sendable, Hashable {
    public var r: UInt8
    public var g: UInt8
    public var b: UInt8

    public init(_ r: UInt8, _ g: UInt8, _ b: UInt8) {
        self.r = r
        self.g = g
        self.b = b
    }

    /// `0xRRGGBB`.
    public init(hex: UInt32) {
        self.init(UInt8((hex >> 16) & 0xFF), UInt8((hex >> 8) & 0xFF), UInt8(hex & 0xFF))
    }

    public static let white = RGB(255, 255, 255)
    public static let black = RGB(0, 0, 0)
    /// Text and axis frame colour: near-black, softer than pure black.
    public static let ink = RGB(hex: 0x222222)
    /// Light grid lines.
    public static let grid = RGB(hex: 0xE3E3E3)
    /// Cells whose value is NaN or infinite.
    public static let missing = RGB(hex: 0xBDBDBD)
    /// The matplotlib "tab10" blue, orange and red, used for lines and markers.
    public static let blue = RGB(hex: 0x1F77B4)
    public static let orange = RGB(hex: 0xFF7F0E)
    public static let red = RGB(hex: 0xD62728)
    public static let lightBlue = RGB(hex: 0xC6DBEF)
}
