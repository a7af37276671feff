/// The catalog map: every track as a point in 2-D (e.g. `PCA.project` of the similarity
/// vectors), coloured by tempo with viridis, with a colour-bar legend "tempo (BPM)".
/// Default size 640x480 pixels. Up to ``markerLimit`` points are drawn as markers in input order;
/// beyond that, where markers would merge into one blob, as density shading (``DensityLayer``:
/// colour the local mean tempo, opacity the local number of tracks).
public struct CatalogMap: Plot {
    /// Point coordinates, shape [n][2]. Points with a non-finite coordinate are skipped.
    public var points: [[Double]]
    /// Tempo of each point in BPM; non-finite tempi draw grey.
    public var tempos: [Double]
    public var title: String
    public var xLabel: String
    public var yLabel: String
    public var colorMap: ColorMap
    public var width: Int
    public var height: Int

    public init(points: [[Double]], tempos: [Double], title: String = "Catalog map",
                xLabel: String = "PC 1", yLabel: String = "PC 2", colorMap: ColorMap = .viridis,
                width: Int = 640, height: Int = 480) {
        self.points = points
        self.tempos = tempos
        self.title = title
        self.xLabel = xLabel
        self.yLabel = yLabel
        self.colorMap = colorMap
        self.width = width
        self.height = height
    }

    /// Most points drawn one by one (markers of 2.5 px radius start to cover each other past a
    /// few thousand on a 640×480 plot).
    public static let markerLimit = 5_000

    public func render() throws -> Canvas {
        let name = "catalog map"
        guard points.count == tempos.count else {
            throw PlotError.invalidInput(plot: name, reason: "\(points.count) points but \(tempos.count) tempi")
        }
        guard points.allSatisfy({ $0.count == 2 }) else {
            throw PlotError.invalidInput(plot: name, reason: "every point needs exactly 2 coordinates")
        }
        guard width >= 240, height >= 200 else {
            throw PlotError.invalidInput(plot: name, reason: "size \(width)x\(height) below 240x200")
        }
        var canvas = try Canvas(width: width, height: height)
        let shown = points.indices.filter { points[$0][0].isFinite && points[$0][1].isFinite }
        let finiteTempos = tempos.filter { $0.isFinite }
        let tempoScale = AxisScale(finiteTempos.min() ?? 60, finiteTempos.max() ?? 180)

        let xs = shown.map { points[$0][0] }, ys = shown.map { points[$0][1] }
        let xScale = Self.padded(xs), yScale = Self.padded(ys)
        let probe = Axes(rect: PixelRect(x: 0, y: 0, width: width - 150, height: height - 70), x: xScale, y: yScale)
        let yTicks = probe.yTicks(maxCount: max(2, (height - 70) / 40))
        let left = PlotMargins.left(yLabelWidth: PlotMargins.labelWidth(yTicks))
        let barProbe = ColorBar(rect: PlotMargins.dataRect(left: 0, right: PlotMargins.colorBarWidth, height: height),
                                colorMap: colorMap, scale: tempoScale, label: "")
        let right = PlotMargins.rightOfColorBar(width: width, barLabelWidth: ColorBar.labelWidth(barProbe.ticks()))
        let rect = PlotMargins.dataRect(left: left, right: right, height: height)
        guard rect.width >= 8, rect.height >= 8 else {
            throw PlotError.invalidInput(plot: name, reason: "size \(width)x\(height) leaves no room for the data")
        }
        let axes = Axes(rect: rect, x: xScale, y: yScale)
        let xTicks = axes.xTicks()
        axes.drawGrid(&canvas, xTicks: xTicks, yTicks: yTicks)

        canvas.clip = rect
        if shown.count > Self.markerLimit {
            let pixels = shown.map { (axes.px(points[$0][0]) - Double(rect.x), axes.py(points[$0][1]) - Double(rect.y)) }
            DensityLayer(width: rect.width, height: rect.height, pixels: pixels, values: shown.map { tempos[$0] })
                .draw(&canvas, at: rect, color: { colorMap.color(tempoScale.fraction($0)) }, missing: RGB.missing)
        } else {
            let radius = shown.count > 2000 ? 2.5 : 3.5
            for i in shown {
                let t = tempos[i]
                let fill = t.isFinite ? colorMap.color(tempoScale.fraction(t)) : RGB.missing
                canvas.disc(cx: axes.px(points[i][0]), cy: axes.py(points[i][1]), radius: radius,
                            fill: fill, outline: RGB(hex: 0x444444))
            }
        }
        canvas.clip = PixelRect(x: 0, y: 0, width: width, height: height)

        axes.drawFrame(&canvas)
        axes.drawXTicks(&canvas, xTicks)
        axes.drawYTicks(&canvas, yTicks)
        axes.drawXLabel(&canvas, xLabel)
        axes.drawYLabel(&canvas, yLabel)
        let shading = shown.count > Self.markerLimit ? ", shaded by density" : ""
        axes.drawTitle(&canvas, title + " (\(shown.count) track\(shown.count == 1 ? "" : "s")\(shading))")
        ColorBar(rect: PlotMargins.colorBarRect(beside: rect),
                 colorMap: colorMap, scale: tempoScale, label: "tempo (BPM)").draw(&canvas)
        return canvas
    }

    /// The data range widened by 6% each side (so edge markers are not cut by the frame).
    static func padded(_ values: [Double]) -> AxisScale {
        guard let lo = values.min(), let hi = values.max() else { return AxisScale(-1, 1) }
        let pad = hi > lo ? (hi - lo) * 0.06 : max(abs(lo) * 0.1, 1)
        return AxisScale(lo - pad, hi + pad)
    }
}
