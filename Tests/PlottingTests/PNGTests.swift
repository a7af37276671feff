import Foundation
import Testing
@testable import Plotting

@Suite struct PNGTests {
    @Test func paletteCanvasRoundTripsExactly() throws {
        var canvas = try Canvas(width: 37, height: 21)
        canvas.fill(x0: 3, y0: 4, x1: 20, y1: 10, .red)
        canvas.line(0, 0, 36, 20, .blue)
        let image = try PNGImage.decode(PNGEncoder.encode(canvas))
        #expect(image.width == 37 && image.height == 21)
        #expect(image.isPalette)
        #expect(image.pixels == canvas.pixels)
    }

    @Test func rgbCanvasWithManyColoursRoundTripsExactly() throws {
        var canvas = try Canvas(width: 64, height: 64)
        for y in 0..<64 { for x in 0..<64 { canvas.set(x: x, y: y, RGB(UInt8(x * 4), UInt8(y * 4), UInt8((x + y) * 2))) } }
        let image = try PNGImage.decode(PNGEncoder.encode(canvas))
        #expect(!image.isPalette)
        #expect(image.pixels == canvas.pixels)
    }

    @Test func writeIsAtomicAndLeavesNoTemporaryFile() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let canvas = try Canvas(width: 8, height: 8, background: .blue)
        try PNGEncoder.write(canvas, to: dir + "/a.png")
        let files = try FileManager.default.contentsOfDirectory(atPath: dir)
        #expect(files == ["a.png"])
        #expect(try PNGImage.read(dir + "/a.png").pixel(x: 3, y: 3) == .blue)
    }

    @Test func unwritableOrUnreadablePathsGiveClearErrors() throws {
        let canvas = try Canvas(width: 4, height: 4)
        #expect(throws: PlotError.self) { try PNGEncoder.write(canvas, to: "/nonexistent-dir/x/y.png") }
        #expect(throws: PlotError.self) { try PNGImage.read("/nonexistent-dir/y.png") }
        #expect(throws: PlotError.self) { try PNGImage.decode([1, 2, 3, 4]) }
    }

    @Test func encodingHasNoTimestampAndIsDeterministic() throws {
        let plot = MFCCHeatmap(mfcc: Fixture.mfcc(frames: 300), frameRate: Fixture.frameRate)
        let a = try plot.pngData(), b = try plot.pngData()
        #expect(a == b)
        let ascii = String(decoding: a.map { $0 < 128 ? $0 : 0 }, as: UTF8.self)
        #expect(!ascii.contains("tIME"))
    }

    @Test func canvasRejectsBadSizes() {
        #expect(throws: PlotError.self) { try Canvas(width: 0, height: 10) }
        #expect(throws: PlotError.self) { try Canvas(width: 10, height: 100_000) }
    }
}
