import Features
import Foundation
import Support
import Synth
import Testing

/// Invariances of the descriptor and robustness on degenerate input.
@Suite struct DescriptorTests {
    static func clip(_ family: GrooveFamily, _ kit: DrumKit, _ instrument: Instrument, bpm: Double = 110,
                     gain: Double = 0.8, seed: UInt64 = 5) -> [Float] {
        ClipSynthesizer.render(ClipSpec(family: family, bpm: bpm, kit: kit, instrument: instrument, seconds: 20, gain: gain, seed: seed))
    }

    static func cosineDistance(_ a: [Float], _ b: [Float]) -> Float {
        1 - zip(a, b).reduce(0) { $0 + $1.0 * $1.1 }
    }

    /// One groove on two kits is nearer than two grooves on one kit, for several pairs.
    @Test func grooveBeatsKit() {
        let extractor = FeatureExtractor()
        let cases: [(GrooveFamily, GrooveFamily, DrumKit, DrumKit)] = [
            (.rock, .waltz, .acoustic, .electro), (.house, .shuffle, .bright, .lofi), (.funk, .bossa, .percussion, .acoustic),
        ]
        var descriptors: [[Float]] = []
        for (a, b, k1, k2) in cases {
            descriptors.append(extractor.extract(Self.clip(a, k1, .sawBass)).features.descriptor)
            descriptors.append(extractor.extract(Self.clip(a, k2, .organ)).features.descriptor)
            descriptors.append(extractor.extract(Self.clip(b, k1, .sawBass)).features.descriptor)
        }
        let model = SimilarityModel(fitting: descriptors, layout: extractor.layout)
        for c in cases.indices {
            let sameGroove = Self.cosineDistance(model.vector(descriptors[3 * c]), model.vector(descriptors[3 * c + 1]))
            let sameKit = Self.cosineDistance(model.vector(descriptors[3 * c]), model.vector(descriptors[3 * c + 2]))
            #expect(sameGroove < sameKit, "\(cases[c]): same groove \(sameGroove), same kit \(sameKit)")
        }
    }

    /// A gain of ×0.1 changes nothing that matters: tempo, and a near-identical vector.
    @Test func gainInvariance() {
        let extractor = FeatureExtractor()
        let loud = Self.clip(.rock, .acoustic, .pluck, gain: 0.9)
        let quiet = loud.map { $0 * 0.1 }
        let a = extractor.extract(loud).features, b = extractor.extract(quiet).features
        #expect(abs(a.tempo - b.tempo) < 0.01)
        let others = [Self.clip(.house, .electro, .organ), Self.clip(.waltz, .lofi, .sineBass)].map { extractor.extract($0).features.descriptor }
        let model = SimilarityModel(fitting: [a.descriptor, b.descriptor] + others, layout: extractor.layout)
        #expect(Self.cosineDistance(model.vector(a.descriptor), model.vector(b.descriptor)) < 0.01)
    }

    static let degenerate: [(String, [Float])] = {
        var rng = SplitMix64(seed: 9)
        var impulse = [Float](repeating: 0, count: 22_050 * 5)
        impulse[22_050] = 1
        return [
            ("silence", [Float](repeating: 0, count: 22_050 * 5)),
            ("impulse", impulse),
            ("white noise", (0..<(22_050 * 10)).map { _ in Float(rng.uniform(-0.5, 0.5)) }),
            ("1 s clip", TempoTests.clickTrack(bpm: 120, seconds: 1)),
            ("empty", []),
            ("NaN samples", [Float](repeating: .nan, count: 22_050)),
        ]
    }()

    @Test(arguments: 0..<degenerate.count)
    func degenerateInputIsFiniteWithLowConfidence(_ i: Int) {
        let (name, samples) = Self.degenerate[i]
        let (f, detail) = FeatureExtractor().extract(samples)
        #expect(f.descriptor.allSatisfy { $0.isFinite }, "\(name)")
        #expect(f.mfccMean.allSatisfy { $0.isFinite } && f.mfccStd.allSatisfy { $0.isFinite }, "\(name)")
        #expect(f.tempo.isFinite && f.tempoConfidence.isFinite, "\(name)")
        #expect(f.tempoConfidence < 0.3, "\(name): confidence \(f.tempoConfidence)")
        #expect(detail.mfcc.data.allSatisfy { $0.isFinite }, "\(name)")
        #expect(f.segments.allSatisfy { $0.descriptor.allSatisfy { $0.isFinite } }, "\(name)")
    }

    @Test func segmentsCoverTheClip() {
        let f = FeatureExtractor().extract(Self.clip(.rock, .acoustic, .pluck)).features
        // 20 s, 6 s windows every 3 s: 0, 3, 6, 9, 12, then one flush with the end.
        #expect(f.segments.count == 6)
        #expect(f.segments.first?.start == 0)
        #expect(abs((f.segments.last?.end ?? 0) - f.duration) < 0.03)
        #expect(f.segments.allSatisfy { abs($0.end - $0.start - 6) < 0.05 })
        #expect(f.segments.allSatisfy { $0.descriptor.count == FeatureExtractor().layout.dimension })
    }

    @Test func extractionIsDeterministic() {
        let clip = Self.clip(.funk, .bright, .fmKeys)
        #expect(FeatureExtractor().extract(clip).features == FeatureExtractor().extract(clip).features)
    }
}
