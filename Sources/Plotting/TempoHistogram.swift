/// A histogram of track tempi: bins of `binWidth` BPM aligned to multiples of it, tempo (BPM)
/// on x, number of tracks on y. Non-finite or non-positive tempi are left out (and the title
/// counts only those shown). Default size 640x320 pixels.
public struct TempoHistogram: Plot {
    /// Tempi in BPM.
    public var tempos: [Double]
    /// Bin width in BPM (> 0).
    public var binWidth: Double
    public var title: String
    public var width: Int
    public var height: Int

    public init(tempos: [Double], binWidth: Double = 5, title: String = "Tempo distribution",
                width: Int = 640, height: Int = 320) {
        self.tempos = tempos
        self.binWidth = binWidth
        self.title = title
        self.width = width
        self.height = height
    }

    /// Bin lower edges and counts.
    public func bins() throws -> (lowerEdges: [Double], counts: [Int]) {
        guard binWidth.isFinite, binWidth > 0 else {
            throw PlotError.invalidInput(plot: "tempo histogram", reason: "bin width \(binWidth) is not positive")
        }
        let valid = tempos.filter { $0.isFinite && $0 > 0 && $0 < 10_000 }
        guard let lo = valid.min(), let hi = valid.max() else {
            throw PlotError.invalidInput(plot: "tempo histogram", reason: "no finite positive tempi")
        }
        let first = (lo / binWidth).rounded(.down)
        let span = (hi / binWidth).rounded(.down) - first + 1
        guard span.isFinite, span <= 2000 else {
            throw PlotError.invalidInput(plot: "tempo histogram",
                                         reason: "bin width \(binWidth) BPM gives more than 2000 bins")
        }
        let count = Int(span)
        var counts = [Int](repeating: 0, count: count)
        for t in valid {
            let k = min(max(Int((t / binWidth).rounded(.down) - first), 0), count - 1)
            counts[k] += 1
        }
        return ((0..<count).map { (first + Double($0)) * binWidth }, counts)
    }

    public func render() throws -> Canvas {
        let (edges, counts) = try bins()
        guard width >= 240, height >= 160 else {
            throw PlotError.invalidInput(plot: "tempo histogram", reason: "size \(width)x\(height) below 240x160")
        }
        var canvas = try Canvas(width: width, height: height)
        let maxCount = counts.max() ?? 1
        let lo = edges[0], hi = edges[edges.count - 1] + binWidth
        // At least 8 bins wide, so a narrow distribution is not one giant bar.
        let padX = max((hi - lo) * 0.04, binWidth / 2, (8 * binWidth - (hi - lo)) / 2)
        let yScale = AxisScale(0, Double(maxCount) * 1.08 + 0.01)
        let probeTicks = Ticks.linear(yScale, maxCount: max(2, (height - 64) / 32))
        let yTicks = Self.integerTicks(probeTicks)
        let left = PlotMargins.left(yLabelWidth: PlotMargins.labelWidth(yTicks))
        let rect = PlotMargins.dataRect(left: left, right: width - 16, height: height)
        let axes = Axes(rect: rect, x: AxisScale(lo - padX, hi + padX), y: yScale)
        let xTicks = axes.xTicks()
        axes.drawGrid(&canvas, xTicks: nil, yTicks: yTicks)

        canvas.clip = rect
        let base = axes.py(0).pixel + 1
        for (edge, n) in zip(edges, counts) where n > 0 {
            let x0 = axes.px(edge).pixel, x1 = axes.px(edge + binWidth).pixel
            let top = axes.py(Double(n)).pixel
            canvas.fill(x0: x0, y0: top, x1: max(x1, x0 + 1), y1: base, .blue)
            if x1 - x0 > 3 { canvas.fill(x0: x1 - 1, y0: top, x1: x1, y1: base, .white) }
        }
        canvas.clip = PixelRect(x: 0, y: 0, width: width, height: height)

        axes.drawFrame(&canvas)
        axes.drawXTicks(&canvas, xTicks)
        axes.drawYTicks(&canvas, yTicks)
        axes.drawXLabel(&canvas, "tempo (BPM), bins of " + NumberFormat.compact(binWidth) + " BPM")
        axes.drawYLabel(&canvas, "tracks")
        axes.drawTitle(&canvas, title + " (\(counts.reduce(0, +)) track\(counts.reduce(0, +) == 1 ? "" : "s"))")
        return canvas
    }

    /// Keeps only whole-number ticks (counts are integers).
    static func integerTicks(_ t: Ticks) -> Ticks {
        let values = t.values.filter { $0 >= 0 && $0 == $0.rounded() }
        return Ticks(values: values, labels: values.map { String(Int($0)) })
    }
}
