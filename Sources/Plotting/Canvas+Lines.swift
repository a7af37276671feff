/// Anti-aliased lines and markers.
///
/// Lines use Xiaolin Wu's algorithm (Wu 1991, "An efficient antialiasing technique",
/// SIGGRAPH '91): each step along the major axis splits coverage between the two pixels nearest
/// the ideal line.
extension Canvas {
    /// A one-pixel anti-aliased line between two points given in pixel coordinates
    /// (pixel centres at integer + 0.5 are not assumed: integer coordinates are pixel centres).
    public mutating func line(_ x0: Double, _ y0: Double, _ x1: Double, _ y1: Double, _ c: RGB) {
        guard x0.isFinite, y0.isFinite, x1.isFinite, y1.isFinite else { return }
        // Refuse absurd coordinates that would loop for a long time; clip roughly to the canvas.
        let limit = Double(Canvas.maxSide * 4)
        guard abs(x0) < limit, abs(x1) < limit, abs(y0) < limit, abs(y1) < limit else { return }
        let steep = abs(y1 - y0) > abs(x1 - x0)
        var (ax, ay, bx, by) = steep ? (y0, x0, y1, x1) : (x0, y0, x1, y1)
        if ax > bx { swap(&ax, &bx); swap(&ay, &by) }
        let dx = bx - ax
        let gradient = dx == 0 ? 0 : (by - ay) / dx
        let startX = Int(ax.rounded()), endX = Int(bx.rounded())
        if startX == endX {
            plotPair(steep, startX, ay, c, weight: max(bx - ax, 0.5))
            return
        }
        var yAt = ay + gradient * (Double(startX) - ax)
        for x in startX...endX {
            var weight = 1.0
            if x == startX { weight = 0.5 + (Double(startX) - ax) }
            if x == endX { weight = 0.5 + (bx - Double(endX)) }
            plotPair(steep, x, yAt, c, weight: min(max(weight, 0), 1))
            yAt += gradient
        }
    }

    @inline(__always)
    private mutating func plotPair(_ steep: Bool, _ major: Int, _ minor: Double, _ c: RGB, weight: Double) {
        // floor without a libm call: truncate, then step down for negative non-integers
        // (|minor| is bounded by the line's coordinate limit, so both steps are exact).
        var m = Int(minor)
        if Double(m) > minor { m -= 1 }
        let frac = minor - Double(m)
        if steep {
            blend(x: m, y: major, c, alpha: (1 - frac) * weight)
            blend(x: m + 1, y: major, c, alpha: frac * weight)
        } else {
            blend(x: major, y: m, c, alpha: (1 - frac) * weight)
            blend(x: major, y: m + 1, c, alpha: frac * weight)
        }
    }

    /// Connected anti-aliased segments through `xs[i], ys[i]` (pixel coordinates). A non-finite
    /// point breaks the line.
    public mutating func polyline(xs: [Double], ys: [Double], _ c: RGB) {
        let n = min(xs.count, ys.count)
        guard n > 1 else {
            if n == 1 { line(xs[0], ys[0], xs[0], ys[0], c) }
            return
        }
        for i in 1..<n {
            line(xs[i - 1], ys[i - 1], xs[i], ys[i], c)
        }
    }

    /// A filled anti-aliased disc of `radius` pixels centred at (cx, cy), with a one-pixel
    /// `outline` ring when given.
    public mutating func disc(cx: Double, cy: Double, radius: Double, fill: RGB, outline: RGB? = nil) {
        guard abs(cx) < 1_000_000, abs(cy) < 1_000_000, radius.isFinite, radius > 0, radius < 256 else { return }
        let x0 = Int((cx - radius - 1).rounded(.down)), x1 = Int((cx + radius + 1).rounded(.up))
        let y0 = Int((cy - radius - 1).rounded(.down)), y1 = Int((cy + radius + 1).rounded(.up))
        let inner = outline == nil ? radius : radius - 1
        for y in y0...y1 {
            for x in x0...x1 {
                let dx = Double(x) - cx, dy = Double(y) - cy
                let d = (dx * dx + dy * dy).squareRoot()
                if let ring = outline {
                    let a = min(max(radius + 0.5 - d, 0), 1)
                    if a > 0 { blend(x: x, y: y, ring, alpha: a) }
                }
                let a = min(max(inner + 0.5 - d, 0), 1)
                if a > 0 { blend(x: x, y: y, fill, alpha: a) }
            }
        }
    }
}
