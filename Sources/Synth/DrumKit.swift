import Support
/// A drum kit: how each ``DrumVoice`` sounds. Kits differ in pitch, decay, noise colour and
/// which physical model plays a voice, so the same groove on two kits shares rhythm, not timbre.
public enum DrumKit: String, CaseIterable, Sendable, Codable {
    case acoustic, electro, lofi, bright, percussion

    /// Renders one voice as a one-shot sample at `sampleRate` Hz, peak ≈ 1.
    public func render(_ voice: DrumVoice, sampleRate: Int) -> [Float] {
        var rng = SplitMix64(seed: UInt64(DrumKit.allCases.firstIndex(of: self)! * 31 + voice.rawValue + 1))
        let sr = Double(sampleRate)
        switch (self, voice) {
        case (.percussion, .kick): return Tone.drum(sr, from: 180, to: 110, pitchDecay: 0.03, decay: 0.18)
        case (.percussion, .snare), (.electro, .clap), (_, .clap): return Noise.clap(sr, &rng, tone: self == .percussion ? 2_200 : 1_200)
        case (.percussion, .closedHat): return Noise.burst(sr, &rng, decay: 0.05, attack: 0.015, highpass: 0.6, lowpass: 0.5)
        case (.percussion, .openHat): return Noise.burst(sr, &rng, decay: 0.12, attack: 0.02, highpass: 0.55, lowpass: 0.5)
        case (.percussion, .rim): return Tone.bell(sr, [520, 1_310], decay: 0.09)
        case (_, .kick):
            let p: (Double, Double, Double, Double) = switch self {
            case .acoustic: (120, 55, 0.04, 0.35)
            case .electro: (160, 42, 0.09, 0.7)
            case .lofi: (100, 60, 0.03, 0.22)
            default: (220, 50, 0.02, 0.3)
            }
            var k = Tone.drum(sr, from: p.0, to: p.1, pitchDecay: p.2, decay: p.3)
            if self == .bright || self == .acoustic { Noise.addClick(&k, sr, &rng, level: 0.4) }
            if self == .lofi { Effects.crush(&k, levels: 24) }
            return k
        case (_, .snare):
            let p: (Double, Double, Double, Double) = switch self {
            case .acoustic: (190, 0.12, 0.18, 0.55)
            case .electro: (240, 0.08, 0.12, 0.75)
            case .lofi: (160, 0.1, 0.14, 0.4)
            default: (280, 0.06, 0.2, 0.85)
            }
            var s = Tone.drum(sr, from: p.0 * 1.3, to: p.0, pitchDecay: 0.01, decay: p.1)
            let n = Noise.burst(sr, &rng, decay: p.2, attack: 0, highpass: 0.3, lowpass: self == .lofi ? 0.2 : 0.7)
            for i in s.indices { s[i] = s[i] * Float(1 - p.3) + n[i] * Float(p.3) }
            if self == .lofi { Effects.crush(&s, levels: 24) }
            return Effects.normalised(s)
        case (_, .closedHat), (_, .openHat):
            let open = voice == .openHat
            let decay: Double = switch self {
            case .acoustic: open ? 0.35 : 0.06
            case .electro: open ? 0.2 : 0.03
            case .lofi: open ? 0.25 : 0.05
            default: open ? 0.4 : 0.08
            }
            var h = Noise.burst(sr, &rng, decay: decay, attack: 0, highpass: self == .lofi ? 0.75 : 0.92, lowpass: 1)
            if self == .electro { h = Effects.ringModulated(h, sr, frequencies: [3_140, 4_530, 6_210]) }
            if self == .lofi { Effects.crush(&h, levels: 24) }
            return h
        case (_, .rim):
            return self == .electro ? Tone.bell(sr, [820, 1_640], decay: 0.04) : Tone.bell(sr, [1_700, 2_500], decay: 0.03)
        }
    }
}
