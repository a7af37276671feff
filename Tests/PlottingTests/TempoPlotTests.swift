import Testing
@testable import Plotting

@Suite struct TempoPlotTests {
    @Test func dimensionsSizeAndDeterminism() throws {
        let plot = Fixture.tempoPlot()
        let bytes = try plot.pngData()
        let image = try PNGImage.decode(bytes)
        #expect(image.width == 640 && image.height == 360)
        #expect(bytes.count < 50_000)
        #expect(try plot.pngData() == bytes)
    }

    @Test func estimatedTempoIsMarkedInRed() throws {
        let image = try roundTrip(Fixture.tempoPlot(estimated: 120))
        // The bold red "120.0 BPM" label and the dashed marker are the only red pixels.
        var red = 0
        for y in 0..<image.height { for x in 0..<image.width where image.pixel(x: x, y: y) == .red { red += 1 } }
        #expect(red > 100)
        let none = try roundTrip(Fixture.tempoPlot(estimated: nil))
        var redWithout = 0
        for y in 0..<none.height { for x in 0..<none.width where none.pixel(x: x, y: y) == .red { redWithout += 1 } }
        #expect(redWithout < red / 4)
    }

    @Test func labelsLeaveTextPixels() throws {
        let image = try roundTrip(Fixture.tempoPlot())
        // Panel titles at the top-left, x labels at the bottom, y labels at the left edge.
        #expect(darkPixels(image, x0: 60, y0: 0, x1: 300, y1: 20) > 40)
        #expect(darkPixels(image, x0: 60, y0: image.height - 16, x1: image.width, y1: image.height) > 40)
        #expect(darkPixels(image, x0: 0, y0: 20, x1: 20, y1: image.height) > 60)
    }

    @Test func degenerateInputs() throws {
        for envelope: [Float] in [[1], [0, 0, 0, 0], [.nan, .infinity, 1, -.infinity], [Float](repeating: .nan, count: 10)] {
            let image = try roundTrip(Fixture.tempoPlot(envelope: envelope, estimated: .nan))
            #expect(image.width == 640)
        }
        let empty = TempoPlot(onsetEnvelope: [], frameRate: 43, beatTimes: [], tempoBPM: [], tempoStrength: [], estimatedTempo: nil)
        #expect(throws: PlotError.self) { try empty.render() }
        let mismatched = TempoPlot(onsetEnvelope: [1], frameRate: 43, beatTimes: [], tempoBPM: [60], tempoStrength: [], estimatedTempo: nil)
        #expect(throws: PlotError.self) { try mismatched.render() }
        let noEvidence = TempoPlot(onsetEnvelope: [1, 2], frameRate: 43, beatTimes: [.nan, -1, 1e9], tempoBPM: [], tempoStrength: [],
                                   estimatedTempo: 1e9)
        #expect(try roundTrip(noEvidence).height == 360)
    }
}

@Suite struct TempoPlotScaleTests {
    @Test func negativeEnvelopeStaysInsideThePanel() throws {
        // All-negative values: the top of the y range must still lie above the maximum, so the
        // envelope line (tab10 blue) is visible inside the top panel (rows 24...150).
        let image = try roundTrip(Fixture.tempoPlot(envelope: [Float](repeating: -3, count: 100) + [-5], estimated: nil))
        var blue = 0
        for y in 24..<150 {
            for x in 80..<600 {
                let c = image.pixel(x: x, y: y)
                if c.b > 140 && c.r < 150 && c != .lightBlue { blue += 1 }  // line pixels, any AA coverage
            }
        }
        #expect(blue > 300)
    }
}
