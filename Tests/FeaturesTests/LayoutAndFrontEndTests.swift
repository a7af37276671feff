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
}
