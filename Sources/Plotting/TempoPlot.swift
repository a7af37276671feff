/// A two-panel tempo figure. Top: the onset strength envelope over time (seconds) with the beat
/// grid as vertical lines. Bottom: tempo evidence (e.g. autocorrelation or a tempogram summary)
/// over tempo in BPM on a log axis (default 30-300 BPM), with the estimated tempo marked and
/// labelled "123.4 BPM". Default size 640x360 pixels.
public struct TempoPlot: Plot {
    /// Onset strength per frame (any non-negative unit; non-finite values leave gaps).
    public var onsetEnvelope: [Float]
    /// Envelope frames per second.
    public var frameRate: Double
    /// Beat times in seconds.
    public var beatTimes: [Float]
    /// Tempo candidates in BPM, one per evidence value (any order).
    public var tempoBPM: [Float]
    /// Evidence for each tempo candidate.
    public var tempoStrength: [Float]
    /// The estimated tempo in BPM; nil or non-finite draws no marker.
    public var estimatedTempo: Double?
    /// Heading of the top panel (e.g. the track title); the bottom panel is "Tempo evidence".
    public var title: String
    /// Tempo axis range in BPM.
    public var bpmRange: ClosedRange<Double>
    public var logTempoAxis: Bool
    public var width: Int
    public var height: Int

    public init(onsetEnvelope: [Float], frameRate: Double, beatTimes: [Float],
                tempoBPM: [Float], tempoStrength: [Float], estimatedTempo: Double?,
                title: String = "Onset strength and beat grid",
                bpmRange: ClosedRange<Double> = 30...300, logTempoAxis: Bool = true,
                width: Int = 640, height: Int = 360) {
        self.onsetEnvelope = onsetEnvelope
        self.frameRate = frameRate
        self.beatTimes = beatTimes
        self.tempoBPM = tempoBPM
        self.tempoStrength = tempoStrength
        self.estimatedTempo = estimatedTempo
        self.title = title
        self.bpmRange = bpmRange
        self.logTempoAxis = logTempoAxis
        self.width = width
        self.height = height
    }

    static let beatColor = RGB(hex: 0xF4A582)

    public func render() throws -> Canvas {
        let name = "tempo plot"
        guard !onsetEnvelope.isEmpty else { throw PlotError.invalidInput(plot: name, reason: "empty onset envelope") }
        guard frameRate.isFinite, frameRate > 0 else {
            throw PlotError.invalidInput(plot: name, reason: "frame rate \(frameRate) is not positive")
        }
        guard tempoBPM.count == tempoStrength.count else {
            throw PlotError.invalidInput(plot: name, reason: "\(tempoBPM.count) tempi but \(tempoStrength.count) strengths")
        }
        guard bpmRange.lowerBound.isFinite, bpmRange.upperBound.isFinite, bpmRange.lowerBound > 0,
              bpmRange.upperBound > bpmRange.lowerBound else {
            throw PlotError.invalidInput(plot: name, reason: "tempo range must be positive and increasing")
        }
        guard width >= 240, height >= 200 else {
            throw PlotError.invalidInput(plot: name, reason: "size \(width)x\(height) below 240x200")
        }
        var canvas = try Canvas(width: width, height: height)
        let left = PlotMargins.left(yLabelWidth: 30)
        let right = width - 14
        let panelGap = 62
        let both = PlotMargins.dataRect(left: left, right: right, height: height)
        let topPanel = PixelRect(x: left, y: both.y, width: both.width, height: (both.height - panelGap) / 2)
        let bottomY = topPanel.maxY + panelGap
        let bottomPanel = PixelRect(x: left, y: bottomY, width: both.width, height: both.maxY - bottomY)
        drawEnvelope(&canvas, rect: topPanel)
        drawEvidence(&canvas, rect: bottomPanel)
        return canvas
    }

    private func drawEnvelope(_ canvas: inout Canvas, rect: PixelRect) {
        let frames = onsetEnvelope.count
        let finite = onsetEnvelope.filter { $0.isFinite }
        let lo = min(0, Double(finite.min() ?? 0)), hi = Double(finite.max() ?? 1)
        let duration = Double(frames) / frameRate
        let axes = Axes(rect: rect, x: AxisScale(0, duration), y: AxisScale(lo, hi > lo ? hi + (hi - lo) * 0.05 : lo + 1))
        let xTicks = axes.xTicks(), yTicks = axes.yTicks(maxCount: 5)
        axes.drawGrid(&canvas, xTicks: nil, yTicks: yTicks)

        // One point per pixel column: the column's maximum keeps every peak visible.
        canvas.clip = rect
        var xs: [Double] = [], ys: [Double] = []
        xs.reserveCapacity(rect.width)
        ys.reserveCapacity(rect.width)
        let base = axes.py(max(lo, 0))
        for c in 0..<rect.width {
            let f0 = c * frames / rect.width
            let f1 = max(f0 + 1, (c + 1) * frames / rect.width)
            var m = -Float.infinity
            for f in f0..<f1 where onsetEnvelope[f].isFinite && onsetEnvelope[f] > m { m = onsetEnvelope[f] }
            let x = Double(rect.x + c)
            guard m.isFinite else { xs.append(x); ys.append(.nan); continue }
            let y = axes.py(Double(m))
            canvas.fill(x0: rect.x + c, y0: y.pixel, x1: rect.x + c + 1, y1: base.pixel + 1, .lightBlue)
            xs.append(x)
            ys.append(y)
        }
        for t in beatTimes where t.isFinite && t >= 0 && Double(t) <= duration {
            let x = axes.px(Double(t)).pixel
            canvas.fill(x0: x, y0: rect.y, x1: x + 1, y1: rect.maxY, Self.beatColor)
        }
        canvas.polyline(xs: xs, ys: ys, .blue)
        canvas.clip = PixelRect(x: 0, y: 0, width: canvas.width, height: canvas.height)

        axes.drawFrame(&canvas)
        axes.drawXTicks(&canvas, xTicks)
        axes.drawYTicks(&canvas, yTicks)
        axes.drawXLabel(&canvas, "time (s)")
        axes.drawYLabel(&canvas, "onset strength")
        drawHeading(&canvas, rect: rect, title: title,
                    legend: Legend([(.line(.blue), "onset strength"), (.line(Self.beatColor), "beats")]))
    }

    private func drawEvidence(_ canvas: inout Canvas, rect: PixelRect) {
        let order = tempoBPM.indices.filter {
            tempoBPM[$0].isFinite && tempoStrength[$0].isFinite && bpmRange.contains(Double(tempoBPM[$0]))
        }.sorted { (tempoBPM[$0], $0) < (tempoBPM[$1], $1) }
        let strengths = order.map { Double(tempoStrength[$0]) }
        let lo = min(0, strengths.min() ?? 0), hi = strengths.max() ?? 1
        let xScale = AxisScale(bpmRange.lowerBound, bpmRange.upperBound, logarithmic: logTempoAxis)
        let axes = Axes(rect: rect, x: xScale, y: AxisScale(lo, hi > lo ? hi + (hi - lo) * 0.08 : lo + 1))
        let xTicks = axes.xTicks(maxCount: max(2, rect.width / 40)), yTicks = axes.yTicks(maxCount: 4)
        axes.drawGrid(&canvas, xTicks: xTicks, yTicks: yTicks)

        canvas.clip = rect
        let xs = order.map { axes.px(Double(tempoBPM[$0])) }
        let ys = strengths.map { axes.py($0) }
        canvas.polyline(xs: xs, ys: ys, .blue)
        var legend: [(mark: Legend.Mark, label: String)] = [(.line(.blue), "evidence")]
        if let tempo = estimatedTempo, tempo.isFinite, tempo > 0 {
            let x = axes.px(tempo).pixel
            canvas.dashedVLine(x: x, y0: rect.y, y1: rect.maxY, dash: 5, gap: 3, width: 2, .red)
            let label = NumberFormat.fixed(tempo, decimals: 1) + " BPM"
            let w = BitmapFont.width(of: label)
            let onRight = x + 6 + w <= rect.maxX - 2
            canvas.fill(x0: onRight ? x + 4 : x - 6 - w, y0: rect.y + 3, x1: onRight ? x + 8 + w : x - 2, y1: rect.y + 18, .white)
            canvas.text(label, x: onRight ? x + 6 : x - 4, y: rect.y + 4, color: .red, bold: true,
                        align: onRight ? .start : .end)
            legend.append((.dashedLine(.red), "estimated tempo"))
        }
        canvas.clip = PixelRect(x: 0, y: 0, width: canvas.width, height: canvas.height)

        axes.drawFrame(&canvas)
        axes.drawXTicks(&canvas, xTicks)
        axes.drawYTicks(&canvas, yTicks)
        axes.drawXLabel(&canvas, "tempo (BPM, log scale)")
        axes.drawYLabel(&canvas, "strength")
        drawHeading(&canvas, rect: rect, title: "Tempo evidence", legend: Legend(legend))
    }

    /// Bold panel title at the left above the frame, legend entries in a row at the right.
    private func drawHeading(_ canvas: inout Canvas, rect: PixelRect, title: String, legend: Legend) {
        let title = BitmapFont.truncated(title, toWidth: canvas.width - rect.x - 4)
        canvas.text(title, x: rect.x - 1, y: rect.y - 6, bold: true, baseline: .bottom)
        legend.drawInline(&canvas, right: rect.maxX + 1, baselineY: rect.y - 6,
                          minX: rect.x + BitmapFont.width(of: title) + 12)
    }
}
