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

    @Test func paletteRowsCopiedFromAboveRoundTripExactly() throws {
        // Cells many rows tall beside a gradient that changes every row, 75 px wide (not a
        // multiple of the 32-pixel stretches compared with the row above).
        var canvas = try Canvas(width: 75, height: 40)
        for y in 0..<40 {
            for x in 0..<60 { canvas.set(x: x, y: y, RGB(UInt8((x / 3) * 11 % 256), UInt8((y / 8) * 40), 7)) }
            for x in 60..<75 { canvas.set(x: x, y: y, RGB(200, UInt8(y * 6), 60)) }
        }
        let image = try PNGImage.decode(PNGEncoder.encode(canvas))
        #expect(image.isPalette)
        #expect(image.pixels == canvas.pixels)
    }

    @Test func rowFilterChoiceMatchesLibpngRule() {
        // libpng: the sum of bytes read as signed magnitudes, Up only when strictly smaller.
        func score(_ bytes: [UInt8]) -> Int { bytes.reduce(0) { $0 + ($1 < 128 ? Int($1) : 256 - Int($1)) } }
        var rng = SystemRandomNumberGenerator()
        var choices = Set<Bool>()
        for count in [1, 15, 16, 17, 640, 5_000] {
            for trial in 0..<40 {
                let above = (0..<count).map { _ in UInt8.random(in: 0...255, using: &rng) }
                let row = above.map { trial % 2 == 0 ? $0 &+ UInt8.random(in: 0...3, using: &rng) : UInt8.random(in: 0...255, using: &rng) }
                let edge: [UInt8] = [0, 127, 128, 129, 255]
                let r = row.enumerated().map { $0.offset % 7 == 0 ? edge[$0.offset % 5] : $0.element }
                let expected = score(zip(r, above).map { $0 &- $1 }) < score(r)
                let got = r.withUnsafeBufferPointer { a in above.withUnsafeBufferPointer { b in
                    RowFilter.prefersUp(a.baseAddress!, above: b.baseAddress!, count: count) } }
                #expect(got == expected, "count \(count), trial \(trial)")
                choices.insert(got)
            }
        }
        #expect(choices == [true, false])
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
