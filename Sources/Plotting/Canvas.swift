extension Double {
    /// The nearest integer pixel coordinate, clamped to ±1,000,000 (NaN gives -1,000,000), so
    /// extreme data never overflows an `Int` conversion; such pixels are off-canvas and clipped.
    var pixel: Int {
        guard !isNaN else { return -1_000_000 }
        return Int(Swift.min(Swift.max(rounded(), -1_000_000), 1_000_000))
    }
}

/// An integer pixel rectangle: `x`, `y` is the top-left corner, sizes in pixels.
public struct PixelRect: Sendable, Hashable {
    public var x: Int
    public var y: Int
    public var width: Int
    public var height: Int

    public init(x: Int, y: Int, width: Int, height: Int) {
        self.x = x
        self.y = y
        self.width = width
        self.height = height
    }

    public var maxX: Int { x + width }
    public var maxY: Int { y + height }

    public func contains(x px: Int, y py: Int) -> Bool {
        px >= x && px < maxX && py >= y && py < maxY
    }
}

/// An RGB8 raster, row-major, origin at the top-left, `pixels` holding r, g, b per pixel.
///
/// Every drawing operation is clipped to `clip` (the whole canvas by default), so callers may
/// pass any coordinates, including off-canvas or non-finite ones (those are ignored).
public struct Canvas: Sendable, Equatable {
    public let width: Int
    public let height: Int
    public internal(set) var pixels: [UInt8]
    /// Drawing is restricted to this rectangle (intersected with the canvas).
    public var clip: PixelRect

    /// Largest accepted side, to keep allocations bounded.
    public static let maxSide = 8192

    /// A canvas filled with `background`. Sides must be in 1...`maxSide`.
    public init(width: Int, height: Int, background: RGB = .white) throws {
        guard (1...Canvas.maxSide).contains(width), (1...Canvas.maxSide).contains(height) else {
            throw PlotError.invalidInput(plot: "canvas", reason: "size \(width)x\(height) outside 1...\(Canvas.maxSide)")
        }
        self.width = width
        self.height = height
        if background.r == background.g && background.g == background.b {
            self.pixels = [UInt8](repeating: background.r, count: width * height * 3)  // memset
        } else {
            var px = [UInt8](repeating: 0, count: width * height * 3)
            for i in stride(from: 0, to: px.count, by: 3) {
                px[i] = background.r
                px[i + 1] = background.g
                px[i + 2] = background.b
            }
            self.pixels = px
        }
        self.clip = PixelRect(x: 0, y: 0, width: width, height: height)
    }

    /// The colour at (x, y); callers must stay inside the canvas.
    public func pixel(x: Int, y: Int) -> RGB {
        let i = (y * width + x) * 3
        return RGB(pixels[i], pixels[i + 1], pixels[i + 2])
    }

    @inline(__always)
    private func visible(_ x: Int, _ y: Int) -> Bool {
        x >= 0 && y >= 0 && x < width && y < height && clip.contains(x: x, y: y)
    }

    /// Sets one pixel (clipped).
    public mutating func set(x: Int, y: Int, _ c: RGB) {
        guard visible(x, y) else { return }
        let i = (y * width + x) * 3
        pixels[i] = c.r
        pixels[i + 1] = c.g
        pixels[i + 2] = c.b
    }

    /// Blends `c` over the pixel with coverage `alpha` in [0, 1]. Coverage is quantised to
    /// eighths so anti-aliased drawings use few distinct colours (keeps palette PNGs possible).
    public mutating func blend(x: Int, y: Int, _ c: RGB, alpha: Double) {
        guard visible(x, y), alpha.isFinite else { return }
        // Round half away from zero, as `rounded()`, without a libm call (baseline x86-64 has
        // no rounding instruction): v is in [0, 8], so truncation is floor and v − t is exact.
        let v = min(max(alpha, 0), 1) * 8
        let t = Int(v)
        let a = v - Double(t) >= 0.5 ? t + 1 : t
        guard a > 0 else { return }
        let i = (y * width + x) * 3
        if a >= 8 {
            pixels[i] = c.r
            pixels[i + 1] = c.g
            pixels[i + 2] = c.b
            return
        }
        pixels[i] = UInt8((Int(c.r) * a + Int(pixels[i]) * (8 - a) + 4) / 8)
        pixels[i + 1] = UInt8((Int(c.g) * a + Int(pixels[i + 1]) * (8 - a) + 4) / 8)
        pixels[i + 2] = UInt8((Int(c.b) * a + Int(pixels[i + 2]) * (8 - a) + 4) / 8)
    }

    /// Fills the half-open pixel rectangle [x0, x1) x [y0, y1) (clipped).
    public mutating func fill(x0: Int, y0: Int, x1: Int, y1: Int, _ c: RGB) {
        let lx = max(x0, clip.x, 0), hx = min(x1, clip.maxX, width)
        let ly = max(y0, clip.y, 0), hy = min(y1, clip.maxY, height)
        guard lx < hx, ly < hy else { return }
        let w = width
        pixels.withUnsafeMutableBufferPointer { p in
            for y in ly..<hy {
                var i = (y * w + lx) * 3
                for _ in lx..<hx {
                    p[i] = c.r
                    p[i + 1] = c.g
                    p[i + 2] = c.b
                    i += 3
                }
            }
        }
    }

    /// Fills a `PixelRect`.
    public mutating func fill(_ r: PixelRect, _ c: RGB) {
        fill(x0: r.x, y0: r.y, x1: r.maxX, y1: r.maxY, c)
    }

    /// A one-pixel rectangle outline.
    public mutating func stroke(_ r: PixelRect, _ c: RGB) {
        fill(x0: r.x, y0: r.y, x1: r.maxX, y1: r.y + 1, c)
        fill(x0: r.x, y0: r.maxY - 1, x1: r.maxX, y1: r.maxY, c)
        fill(x0: r.x, y0: r.y, x1: r.x + 1, y1: r.maxY, c)
        fill(x0: r.maxX - 1, y0: r.y, x1: r.maxX, y1: r.maxY, c)
    }

    /// A vertical dashed line at column `x` from `y0` to `y1` (exclusive), `dash` on, `gap` off.
    public mutating func dashedVLine(x: Int, y0: Int, y1: Int, dash: Int, gap: Int, width w: Int = 1, _ c: RGB) {
        var y = y0
        while y < y1 {
            fill(x0: x, y0: y, x1: x + w, y1: min(y + dash, y1), c)
            y += max(dash + gap, 1)
        }
    }
}
