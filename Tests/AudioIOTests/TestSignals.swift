import AudioIO
import Foundation
import TestScratch

/// A 1 s test clip: a 440 Hz sine (amplitude 0.3) for the first 0.5 s, then silence with
/// single-sample clicks at ``clickTimes``. Stereo copies carry the same signal on both channels
/// (the right one at half gain, so downmixing is exercised).
enum TestSignal {
    static let clickTimes: [Double] = [0.6, 0.75, 0.9]
    static let sineEnd = 0.5

    static func mono(rate: Int) -> [Float] {
        let n = rate
        var x = [Float](repeating: 0, count: n)
        for i in 0..<Int(Double(rate) * sineEnd) {
            // Fade the sine in and out over 5 ms so lossy codecs do not smear a step.
            let t = Double(i) / Double(rate)
            let fade = min(1, t / 0.005, (sineEnd - t) / 0.005)
            x[i] = Float(0.3 * fade * sin(2 * .pi * 440 * t))
        }
        for c in clickTimes { x[Int((c * Double(rate)).rounded())] = 0.9 }
        return x
    }

    static func interleaved(rate: Int, channels: Int) -> [Float] {
        let m = mono(rate: rate)
        guard channels == 2 else { return m }
        var out = [Float](repeating: 0, count: m.count * 2)
        for i in m.indices { out[2 * i] = m[i]; out[2 * i + 1] = m[i] * 0.5 }
        return out
    }

    /// Frequency of the dominant sinusoid in `x[range]` from interpolated zero crossings, in Hz.
    static func zeroCrossingFrequency(_ x: [Float], rate: Int, range: Range<Int>) -> Double {
        var crossings: [Double] = []
        for i in range.dropFirst() where x[i - 1] < 0 && x[i] >= 0 {
            let frac = Double(-x[i - 1]) / Double(x[i] - x[i - 1])
            crossings.append(Double(i - 1) + frac)
        }
        guard let first = crossings.first, let last = crossings.last, crossings.count > 2 else { return 0 }
        return Double(crossings.count - 1) / ((last - first) / Double(rate))
    }

    /// Times (s) of the largest absolute peak near each expected click.
    static func clickPeaks(_ x: [Float], rate: Int, window: Double = 0.02) -> [Double] {
        clickTimes.map { c in
            let lo = max(0, Int((c - window) * Double(rate)))
            let hi = min(x.count, Int((c + window) * Double(rate)))
            var best = lo
            for i in lo..<hi where abs(x[i]) > abs(x[best]) { best = i }
            return Double(best) / Double(rate)
        }
    }

    static func temporaryDirectory() -> URL {
        Scratch.directory("audio")
    }
}
