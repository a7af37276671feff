@testable import Features
import Foundation
import Testing

/// The descriptor layout, the default weights that name its blocks, and the fused mel front end.
@Suite struct LayoutAndFrontEndTests {
    /// Every block has a default weight and every default weight names a block: a weight whose
    /// name matches no block would silently do nothing, and a block without one would weigh 1.
    @Test func defaultWeightsNameExactlyTheBlocks() {
        let layout = DescriptorLayout(mfccCount: 20)
        #expect(Set(SimilarityModel.defaultWeights.keys) == Set(layout.blocks.map(\.name)))
        #expect(layout.blocks.count == Set(layout.blocks.map(\.name)).count)
        // Contiguous, in order, covering the whole descriptor.
        var next = 0
        for block in layout.blocks {
            #expect(block.range.lowerBound == next)
            next = block.range.upperBound
        }
        #expect(next == layout.dimension)
        #expect(layout.dimension == FeatureExtractor().layout.dimension)
    }

    /// `STFT.melPower` (one frame at a time) gives bit-identical values to the mel bank applied
    /// to the whole power spectrogram, including the zero-padded edge frames.
    @Test func melPowerEqualsMelOfPower() {
        var state: UInt64 = 12345
        let samples: [Float] = (0..<9_000).map { i in
            state = state &* 6364136223846793005 &+ 1442695040888963407
            let noise = Float(Int64(bitPattern: state >> 11) % 1000) / 10_000
            return 0.5 * sin(Float(i) * 0.07) + noise
        }
        let stft = STFT(nFFT: 2048, hop: 512)
        let bank = MelFilterbank(sampleRate: 22_050, nFFT: 2048, bands: 128)
        let fused = stft.melPower(samples, bank: bank)
        let reference = bank.apply(stft.power(samples))
        #expect(fused.rows == stft.frameCount(samples: samples.count))
        #expect(fused == reference)
        #expect(stft.melPower([], bank: bank).rows == 1)
    }

    /// The bundled FFTW wisdom is accepted by the FFTW it was made with (3.3.10 on x86-64), and
    /// the n = 2048 transform planned with it (and the one without it, n = 2046) agrees with a
    /// direct DFT in every bin, the four-at-a-time power loop's scalar tail included: the wisdom
    /// changes speed, not results.
    @Test func wisdomPlanMatchesDirectDFT() {
        #if arch(x86_64)
        if FFTWisdom.version == "fftw-3.3.10" { #expect(RealFFT.wisdomImported) }
        #endif
        for n in [2048, 2046] {
            let fft = RealFFT(size: n)
            let x: [Float] = (0..<n).map { i in sin(Float(i) * 0.3) + 0.25 * cos(Float(i) * 1.7) + (i % 7 == 0 ? 0.5 : 0) }
            for i in 0..<n { fft.input[i] = x[i] }
            var power = [Float](repeating: 0, count: n / 2 + 1)
            power.withUnsafeMutableBufferPointer { fft.powerSpectrum(into: $0.baseAddress!) }
            var worst = 0.0
            for k in 0...(n / 2) {
                var re = 0.0, im = 0.0
                for i in 0..<n {
                    let a = -2 * Double.pi * Double(k * i % n) / Double(n)
                    re += Double(x[i]) * cos(a)
                    im += Double(x[i]) * sin(a)
                }
                let exact = re * re + im * im
                worst = max(worst, abs(Double(power[k]) - exact) / max(exact, 1))
            }
            #expect(worst < 1e-4, "n = \(n): relative error \(worst)")
        }
    }
}
