/// An MFCC heatmap: time in seconds on x, coefficient index on y (0 at the bottom), a colour bar
/// with value labels on the right. Default size 640x240 pixels.
///
/// Each pixel column shows the mean of the frames it covers (non-finite values skipped; a cell
/// with none is drawn `RGB.missing`). The colour range comes from `scaling` applied to
/// coefficients 1 and up when `rangeExcludesC0` (the default) and there are at least two: c0 is
/// the frame log-energy, typically an order of magnitude larger than the rest, and would flatten
/// them into one colour; its row then saturates at the ends of the map. Colours use `levels` evenly spaced entries of the colour
/// map (248 by default, so that the figure has at most 256 colours and encodes as a palette PNG).
public struct MFCCHeatmap: Plot {
    /// Coefficients, shape [n_mfcc][frames]; every row must have the same length.
    public var mfcc: [[Float]]
    /// Frames per second (sample rate / hop length, e.g. 22050 / 512 = 43.07).
    public var frameRate: Double
    public var title: String
    public var scaling: ColorScaling
    public var colorMap: ColorMap
    /// Leave coefficient 0 out when computing the colour range.
    public var rangeExcludesC0: Bool
    public var width: Int
    public var height: Int

    /// Colour-map entries used by heatmap cells and the colour bar.
    public static let levels = 248

    public init(mfcc: [[Float]], frameRate: Double, title: String = "MFCC",
                scaling: ColorScaling = .robust, colorMap: ColorMap = .magma,
                rangeExcludesC0: Bool = true, width: Int = 640, height: Int = 240) {
        self.mfcc = mfcc
        self.frameRate = frameRate
        self.title = title
        self.scaling = scaling
        self.colorMap = colorMap
        self.rangeExcludesC0 = rangeExcludesC0
        self.width = width
        self.height = height
    }

    /// The value range the colours span (after `scaling`).
    public func colorRange() -> AxisScale {
        let rows = rangeExcludesC0 && mfcc.count > 1 ? mfcc.dropFirst() : mfcc[...]
        return scaling.range(of: rows.flatMap { $0 })
    }

    public func render() throws -> Canvas {
        let name = "MFCC heatmap"
        let coefficients = mfcc.count
        guard coefficients > 0 else { throw PlotError.invalidInput(plot: name, reason: "no coefficients") }
        let frames = mfcc[0].count
        guard frames > 0 else { throw PlotError.invalidInput(plot: name, reason: "no frames") }
        guard mfcc.allSatisfy({ $0.count == frames }) else {
            throw PlotError.invalidInput(plot: name, reason: "rows have different lengths")
        }
        guard frameRate.isFinite, frameRate > 0 else {
            throw PlotError.invalidInput(plot: name, reason: "frame rate \(frameRate) is not positive")
        }
        guard width >= 200, height >= 120 else {
            throw PlotError.invalidInput(plot: name, reason: "size \(width)x\(height) below 200x120")
        }
        var canvas = try Canvas(width: width, height: height)
        let range = colorRange()

        let (rect, yTicks) = layout(range: range)
        guard rect.width >= 8, rect.height >= 8 else {
            throw PlotError.invalidInput(plot: name, reason: "size \(width)x\(height) leaves no room for the data")
        }
        let duration = Double(frames) / frameRate
        let axes = Axes(rect: rect, x: AxisScale(0, duration), y: AxisScale(-0.5, Double(coefficients) - 0.5))

        drawCells(&canvas, rect: rect, range: range)
        let xTicks = axes.xTicks()
        axes.drawFrame(&canvas)
        axes.drawXTicks(&canvas, xTicks)
        axes.drawYTicks(&canvas, yTicks)
        axes.drawXLabel(&canvas, "time (s)")
        axes.drawYLabel(&canvas, "coefficient")
        axes.drawTitle(&canvas, title)
        let bar = ColorBar(rect: PlotMargins.colorBarRect(beside: rect),
                           colorMap: colorMap, scale: range, label: "MFCC value", levels: Self.levels)
        bar.draw(&canvas)
        return canvas
    }

    /// The data rectangle (one pixel column per time slice, coefficient 0 at the bottom) and the
    /// coefficient ticks, for a validated matrix.
    func layout(range: AxisScale) -> (rect: PixelRect, yTicks: Ticks) {
        let coefficients = mfcc.count
        // Layout: rotated y label | tick labels | data | colour bar | its labels.
        let yScale = AxisScale(-0.5, Double(coefficients) - 0.5)
        let yTickProbe = Axes(rect: PixelRect(x: 0, y: 0, width: 10, height: height - 62), x: yScale, y: yScale)
        let yTicks = Self.coefficientTicks(yTickProbe.yTicks(maxCount: 6), count: coefficients)
        let left = PlotMargins.left(yLabelWidth: PlotMargins.labelWidth(yTicks))
        let probe = PlotMargins.dataRect(left: 0, right: PlotMargins.colorBarWidth, height: height)
        let barProbe = ColorBar(rect: probe, colorMap: colorMap, scale: range, label: "")
        let right = PlotMargins.rightOfColorBar(width: width, barLabelWidth: ColorBar.labelWidth(barProbe.ticks()))
        return (PlotMargins.dataRect(left: left, right: right, height: height), yTicks)
    }

    /// Integer tick values within 0..<count.
    static func coefficientTicks(_ ticks: Ticks, count: Int) -> Ticks {
        var values: [Double] = []
        for v in ticks.values where v >= 0 && v <= Double(count - 1) && v == v.rounded() { values.append(v) }
        if values.isEmpty { values = [0] }
        return Ticks(values: values, labels: values.map { String(Int($0)) })
    }

    private func drawCells(_ canvas: inout Canvas, rect: PixelRect, range: AxisScale) {
        let coefficients = mfcc.count, frames = mfcc[0].count
        let span = range.upper - range.lower
        // Colour of every (coefficient, column) cell.
        var cells = [RGB](repeating: .missing, count: coefficients * rect.width)
        for c in 0..<rect.width {
            let f0 = c * frames / rect.width
            let f1 = max(f0 + 1, (c + 1) * frames / rect.width)
            for k in 0..<coefficients {
                var sum = 0.0, n = 0
                mfcc[k].withUnsafeBufferPointer { row in
                    for f in f0..<f1 where row[f].isFinite {
                        sum += Double(row[f])
                        n += 1
                    }
                }
                if n > 0 {
                    cells[k * rect.width + c] = colorMap.color((sum / Double(n) - range.lower) / span, levels: Self.levels)
                }
            }
        }
        // Rows of one coefficient band are identical: build each band's first row, copy it down.
        let stride = canvas.width * 3
        let x0 = max(rect.x, 0), x1 = min(rect.maxX, canvas.width)
        guard x0 < x1, rect.y >= 0, rect.maxY <= canvas.height else { return }
        canvas.pixels.withUnsafeMutableBufferPointer { px in
            var previousK = -1
            for row in 0..<rect.height {
                let k = coefficients - 1 - row * coefficients / rect.height
                let start = (rect.y + row) * stride + x0 * 3
                if k == previousK {
                    (px.baseAddress! + start).update(from: px.baseAddress! + start - stride, count: (x1 - x0) * 3)
                    continue
                }
                previousK = k
                var i = start
                for x in x0..<x1 {
                    let c = cells[k * rect.width + (x - rect.x)]
                    px[i] = c.r
                    px[i + 1] = c.g
                    px[i + 2] = c.b
                    i += 3
                }
            }
        }
    }
}
