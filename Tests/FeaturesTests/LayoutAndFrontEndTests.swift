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

    /// The generated groove projection fits the descriptor it projects (regenerate it with
    /// `bench/python/groove_projection.py` when the layout changes), decodes to finite values, is
    /// linear, and the similarity vector is unit length with the projection after the blocks.
    @Test func grooveProjectionFitsTheLayout() {
        let layout = DescriptorLayout(mfccCount: 20)
        #expect(GrooveProjection.inputDimension == layout.dimension)
        #expect(GrooveProjection.matrix.count == GrooveProjection.inputDimension * GrooveProjection.dimensions)
        #expect(GrooveProjection.matrix.allSatisfy(\.isFinite) && GrooveProjection.matrix.contains { $0 != 0 })
        var rng = SystemRandomNumberGenerator()
        let a = (0..<layout.dimension).map { _ in Float.random(in: -1...1, using: &rng) }
        let b = (0..<layout.dimension).map { _ in Float.random(in: -1...1, using: &rng) }
        let sum = GrooveProjection.project(zip(a, b).map { $0 + 2 * $1 })
        let parts = zip(GrooveProjection.project(a), GrooveProjection.project(b)).map { $0 + 2 * $1 }
        #expect(zip(sum, parts).allSatisfy { abs($0 - $1) <= 1e-3 * max(1, abs($1)) })
        func value(_ j: Int, _ i: Int) -> Float {
            let base = Float((j * 7 + i * 13) % 11) / 11
            return j % 5 == 2 ? base + 0.5 : base
        }
        let descriptors: [[Float]] = (0..<6).map { i in (0..<layout.dimension).map { j in value(j, i) } }
        let model = SimilarityModel(fitting: descriptors, layout: layout)
        let v = model.vector(descriptors[1])
        #expect(v.count == model.vectorDimension && model.vectorDimension == layout.dimension + GrooveProjection.dimensions)
        #expect(abs(v.reduce(0) { $0 + $1 * $1 } - 1) < 1e-4)
    }

    /// `STFT.melPower` (eight frames at a time, as they come) gives bit-identical values to the
    /// mel bank applied to the whole power spectrogram, including the zero-padded edge frames
    /// and a last block of two frames; both match a plain Double sum.
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
        let power = stft.power(samples)
        for t in [0, 7, 8, 17] {
            for m in [0, 5, 64, 127] {
                var sum = 0.0
                for i in bank.offset[m]..<bank.offset[m + 1] {
                    sum += Double(bank.weights[i]) * Double(power[t, bank.start[m] + i - bank.offset[m]])
                }
                #expect(abs(Double(fused[t, m]) - sum) <= 1e-5 * sum + 1e-20, "frame \(t), band \(m)")
            }
        }
    }

    /// The vectorised non-finite count used to decide whether a clip needs cleaning.
    @Test func nonFiniteCountCountsNaNAndInfinities() {
        let values: [Float] = [0, -0, 1, -1, .greatestFiniteMagnitude, -.greatestFiniteMagnitude,
                               .leastNonzeroMagnitude, .nan, .infinity, -.infinity, .signalingNaN]
        #expect(VectorOps.nonFiniteCount(values) == 4)
        #expect(VectorOps.nonFiniteCount([]) == 0)
        let long = (0..<1_001).map { $0 % 97 == 0 ? Float.nan : Float($0) }
        #expect(VectorOps.nonFiniteCount(long) == long.filter { !$0.isFinite }.count)
    }

    /// The vectorised log10 behind the dB conversion stays within 2 ulp of the exact value over
    /// 40 decades, and powerToDB keeps Swift.max's handling of NaN (read as amin) and +∞.
    @Test func fastLog10IsAccurate() {
        var worst = 0.0
        var state: UInt64 = 99
        for _ in 0..<20_000 {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            let exponent = Double(state >> 11) / Double(1 << 53) * 40 - 12
            for j in 0..<8 {
                let x = Float(pow(10, exponent + Double(j) * 0.013))
                let exact = log10(Double(x))
                worst = max(worst, abs(Double(FastLog10.log10(x)) - exact) / Double(Float(exact).ulp))
            }
        }
        #expect(worst <= 2)
        #expect(FastLog10.log10(Float(1)) == 0 && FastLog10.log10(Float(1000)) == 3)
        #expect(FastLog10.log10(Float.infinity) == .infinity)
        var m = Matrix(rows: 1, columns: 11)
        m.data = [1, 0.1, .nan, 0, 1e-12, 100, 1e-3, 2, 3, 4, 5]
        Cepstrum.powerToDB(&m, amin: 1e-10, topDB: 200)
        #expect(m.data[0] == 0 && m.data[5] == 20 && abs(m.data[1] + 10) < 1e-5)
        #expect(m.data[2] == -100 && m.data[3] == -100 && m.data[4] == -100)
        #expect(abs(m.data[10] - 10 * log10f(5)) < 1e-5)
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
