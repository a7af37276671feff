import Foundation
import Support

/// Everything that defines one synthesised clip; the same spec renders the same samples.
public struct ClipSpec: Sendable, Codable, Equatable {
    public var family: GrooveFamily
    /// Beat (quarter-note) tempo in BPM.
    public var bpm: Double
    public var kit: DrumKit
    public var instrument: Instrument
    /// Bass root as a MIDI note (28…40 is E1…E2).
    public var rootNote: Int
    public var seconds: Double
    public var sampleRate: Int
    /// Overall peak level in (0, 1].
    public var gain: Double
    /// Seeds humanisation (timing jitter, velocities) and noise.
    public var seed: UInt64

    public init(family: GrooveFamily, bpm: Double, kit: DrumKit, instrument: Instrument, rootNote: Int = 36,
                seconds: Double = 30, sampleRate: Int = 22_050, gain: Double = 0.8, seed: UInt64 = 1) {
        self.family = family
        self.bpm = bpm
        self.kit = kit
        self.instrument = instrument
        self.rootNote = rootNote
        self.seconds = seconds
        self.sampleRate = sampleRate
        self.gain = gain
        self.seed = seed
    }
}

/// Renders a ``ClipSpec``: the groove's drum pattern on the kit, humanised (±4 ms timing,
/// ±15 % velocity, occasional ghost notes), with the instrument doubling the kick line over a
/// I–I–IV–V bass progression; peak-normalised to ``ClipSpec/gain``.
public enum ClipSynthesizer {
    public static func render(_ spec: ClipSpec) -> [Float] {
        let sr = Double(spec.sampleRate)
        let n = Int(spec.seconds * sr)
        var out = [Float](repeating: 0, count: n)
        var rng = SplitMix64(seed: spec.seed &* 0x2545_F491_4F6C_DD1D &+ 7)
        let voices = Dictionary(uniqueKeysWithValues: DrumVoice.allCases.map { ($0, spec.kit.render($0, sampleRate: spec.sampleRate)) })
        let voiceGain: [DrumVoice: Float] = [.kick: 1, .snare: 0.8, .closedHat: 0.35, .openHat: 0.3, .clap: 0.7, .rim: 0.5]
        let beat = 60 / spec.bpm
        let step = beat / Double(spec.family.stepsPerBeat)
        let barLength = beat * Double(spec.family.beatsPerBar)
        let bars = Int((spec.seconds / barLength).rounded(.up))
        let pattern = spec.family.pattern
        let bassSteps = spec.family.bassSteps
        let progression = [0, 0, 5, 7]
        var noteCache: [String: [Float]] = [:]

        for bar in 0..<bars {
            let barStart = Double(bar) * barLength
            for hit in pattern {
                let jitter = rng.gaussian() * 0.004
                let t = barStart + Double(hit.step) * step + jitter
                let velocity = hit.velocity * rng.uniform(0.85, 1.0)
                mix(voices[hit.voice]!, into: &out, at: t, sr: sr, gain: Float(velocity) * voiceGain[hit.voice]!)
            }
            // Ghost notes now and then, off the grid's main positions.
            if rng.uniform() < 0.3 {
                let s = rng.index(spec.family.stepsPerBar)
                mix(voices[.snare]!, into: &out, at: barStart + Double(s) * step, sr: sr, gain: 0.15)
            }
            let semitone = progression[bar % progression.count]
            let freq = 440 * pow(2, Double(spec.rootNote + semitone - 69) / 12)
            for (i, s) in bassSteps.enumerated() {
                let next = i + 1 < bassSteps.count ? bassSteps[i + 1] : spec.family.stepsPerBar
                let duration = min(Double(next - s) * step, beat) * 0.9
                let key = "\(semitone)/\(next - s)"
                let note = noteCache[key] ?? spec.instrument.note(frequency: freq, duration: duration,
                                                                  sampleRate: spec.sampleRate, seed: spec.seed &+ UInt64(semitone))
                noteCache[key] = note
                mix(note, into: &out, at: barStart + Double(s) * step, sr: sr, gain: 0.5)
            }
        }
        let peak = out.map(abs).max() ?? 0
        if peak > 0 {
            let scale = Float(spec.gain) / peak
            for i in out.indices { out[i] *= scale }
        }
        return out
    }

    static func mix(_ sound: [Float], into out: inout [Float], at time: Double, sr: Double, gain: Float) {
        let start = Int((time * sr).rounded())
        guard start < out.count else { return }
        let from = max(0, -start)
        let to = min(sound.count, out.count - start)
        guard from < to else { return }
        for i in from..<to { out[start + i] += sound[i] * gain }
    }
}
