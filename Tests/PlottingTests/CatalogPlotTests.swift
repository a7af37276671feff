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
