import AudioIO
import Foundation
import Testing

/// Encode with libsndfile in every supported format, rate and channel count; decode to
/// 22,050 Hz mono and check rate, duration, pitch and click timing.
@Suite struct RoundTripTests {
    static let rates = [8_000, 16_000, 22_050, 44_100, 48_000, 96_000]

    struct Case: CustomStringConvertible, Sendable {
        let format: AudioWriter.Format
        let rate: Int
        let channels: Int
        var description: String { "\(format.rawValue) \(rate) Hz \(channels) ch" }
    }

    static let cases: [Case] = AudioWriter.Format.allCases.flatMap { format in
        rates.filter { format.supports(sampleRate: $0) }.flatMap { rate in
            [1, 2].map { Case(format: format, rate: rate, channels: $0) }
        }
    }

    @Test func everyFormatIsCovered() {
        for format in AudioWriter.Format.allCases {
            #expect(Self.cases.contains { $0.format == format }, "no case for \(format)")
        }
        #expect(Self.cases.count >= 90)
    }

    @Test(arguments: cases)
    func roundTrip(_ c: Case) throws {
        let dir = TestSignal.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("clip.\(c.format.fileExtension)").path
        try AudioWriter.write(TestSignal.interleaved(rate: c.rate, channels: c.channels),
                              channels: c.channels, sampleRate: c.rate, format: c.format, to: path)

        let info = try AudioDecoder.info(path: path)
        #expect(info.sampleRate == c.rate)
        #expect(info.channels == c.channels)
        #expect(abs(info.duration - 1.0) <= 1.0 / Double(c.rate) + 1e-9, "duration \(info.duration)")

        let decoded = try AudioDecoder(targetRate: 22_050).decode(path: path)
        #expect(decoded.sampleRate == 22_050)
        #expect(abs(decoded.duration - 1.0) <= 1.0 / 22_050 + 1e-9, "decoded duration \(decoded.duration)")
        // The peak measured block by block while decoding is the whole signal's.
        #expect(decoded.peak == decoded.samples.reduce(Float(0)) { max($0, abs($1)) })
        #expect(decoded.peak > 0.1)

        let f = TestSignal.zeroCrossingFrequency(decoded.samples, rate: 22_050, range: 1_000..<10_000)
        #expect(abs(f - 440) / 440 < 0.005, "pitch \(f) Hz")

        for (found, expected) in zip(TestSignal.clickPeaks(decoded.samples, rate: 22_050), TestSignal.clickTimes) {
            #expect(abs(found - expected) <= 0.001, "click at \(found) s, expected \(expected) s")
        }
    }

    @Test func offsetAndMaxDurationBoundTheOutput() throws {
        let dir = TestSignal.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("clip.flac").path
        try AudioWriter.write(TestSignal.mono(rate: 44_100), channels: 1, sampleRate: 44_100, format: .flac, to: path)
        let part = try AudioDecoder().decode(path: path, offset: 0.55, maxDuration: 0.3)
        #expect(abs(part.duration - 0.3) <= 1.0 / 22_050 + 1e-9)
        // The click at 0.6 s now sits at 0.05 s, the one at 0.75 s at 0.2 s.
        var best = 0
        for i in 0..<Int(0.1 * 22_050) where abs(part.samples[i]) > abs(part.samples[best]) { best = i }
        #expect(abs(Double(best) / 22_050 - 0.05) <= 0.001)
    }

    @Test func streamingDeliversBoundedBlocks() throws {
        let dir = TestSignal.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("clip.wav").path
        try AudioWriter.write(TestSignal.mono(rate: 48_000), channels: 1, sampleRate: 48_000, format: .wav16, to: path)
        var largest = 0
        var total = 0
        try AudioDecoder(targetRate: 22_050, chunkFrames: 4_096).stream(path: path) { block in
            largest = max(largest, block.count)
            total += block.count
        }
        #expect(total == 22_050)
        #expect(largest <= 4_096)
    }
}
