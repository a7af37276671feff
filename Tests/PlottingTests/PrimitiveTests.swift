import Testing
@testable import Plotting

@Suite struct PrimitiveTests {
    @Test func niceLinearTicks() {
        let t = Ticks.linear(AxisScale(0, 30), maxCount: 8)
        #expect(t.values == [0, 5, 10, 15, 20, 25, 30])
        #expect(t.labels == ["0", "5", "10", "15", "20", "25", "30"])
        let small = Ticks.linear(AxisScale(-0.13, 0.27), maxCount: 5)
        #expect(small.labels == ["-0.1", "0.0", "0.1", "0.2"])
    }

    @Test func logTicksOverTempoRange() {
        let t = Ticks.logarithmic(AxisScale(30, 300, logarithmic: true), maxCount: 14)
        #expect(t.labels == ["30", "40", "50", "60", "80", "100", "150", "200", "300"])
    }

    @Test func fixedNumberFormat() {
        #expect(NumberFormat.fixed(123.45, decimals: 1) == "123.5")
        #expect(NumberFormat.fixed(-0.04, decimals: 1) == "0.0")
        #expect(NumberFormat.fixed(0.5, decimals: 2) == "0.50")
        #expect(NumberFormat.fixed(-7, decimals: 0) == "-7")
        #expect(NumberFormat.compact(1.5e-7) == "1.5e-7")
    }

    @Test func colourMapTablesMatchMatplotlib() {
        #expect(ColorMap.viridis.color(index: 0) == RGB(68, 1, 84))
        #expect(ColorMap.viridis.color(index: 255) == RGB(253, 231, 37))
        #expect(ColorMap.magma.color(index: 0) == RGB(0, 0, 4))
        #expect(ColorMap.magma.color(index: 255) == RGB(252, 253, 191))
        #expect(ColorMap.viridis.color(.nan) == .missing)
        #expect(ColorMap.viridis.tableIndex(0.5) == 128)
    }

    @Test func percentileMatchesSortedReference() {
        for seed in UInt64(1)...20 {
            let values = noise(count: Int(seed) * 37, seed: seed)
            let sorted = values.sorted()
            for p in [0.0, 2, 50, 98, 100] {
                var copy = values
                let position = p / 100 * Double(sorted.count - 1)
                let k = Int(position)
                let expected = k + 1 < sorted.count
                    ? Double(sorted[k]) + (Double(sorted[k + 1]) - Double(sorted[k])) * (position - Double(k))
                    : Double(sorted[k])
                #expect(abs(Percentile.of(&copy, p) - expected) < 1e-6)
            }
        }
    }

    @Test func textAndLinesDrawInsideTheCanvasOnly() throws {
        var canvas = try Canvas(width: 50, height: 20)
        canvas.text("Hello, world! {}", x: -10, y: 5)
        canvas.text("rotated", x: 2, y: 19, rotated: true)
        canvas.line(-100, -100, 1e6, 5, .red)
        canvas.line(.nan, 0, 3, 3, .red)
        canvas.disc(cx: 49, cy: 0, radius: 5, fill: .blue, outline: .ink)
        var ink = 0
        for y in 0..<20 { for x in 0..<50 where canvas.pixel(x: x, y: y) == .ink { ink += 1 } }
        #expect(ink > 30)
    }

    @Test func axisScaleRepairsDegenerateRanges() {
        let s = AxisScale(3, 3)
        #expect(s.lower < s.upper)
        let l = AxisScale(-1, 0, logarithmic: true)
        #expect(l.lower > 0 && l.lower < l.upper)
        let n = AxisScale(.nan, .infinity)
        #expect(n.lower == 0 && n.upper == 1)
    }
}

@Suite struct TextTests {
    @Test func nonASCIITextIsFoldedToPrintableASCII() {
        #expect(BitmapFont.printable("Beyoncé — Déjà vu") == "Beyonce - Deja vu")
        #expect(BitmapFont.printable("plain") == "plain")
        #expect(BitmapFont.printable("日本") == "??")
        #expect(BitmapFont.width(of: "Ωmega") == 5 * BitmapFont.cellWidth)
    }
}

@Suite struct ExtremeValueTests {
    @Test func extremeMagnitudesNeverCrash() throws {
        for matrix: [[Float]] in [[[1e30, -1e30, 3]], [[1e-38, 2e-38, 0]], [[.greatestFiniteMagnitude, -.greatestFiniteMagnitude]]] {
            #expect(try roundTrip(MFCCHeatmap(mfcc: matrix, frameRate: 43)).width == 640)
        }
        #expect(try roundTrip(MFCCHeatmap(mfcc: [[1, 2]], frameRate: 1e-300)).width == 640)
        var linear = Fixture.tempoPlot(estimated: 1e300)
        linear.logTempoAxis = false
        #expect(try roundTrip(linear).width == 640)
        #expect(try roundTrip(Fixture.tempoPlot(envelope: [1e38, -1e38, 0], estimated: -5)).width == 640)
        #expect(try roundTrip(CatalogMap(points: [[1e308, -1e308], [-1e308, 1e308]], tempos: [1e300, -1e300])).width == 640)
        #expect(throws: PlotError.self) { try TempoHistogram(tempos: [60, 200], binWidth: 1e-300).render() }
        #expect(Ticks.linear(AxisScale(Double.leastNonzeroMagnitude * 2, Double.leastNonzeroMagnitude * 4), maxCount: 5).values.count <= 5)
        #expect((Double.infinity).pixel == 1_000_000 && Double.nan.pixel == -1_000_000)
    }
}
