/// Horizontal placement of text relative to its anchor point (along the text direction).
public enum TextAlign: Sendable {
    case start, center, end
}

/// Vertical placement of text relative to its anchor point (across the text direction).
public enum TextBaseline: Sendable {
    /// Anchor at the top of the 13-pixel cell.
    case top
    /// Anchor at the middle of the cell.
    case middle
    /// Anchor at the bottom of the cell.
    case bottom
}

import Foundation

extension Canvas {
    /// Draws `text` with the embedded 6x13 bitmap font.
    ///
    /// - Parameters:
    ///   - x, y: the anchor point in pixels.
    ///   - align, baseline: where the anchor sits on the text box.
    ///   - rotated: draw rotated 90 degrees counter-clockwise (reads bottom to top), as for a
    ///     y-axis label; `align` then runs along the vertical.
    public mutating func text(_ text: String, x: Int, y: Int, color: RGB = .ink,
                              bold: Bool = false, align: TextAlign = .start,
                              baseline: TextBaseline = .top, rotated: Bool = false) {
        let font = bold ? BitmapFont.bold : BitmapFont.regular
        let text = BitmapFont.printable(text)
        let w = BitmapFont.width(of: text), h = BitmapFont.cellHeight
        let ou: Int
        switch align {
        case .start: ou = 0
        case .center: ou = -w / 2
        case .end: ou = -w
        }
        let ov: Int
        switch baseline {
        case .top: ov = 0
        case .middle: ov = -h / 2
        case .bottom: ov = -h
        }
        var u0 = ou
        for scalar in text.unicodeScalars {
            let rows = font.glyph(scalar)
            var v = ov
            for bits in rows {
                if bits != 0 {
                    for col in 0..<BitmapFont.cellWidth where bits & (0x80 >> UInt8(col)) != 0 {
                        let u = u0 + col
                        if rotated {
                            set(x: x + v, y: y - u, color)
                        } else {
                            set(x: x + u, y: y + v, color)
                        }
                    }
                }
                v += 1
            }
            u0 += BitmapFont.cellWidth
        }
    }
}
