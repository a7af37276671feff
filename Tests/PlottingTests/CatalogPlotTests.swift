import Testing
@testable import Plotting

@Suite struct CatalogPlotTests {
    @Test func catalogMapDrawsPointsInTempoColours() throws {
        let points: [[Double]] = [[0, 0], [1, 1], [2, 0.5], [.nan, 1]]
        let image = try roundTrip(CatalogMap(points: points, tempos: [80, 120, 160, .nan]))
        #expect(image.width == 640 && image.height == 480)
        // The 160 BPM point is the top of the map: yellow-ish viridis end somewhere in the image.
        let top = ColorMap.viridis.color(1)
        var found = false
        for y in 0..<image.height where !found { for x in 0..<image.width where image.pixel(x: x, y: y) == top { found = true } }
        #expect(found)
        #expect(darkPixels(image, x0: 200, y0: 0, x1: 440, y1: 20) > 40)
    }

    /// Density shading: a cluster of thousands is more opaque than one of a few, a lone point still
    /// shows, and the colour is the cluster's mean value.
    @Test func densityLayerShadesByCountAndColoursByValue() throws {
        var state: UInt64 = 7
        func jitter() -> Double { // uniform in [-3, 3) pixels, LCG (Knuth MMIX)
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Double(state >> 11) / Double(1 << 53) * 6 - 3
        }
        var pixels: [(Double, Double)] = [], values: [Double] = []
        for _ in 0..<6_000 { pixels.append((50 + jitter(), 50 + jitter())); values.append(1) }
        for _ in 0..<30 { pixels.append((150 + jitter(), 150 + jitter())); values.append(0) }
        pixels.append((150, 50)); values.append(.nan)
        var canvas = try Canvas(width: 200, height: 200)
        canvas.fill(PixelRect(x: 0, y: 0, width: 200, height: 200), RGB(255, 255, 255))
        DensityLayer(width: 200, height: 200, pixels: pixels, values: values)
            .draw(&canvas, at: PixelRect(x: 0, y: 0, width: 200, height: 200),
                  color: { $0 > 0.5 ? RGB(200, 0, 0) : RGB(0, 0, 200) }, missing: RGB(0, 0, 0))
        func ink(_ c: RGB) -> Int { 765 - Int(c.r) - Int(c.g) - Int(c.b) }
        let dense = canvas.pixel(x: 50, y: 50), sparse = canvas.pixel(x: 150, y: 150), lone = canvas.pixel(x: 150, y: 50)
        #expect(ink(dense) > ink(sparse) && ink(sparse) > ink(lone), "dense \(dense), sparse \(sparse), lone \(lone)")
        #expect(ink(lone) > 60, "a lone point is still visible: \(lone)")
        #expect(dense.r > 150 && dense.b < 60 && sparse.b > sparse.r, "colour follows the value")
        #expect(lone.r == lone.g && lone.g == lone.b, "no value: the missing colour")
        #expect(canvas.pixel(x: 100, y: 100) == RGB(255, 255, 255), "empty space stays blank")
    }

    @Test func catalogMapOfManyTracksIsShaded() throws {
        var state: UInt64 = 3
        func next() -> Double {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Double(state >> 11) / Double(1 << 53)
        }
        let n = CatalogMap.markerLimit + 1
        let map = CatalogMap(points: (0..<n).map { _ in [next(), next()] }, tempos: (0..<n).map { _ in 60 + 120 * next() })
        #expect(try roundTrip(map).width == 640)
    }

    @Test func catalogMapDegenerateInputs() throws {
        #expect(try roundTrip(CatalogMap(points: [[1, 1]], tempos: [100])).width == 640)
        #expect(try roundTrip(CatalogMap(points: [], tempos: [])).width == 640)
        #expect(try roundTrip(CatalogMap(points: [[1, 1], [1, 1]], tempos: [.infinity, 90])).width == 640)
        #expect(throws: PlotError.self) { try CatalogMap(points: [[1, 1]], tempos: []).render() }
        #expect(throws: PlotError.self) { try CatalogMap(points: [[1]], tempos: [90]).render() }
    }

    @Test func histogramBinsAndImage() throws {
        let hist = TempoHistogram(tempos: [90, 91, 94.9, 95, 120, .nan, -3], binWidth: 5)
        let (edges, counts) = try hist.bins()
        #expect(edges.first == 90 && edges.last == 120)
        #expect(counts.first == 3 && counts[1] == 1 && counts.last == 1)
        #expect(counts.reduce(0, +) == 5)
        let image = try roundTrip(hist)
        #expect(image.width == 640 && image.height == 320)
        #expect(darkPixels(image, x0: 0, y0: 20, x1: 20, y1: 300) > 20)
        #expect(throws: PlotError.self) { try TempoHistogram(tempos: []).render() }
        #expect(throws: PlotError.self) { try TempoHistogram(tempos: [100], binWidth: 0).render() }
        #expect(try roundTrip(TempoHistogram(tempos: [100, 100])).height == 320)
    }
}
