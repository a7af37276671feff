import Foundation
import Testing
@testable import Plotting

@Suite struct MFCCHeatmapTests {
    @Test func dimensionsAndPerTrackSize() throws {
        let plot = MFCCHeatmap(mfcc: Fixture.mfcc(), frameRate: Fixture.frameRate)
        let bytes = try plot.pngData()
        let image = try PNGImage.decode(bytes)
        #expect(image.width == 640 && image.height == 240)
        #expect(bytes.count < 50_000)
    }

    @Test func cellOfKnownValueHasTheColourMapColour() throws {
        // Coefficient k holds the constant value k; fixed scaling 0...9 puts k at t = k / 9.
        let n = 10, frames = 200
        let matrix = (0..<n).map { k in [Float](repeating: Float(k), count: frames) }
        let plot = MFCCHeatmap(mfcc: matrix, frameRate: 10, scaling: .fixed(lower: 0, upper: 9), colorMap: .viridis)
        let image = try roundTrip(plot)
        let (rect, _) = plot.layout(range: plot.colorRange())
        for k in [0, 3, 9] {
            // Row band of coefficient k (0 at the bottom): centre of its band.
            let y = rect.maxY - 1 - Int((Double(k) + 0.5) * Double(rect.height) / Double(n))
            let x = rect.x + rect.width / 2
            let expected = ColorMap.viridis.color(Double(k) / 9, levels: MFCCHeatmap.levels)
            #expect(image.pixel(x: x, y: y) == expected, "coefficient \(k)")
        }
        // The ends of the range are the ends of the published table.
        #expect(ColorMap.viridis.color(0, levels: MFCCHeatmap.levels) == RGB(68, 1, 84))
        #expect(ColorMap.viridis.color(1, levels: MFCCHeatmap.levels) == RGB(253, 231, 37))
    }

    @Test func labelsLeaveTextPixels() throws {
        let plot = MFCCHeatmap(mfcc: Fixture.mfcc(), frameRate: Fixture.frameRate)
        let image = try roundTrip(plot)
        let (rect, _) = plot.layout(range: plot.colorRange())
        // Title above the data area, x label and ticks below it, rotated y label left of it.
        #expect(darkPixels(image, x0: rect.x, y0: 0, x1: rect.maxX, y1: rect.y - 2) > 40)
        #expect(darkPixels(image, x0: rect.x, y0: rect.maxY + 8, x1: rect.maxX, y1: image.height) > 80)
        #expect(darkPixels(image, x0: 0, y0: rect.y, x1: 20, y1: rect.maxY) > 40)
        // Colour-bar labels right of the bar.
        #expect(darkPixels(image, x0: rect.maxX + 30, y0: rect.y, x1: image.width, y1: rect.maxY) > 40)
        // Nothing is drawn on the outermost border (no clipped text).
        #expect(darkPixels(image, x0: 0, y0: 0, x1: image.width, y1: 1) == 0)
        #expect(darkPixels(image, x0: 0, y0: image.height - 1, x1: image.width, y1: image.height) == 0)
    }

    @Test func degenerateInputsGiveImagesOrClearErrors() throws {
        // One frame, constant values, NaN and infinity: valid images.
        for matrix: [[Float]] in [
            [[1], [2], [3]],
            [[Float]](repeating: [Float](repeating: 4, count: 50), count: 13),
            [[.nan, 1, 2], [.infinity, -.infinity, 3]],
            [[Float]](repeating: [Float](repeating: .nan, count: 5), count: 4),
            [[7]],
        ] {
            let image = try roundTrip(MFCCHeatmap(mfcc: matrix, frameRate: 43))
            #expect(image.width == 640 && image.height == 240)
        }
        // Empty or malformed: PlotError with a message.
        for plot in [MFCCHeatmap(mfcc: [], frameRate: 43), MFCCHeatmap(mfcc: [[]], frameRate: 43),
                     MFCCHeatmap(mfcc: [[1, 2], [1]], frameRate: 43), MFCCHeatmap(mfcc: [[1]], frameRate: 0),
                     MFCCHeatmap(mfcc: [[1]], frameRate: .nan), MFCCHeatmap(mfcc: [[1]], frameRate: 43, width: 5)] {
            #expect(throws: PlotError.self) { try plot.render() }
        }
    }

    @Test func sameInputGivesSameBytes() throws {
        let a = try MFCCHeatmap(mfcc: Fixture.mfcc(), frameRate: Fixture.frameRate).pngData()
        let b = try MFCCHeatmap(mfcc: Fixture.mfcc(), frameRate: Fixture.frameRate).pngData()
        #expect(a == b)
    }

    @Test func robustScalingIgnoresOutliersAndC0() {
        var rows = Fixture.mfcc(coefficients: 5, frames: 1000)
        rows[0] = [Float](repeating: -500, count: 1000)
        rows[2][10] = 1e6
        let range = MFCCHeatmap(mfcc: rows, frameRate: 43).colorRange()
        #expect(range.lower > -40 && range.upper < 40)
    }
}
