/// A vertical colour bar: the colour map from `lower` (bottom) to `upper` (top), framed, with
/// nice-number value labels on its right and a rotated label beyond them.
public struct ColorBar: Sendable {
    public var rect: PixelRect
    public var colorMap: ColorMap
    public var scale: AxisScale
    public var label: String
    /// Number of distinct colours (see `ColorMap.color(_:levels:)`).
    public var levels: Int

    public init(rect: PixelRect, colorMap: ColorMap, scale: AxisScale, label: String, levels: Int = 256) {
        self.rect = rect
        self.colorMap = colorMap
        self.scale = scale
        self.label = label
        self.levels = levels
    }

    /// Pixels the bar needs to its right for tick labels of the given ticks plus the rotated label.
    public static func labelWidth(_ ticks: Ticks) -> Int {
        let widest = ticks.labels.map { BitmapFont.width(of: $0) }.max() ?? 0
        return Axes.tickLength + 3 + widest + 6 + BitmapFont.cellHeight
    }

    /// The ticks the bar will label.
    public func ticks() -> Ticks {
        let axes = Axes(rect: rect, x: AxisScale(0, 1), y: scale)
        return axes.yTicks(maxCount: max(2, rect.height / 28))
    }

    public func draw(_ canvas: inout Canvas) {
        let h = rect.height
        for row in 0..<h {
            let t = h > 1 ? Double(h - 1 - row) / Double(h - 1) : 0.5
            canvas.fill(x0: rect.x, y0: rect.y + row, x1: rect.maxX, y1: rect.y + row + 1, colorMap.color(t, levels: levels))
        }
        let axes = Axes(rect: rect, x: AxisScale(0, 1), y: scale)
        axes.drawFrame(&canvas)
        let t = ticks()
        let right = rect.maxX + 1
        var widest = 0
        for (v, text) in zip(t.values, t.labels) {
            let p = axes.py(v).pixel
            guard p >= rect.y - 1, p <= rect.maxY else { continue }
            canvas.fill(x0: right, y0: p, x1: right + Axes.tickLength, y1: p + 1, .ink)
            canvas.text(text, x: right + Axes.tickLength + 3, y: p + 1, baseline: .middle)
            widest = max(widest, BitmapFont.width(of: text))
        }
        let labelX = right + Axes.tickLength + 3 + widest + 6
        canvas.text(label, x: labelX, y: rect.y + h / 2, align: .center, rotated: true)
    }
}
