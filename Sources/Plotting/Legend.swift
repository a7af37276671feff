/// A boxed legend: one row per entry with a small sample of the mark and its label.
public struct Legend: Sendable {
    /// How an entry's sample is drawn.
    public enum Mark: Sendable {
        case line(RGB)
        case dashedLine(RGB)
        case area(RGB)
        case marker(RGB)
    }

    public var entries: [(mark: Mark, label: String)]

    public init(_ entries: [(mark: Mark, label: String)]) {
        self.entries = entries
    }

    static let sampleWidth = 18
    static let rowHeight = 14

    /// Size of the legend box in pixels.
    public var size: (width: Int, height: Int) {
        let widest = entries.map { BitmapFont.width(of: $0.label) }.max() ?? 0
        return (Legend.sampleWidth + 14 + widest, entries.count * Legend.rowHeight + 6)
    }

    /// Draws the legend with its top-right corner at (right, top).
    public func draw(_ canvas: inout Canvas, right: Int, top: Int) {
        let (w, h) = size
        let box = PixelRect(x: right - w, y: top, width: w, height: h)
        canvas.fill(box, .white)
        canvas.stroke(box, RGB(hex: 0xBBBBBB))
        for (i, entry) in entries.enumerated() {
            let cy = top + 3 + i * Legend.rowHeight + Legend.rowHeight / 2
            let x0 = box.x + 5, x1 = x0 + Legend.sampleWidth
            Legend.drawSample(entry.mark, &canvas, x0: x0, cy: cy)
            canvas.text(entry.label, x: x1 + 5, y: cy + 1, baseline: .middle)
        }
    }
}

extension Legend {
    /// Draws the entries in one row ending at `right`, text bottoms at `baselineY`; entries that
    /// would start left of `minX` are dropped from the left so nothing overlaps the title.
    public func drawInline(_ canvas: inout Canvas, right: Int, baselineY: Int, minX: Int) {
        let widths = entries.map { Legend.sampleWidth + 5 + BitmapFont.width(of: $0.label) }
        var x = right
        var starts: [Int] = []
        for w in widths.reversed() {
            x -= w
            starts.insert(x, at: 0)
            x -= 14
        }
        let cy = baselineY - BitmapFont.cellHeight / 2 - 1
        for (entry, x0) in zip(entries, starts) where x0 >= minX {
            let x1 = x0 + Legend.sampleWidth
            Legend.drawSample(entry.mark, &canvas, x0: x0, cy: cy)
            canvas.text(entry.label, x: x1 + 5, y: baselineY, baseline: .bottom)
        }
    }
}

extension Legend {
    /// The sample of `mark`, `sampleWidth` wide, starting at x0 and centred on row cy.
    static func drawSample(_ mark: Mark, _ canvas: inout Canvas, x0: Int, cy: Int) {
        let x1 = x0 + sampleWidth
        switch mark {
        case let .line(c):
            canvas.fill(x0: x0, y0: cy - 1, x1: x1, y1: cy + 1, c)
        case let .dashedLine(c):
            var x = x0
            while x < x1 {
                canvas.fill(x0: x, y0: cy - 1, x1: min(x + 4, x1), y1: cy + 1, c)
                x += 6
            }
        case let .area(c):
            canvas.fill(x0: x0, y0: cy - 4, x1: x1, y1: cy + 5, c)
        case let .marker(c):
            canvas.disc(cx: Double(x0 + x1) / 2, cy: Double(cy), radius: 3.5, fill: c, outline: .ink)
        }
    }
}
