import Features
import Synth
import Testing

/// The synthesiser behind the demo, the tests and the benchmarks: reproducible bit for bit, well
/// formed, and at the tempo it is asked for.
@Suite struct SynthTests {
    static let spec = ClipSpec(family: .funk, bpm: 104, kit: .acoustic, instrument: .sawBass, seconds: 8, seed: 11)

    @Test func renderingIsReproducibleAndSeeded() {
        let a = ClipSynthesizer.render(Self.spec), b = ClipSynthesizer.render(Self.spec)
        #expect(a == b)
        var other = Self.spec
        other.seed = 12
        #expect(ClipSynthesizer.render(other) != a)
    }

    @Test(arguments: GrooveFamily.allCases)
    func clipsAreWellFormed(_ family: GrooveFamily) {
        var spec = Self.spec
        spec.family = family
        let samples = ClipSynthesizer.render(spec)
        #expect(samples.count == Int(spec.seconds * Double(spec.sampleRate)))
        #expect(samples.allSatisfy { $0.isFinite && abs($0) <= 1 })
        let rms = (samples.reduce(0) { $0 + Double($1) * Double($1) } / Double(samples.count)).squareRoot()
        #expect(rms > 0.01, "\(family) is silent")
    }

    /// The tempo estimator reads the tempo the clip was asked for (or its double or half) on every
    /// family at a slow and a fast tempo.
    @Test(arguments: GrooveFamily.allCases)
    func clipsHaveTheirTempo(_ family: GrooveFamily) {
        let extractor = FeatureExtractor()
        for bpm in [84.0, 132] {
            var spec = Self.spec
            spec.family = family
            spec.bpm = bpm
            spec.sampleRate = 22_050
            let tempo = extractor.extract(ClipSynthesizer.render(spec)).features.tempo
            let ratios = [1.0, 2, 0.5, 1.5, 2.0 / 3].map { abs(tempo / (bpm * $0) - 1) }
            #expect(ratios.min()! < 0.04, "\(family) at \(bpm) BPM read as \(tempo)")
        }
    }

    @Test func demoPlanCoversEveryFamilyOnce() {
        let items = DemoPlan.items(perFamily: 3, seconds: 5)
        #expect(items.count == 3 * GrooveFamily.allCases.count)
        #expect(Set(items.map(\.path)).count == items.count)
        #expect(Set(items.map(\.spec.family)) == Set(GrooveFamily.allCases))
        #expect(Set(items.map(\.format)).count >= 3, "mixed formats")
        #expect(items.map(\.path) == DemoPlan.items(perFamily: 3, seconds: 5).map(\.path))
    }
}
