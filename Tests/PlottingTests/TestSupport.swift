import Foundation
import Support
import TestScratch
@testable import Plotting

/// A fresh temporary folder per call.
func temporaryDirectory() throws -> String {
    Scratch.directory("plotting").path
}

/// Writes `plot` into a temporary file, decodes it with libpng and returns the image.
func roundTrip(_ plot: some Plot) throws -> PNGImage {
    let dir = try temporaryDirectory()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let path = dir + "/plot.png"
    try plot.write(to: path)
    return try PNGImage.read(path)
}

/// Pixels in the rectangle darker than mid-grey on every channel (text and frame ink).
func darkPixels(_ image: PNGImage, x0: Int, y0: Int, x1: Int, y1: Int) -> Int {
    var n = 0
    for y in max(y0, 0)..<min(y1, image.height) {
        for x in max(x0, 0)..<min(x1, image.width) {
            let c = image.pixel(x: x, y: y)
            if c.r < 100 && c.g < 100 && c.b < 100 { n += 1 }
        }
    }
    return n
}

/// Deterministic pseudo-random Floats in [-1, 1).
func noise(count: Int, seed: UInt64) -> [Float] {
    var rng = SplitMix64(seed: seed)
    return (0..<count).map { _ in Float(rng.uniform() * 2 - 1) }
}

/// Per-track inputs shaped like a 30 s clip at 22,050 Hz, hop 512.
enum Fixture {
    static let frameRate = 22050.0 / 512.0

    static func mfcc(coefficients: Int = 20, frames: Int = 1292) -> [[Float]] {
        (0..<coefficients).map { k in noise(count: frames, seed: UInt64(k + 1)).map { $0 * 20 + Float(k) } }
    }

    static func tempoPlot(envelope: [Float]? = nil, estimated: Double? = 120) -> TempoPlot {
        let env = envelope ?? noise(count: 1292, seed: 99).map { abs($0) }
        let bpm = (1...384).map { Float(60 * frameRate / Double($0)) }
        let strength = bpm.map { b in Float(exp(-pow(log2(Double(b) / 120), 2) / 0.002)) }
        return TempoPlot(onsetEnvelope: env, frameRate: frameRate, beatTimes: stride(from: 0, to: 30, by: 0.5).map { Float($0) },
                         tempoBPM: bpm, tempoStrength: strength, estimatedTempo: estimated)
    }
}
