/// A rectangular data area on a canvas with an x and a y scale, and the furniture around it:
/// frame, ticks, tick labels, axis labels and title.
///
/// The data rectangle `rect` is where data is drawn; the frame is drawn one pixel outside it,
/// tick marks point outwards so they never hide data.
public struct Axes: Sendable {
    public var rect: PixelRect
    public var x: AxisScale
    public var y: AxisScale

    /// Length of tick marks in pixels.
    static let tickLength = 4

    public init(rect: PixelRect, x: AxisScale, y: AxisScale) {
        self.rect = rect
        self.x = x
        self.y = y
    }

    /// Horizontal pixel coordinate (continuous) of data value `v`.
    public func px(_ v: Double) -> Double {
        Double(rect.x) + x.fraction(v) * Double(rect.width - 1)
    }

    /// Vertical pixel coordinate (continuous) of data value `v`; larger values are higher up.
    public func py(_ v: Double) -> Double {
        Double(rect.maxY - 1) - y.fraction(v) * Double(rect.height - 1)
    }

    /// Default x ticks for the scale, at most one per 60 pixels unless `maxCount` is given.
    public func xTicks(maxCount: Int? = nil) -> Ticks {
        let n = maxCount ?? max(2, rect.width / 60)
        return x.logarithmic ? .logarithmic(x, maxCount: n) : .linear(x, maxCount: n)
    }

    /// Default y ticks for the scale, at most one per 30 pixels unless `maxCount` is given.
    public func yTicks(maxCount: Int? = nil) -> Ticks {
        let n = maxCount ?? max(2, rect.height / 30)
        return y.logarithmic ? .logarithmic(y, maxCount: n) : .linear(y, maxCount: n)
    }

    /// Light grid lines at the given tick values (drawn inside the data rectangle).
    public func drawGrid(_ canvas: inout Canvas, xTicks: Ticks?, yTicks: Ticks?, color: RGB = .grid) {
        if let xt = xTicks {
            for v in xt.values {
                let p = px(v).pixel
                canvas.fill(x0: p, y0: rect.y, x1: p + 1, y1: rect.maxY, color)
            }
        }
        if let yt = yTicks {
            for v in yt.values {
                let p = py(v).pixel
                canvas.fill(x0: rect.x, y0: p, x1: rect.maxX, y1: p + 1, color)
            }
        }
    }

    /// The frame one pixel outside the data rectangle.
    public func drawFrame(_ canvas: inout Canvas, color: RGB = .ink) {
        canvas.stroke(PixelRect(x: rect.x - 1, y: rect.y - 1, width: rect.width + 2, height: rect.height + 2), color)
    }

    /// Tick marks below the frame and labels centred under them. Labels are kept on the canvas.
    public func drawXTicks(_ canvas: inout Canvas, _ ticks: Ticks) {
        let top = rect.maxY + 1
        for (v, label) in zip(ticks.values, ticks.labels) {
            let p = px(v).pixel
            guard p >= rect.x - 1, p <= rect.maxX else { continue }
            canvas.fill(x0: p, y0: top, x1: p + 1, y1: top + Axes.tickLength, .ink)
            let half = BitmapFont.width(of: label) / 2
            let cx = min(max(p, half), canvas.width - half)
            canvas.text(label, x: cx, y: top + Axes.tickLength + 2, align: .center)
        }
    }

    /// Tick marks left of the frame and labels right-aligned beside them.
    public func drawYTicks(_ canvas: inout Canvas, _ ticks: Ticks) {
        let left = rect.x - 1
        for (v, label) in zip(ticks.values, ticks.labels) {
            let p = py(v).pixel
            guard p >= rect.y - 1, p <= rect.maxY else { continue }
            canvas.fill(x0: left - Axes.tickLength, y0: p, x1: left, y1: p + 1, .ink)
            canvas.text(label, x: left - Axes.tickLength - 3, y: p + 1, align: .end, baseline: .middle)
        }
    }

    /// The x-axis label centred under the tick labels.
    public func drawXLabel(_ canvas: inout Canvas, _ label: String) {
        let y = rect.maxY + 1 + Axes.tickLength + 2 + BitmapFont.cellHeight + 2
        canvas.text(label, x: rect.x + rect.width / 2, y: y, align: .center)
    }

    /// The y-axis label, rotated, with its top `x` pixels from the canvas' left edge.
    public func drawYLabel(_ canvas: inout Canvas, _ label: String, x left: Int = 4) {
        canvas.text(label, x: left, y: rect.y + rect.height / 2, align: .center, rotated: true)
    }

    /// A bold title centred above the data rectangle, its baseline `gap` pixels above the frame.
    public func drawTitle(_ canvas: inout Canvas, _ title: String, gap: Int = 5) {
        let title = BitmapFont.truncated(title, toWidth: canvas.width - 8)
        let half = BitmapFont.width(of: title) / 2
        let cx = min(max(rect.x + rect.width / 2, half + 2), canvas.width - half - 2)
        canvas.text(title, x: cx, y: rect.y - 1 - gap, bold: true, align: .center, baseline: .bottom)
    }
}
