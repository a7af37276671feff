/// The frame every plot leaves around its data rectangle, in pixels: the title band above; tick
/// labels and the axis label below; the rotated y label, the y tick labels and the ticks on the
/// left; and, for plots with a colour scale, the bar and its labels on the right. One place for
/// the arithmetic the heatmap, tempo plot, catalog map and histogram share.
enum PlotMargins {
    /// Title band above the data.
    static let top = 24
    /// Tick labels and axis label below the data.
    static let bottom = 40
    /// Gap between the data and a colour bar, and the bar's width.
    static let colorBarGap = 14, colorBarWidth = 12

    /// The widest of `ticks`' labels (6 when there are none).
    static func labelWidth(_ ticks: Ticks) -> Int {
        ticks.labels.map { BitmapFont.width(of: $0) }.max() ?? 6
    }

    /// Left edge of the data: 4 px, the rotated y label, 6 px, the tick labels (`yLabelWidth`),
    /// 3 px, the ticks and the frame line.
    static func left(yLabelWidth: Int) -> Int {
        4 + BitmapFont.cellHeight + 6 + yLabelWidth + 3 + Axes.tickLength + 1
    }

    /// Right edge of the data in a plot `width` wide with a colour bar whose labels are
    /// `barLabelWidth` wide: the bar, its gap and 6 px for the labels' margin.
    static func rightOfColorBar(width: Int, barLabelWidth: Int) -> Int {
        width - 6 - barLabelWidth - colorBarWidth - colorBarGap
    }

    /// The data rectangle between `left` and `right`, ``top`` and `height − bottom`.
    static func dataRect(left: Int, right: Int, height: Int) -> PixelRect {
        PixelRect(x: left, y: top, width: right - left, height: height - bottom - top)
    }

    /// Where the colour bar goes, beside `data`.
    static func colorBarRect(beside data: PixelRect) -> PixelRect {
        PixelRect(x: data.maxX + colorBarGap, y: data.y, width: colorBarWidth, height: data.height)
    }
}
