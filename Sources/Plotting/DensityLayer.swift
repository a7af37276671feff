import Foundation

/// Density shading for scatter plots with more points than can be seen one by one: every pixel of
/// the data area is coloured by the mean value of the points near it and made more opaque where
/// more points fall, so a dense region reads as a dark patch instead of one blob of overdrawn
/// markers.
///
/// Points are binned to pixels; counts and value sums are smoothed by three passes of a box
/// filter of radius r (together close to a Gaussian of σ ≈ r, Wells 1986), r from the mean spacing
/// of the points, 1–4 px. Opacity is `0.12 + 0.88 · log(1 + c/c₀) / log(1 + c_max/c₀)` for smoothed
/// count c, with c₀ the count of one isolated point's peak: logarithmic, so a lone track stays
/// visible beside a cluster of thousands.
struct DensityLayer {
    let width: Int
    let height: Int
    /// The box filter's radius in pixels.
    let radius: Int
    private(set) var counts: [Double]
    private(set) var sums: [Double]
    private(set) var valued: [Double]

    /// Bins `pixels` (positions inside a `width × height` area) carrying `values` (non-finite: no value).
    init(width: Int, height: Int, pixels: [(Double, Double)], values: [Double]) {
        self.width = width
        self.height = height
        counts = [Double](repeating: 0, count: width * height)
        sums = counts
        valued = counts
        for (p, v) in zip(pixels, values) {
            let x = Int(p.0.rounded(.down)), y = Int(p.1.rounded(.down))
            guard x >= 0, x < width, y >= 0, y < height else { continue }
            counts[y * width + x] += 1
            if v.isFinite {
                sums[y * width + x] += v
                valued[y * width + x] += 1
            }
        }
        radius = max(1, min(4, Int((Double(width * height) / Double(max(1, pixels.count))).squareRoot() / 4)))
        for _ in 0..<3 {
            for i in 0..<3 {
                var grid = i == 0 ? counts : (i == 1 ? sums : valued)
                Self.boxBlur(&grid, width: width, height: height, radius: radius)
                if i == 0 { counts = grid } else if i == 1 { sums = grid } else { valued = grid }
            }
        }
    }

    /// Draws the layer into `rect` of `canvas`: colour `color(mean value)` (or `missing` where the
    /// points have no value) over what is there, with the opacity of the type's formula.
    func draw(_ canvas: inout Canvas, at rect: PixelRect, color: (Double) -> RGB, missing: RGB) {
        guard let peak = counts.max(), peak > 0 else { return }
        let single = Self.singlePeak(radius: radius)
        let scale = log1p(peak / single)
        for y in 0..<height {
            for x in 0..<width {
                let i = y * width + x
                let c = counts[i]
                guard c > single * 0.02 else { continue }
                let alpha = min(1, 0.12 + 0.88 * log1p(c / single) / max(scale, 1e-9))
                let fill = valued[i] > c * 0.5 ? color(sums[i] / valued[i]) : missing
                let under = canvas.pixel(x: rect.x + x, y: rect.y + y)
                canvas.set(x: rect.x + x, y: rect.y + y, Self.mix(fill, over: under, alpha: alpha))
            }
        }
    }

    /// The smoothed count at the centre of one isolated point (the three passes' peak weight).
    static func singlePeak(radius: Int) -> Double {
        let side = 6 * radius + 1
        var probe = [Double](repeating: 0, count: side * side)
        probe[(side / 2) * side + side / 2] = 1
        for _ in 0..<3 { boxBlur(&probe, width: side, height: side, radius: radius) }
        return probe.max() ?? 1
    }

    /// `fill` over `under` with opacity `alpha`, per channel, rounded.
    static func mix(_ fill: RGB, over under: RGB, alpha: Double) -> RGB {
        func channel(_ a: UInt8, _ b: UInt8) -> UInt8 { UInt8((Double(a) * alpha + Double(b) * (1 - alpha)).rounded()) }
        return RGB(channel(fill.r, under.r), channel(fill.g, under.g), channel(fill.b, under.b))
    }

    /// One pass of a (2r + 1)-wide box filter along rows, then columns (edges: the window is cut).
    static func boxBlur(_ grid: inout [Double], width: Int, height: Int, radius: Int) {
        var line = [Double](repeating: 0, count: max(width, height))
        let norm = 1 / Double(2 * radius + 1)
        func pass(count: Int, stride: Int, start: Int) {
            var sum = 0.0
            for k in 0..<min(radius, count) { sum += grid[start + k * stride] }
            for k in 0..<count {
                if k + radius < count { sum += grid[start + (k + radius) * stride] }
                if k - radius - 1 >= 0 { sum -= grid[start + (k - radius - 1) * stride] }
                line[k] = sum * norm
            }
            for k in 0..<count { grid[start + k * stride] = line[k] }
        }
        for y in 0..<height { pass(count: width, stride: 1, start: y * width) }
        for x in 0..<width { pass(count: height, stride: width, start: x) }
    }
}
