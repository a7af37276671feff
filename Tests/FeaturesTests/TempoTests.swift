@testable import Features
import Foundation
import Synth
import Testing

/// Tempo of click tracks and synthesised grooves at known BPM (within 2 %).
@Suite struct TempoTests {
    /// A metronome: 5 ms 1 kHz blips every beat, louder on each bar's first beat.
    static func clickTrack(bpm: Double, seconds: Double = 20, sr: Int = 22_050) -> [Float] {
        var x = [Float](repeating: 0, count: Int(seconds * Double(sr)))
        var beat = 0
        var t = 0.0
        while t < seconds {
            let start = Int(t * Double(sr))
            let gain: Float = beat % 4 == 0 ? 0.9 : 0.5
            for i in 0..<Int(0.005 * Double(sr)) where start + i < x.count {
                x[start + i] += gain * Float(sin(2 * Double.pi * 1_000 * Double(i) / Double(sr)))
            }
            beat += 1
            t = Double(beat) * 60 / bpm
        }
        return x
    }

    @Test(arguments: [72.0, 96, 120, 135, 150])
    func clickTrackTempo(_ bpm: Double) {
        let f = FeatureExtractor().extract(Self.clickTrack(bpm: bpm)).features
        #expect(abs(f.tempo - bpm) / bpm < 0.02, "estimated \(f.tempo) for \(bpm)")
        #expect(f.tempoConfidence > 0.5)
    }

    static let grooves: [(GrooveFamily, Double, DrumKit, Instrument)] = [
        (.rock, 100, .acoustic, .sawBass), (.house, 124, .electro, .sineBass), (.waltz, 132, .bright, .organ),
        (.shuffle, 110, .lofi, .pluck), (.bossa, 120, .percussion, .fmKeys), (.funk, 96, .electro, .organ),
    ]

    @Test(arguments: 0..<grooves.count)
    func grooveTempo(_ i: Int) {
        let (family, bpm, kit, instrument) = Self.grooves[i]
        let clip = ClipSynthesizer.render(ClipSpec(family: family, bpm: bpm, kit: kit, instrument: instrument, seconds: 20, seed: 3))
        let f = FeatureExtractor().extract(clip).features
        #expect(abs(f.tempo - bpm) / bpm < 0.02, "\(family) on \(kit): estimated \(f.tempo) for \(bpm)")
        // The beat grid follows the clip: beats about one period apart.
        let gaps = zip(f.beats.dropFirst(), f.beats).map { $0 - $1 }
        let median = gaps.sorted()[gaps.count / 2]
        #expect(abs(median - 60 / bpm) / (60 / bpm) < 0.05)
    }

    /// Grid fill on a full-length track: one impulse per beat for 4 minutes. A period 0.12 % off
    /// (halfway between the refinement's offsets) would drift one whole-track grid 0.29 s, 12
    /// frames, off the onsets; per 30 s window it is 1.5 frames, so nearly every beat is still
    /// found. A performance whose tempo drifts by 0.6 % over the track (0.7 BPM; one whole-track
    /// grid at the mean tempo ends 0.7 s off) is followed the same way. A period of 1.5 beats
    /// (not a metrical level) hits only every other grid point.
    @Test func fillFollowsALongTrack() {
        let frameRate = 22_050.0 / 512
        let period = frameRate * 60 / 121.3 // an off-grid tempo
        func train(_ drift: Double) -> [Float] {
            var a = [Float](repeating: 0, count: Int(240 * frameRate))
            var t = 3.0
            while Int(t.rounded()) < a.count {
                a[Int(t.rounded())] = 1
                t += period * (1 + drift * t / Double(a.count))
            }
            return a
        }
        let steady = train(0), drifting = train(0.006)
        #expect(TempoEstimator.fill(steady, period: period, frameRate: frameRate) > 0.95)
        #expect(TempoEstimator.fill(steady, period: period * 1.0012, frameRate: frameRate) > 0.9)
        #expect(TempoEstimator.fill(drifting, period: period * 1.003, frameRate: frameRate) > 0.9)
        #expect(abs(TempoEstimator.fill(steady, period: period * 1.5, frameRate: frameRate) - 0.5) < 0.1)
    }
}
