import Foundation

/// Evidence for the metrical levels around a tempo estimate, for research on the octave
/// decision (which of T/2, T, 2T is "the" beat) and for `bench-features octave`.
///
/// Per level (BPM = estimate × ratio): the harmonic-comb periodicity and grid fill the
/// estimator uses, and the mean accent on the beat grid (best phase of the kick + snare
/// accent) in the combined low+mid signal and in each band (low, mid, high) at that phase.
/// Comparing a level with its double and half tells whether the points a faster level adds
/// carry strong (kick/snare) or weak (hat) onsets — the cue of Klapuri, Eronen & Astola,
/// *Analysis of the meter of acoustic musical signals*, IEEE TASLP 2006, and the features an
/// octave classifier would learn from (Percival & Tzanetakis, *Streamlined tempo estimation
/// based on autocorrelation and cross-correlation with pulses*, IEEE TASLP 2014).
public struct MetricalLevelEvidence: Sendable {
    public struct Level: Sendable {
        /// Tempo of the level in BPM.
        public let bpm: Double
        /// Harmonic-comb periodicity of the accent signal at the level's period, ≥ 0.
        public let periodicity: Double
        /// Grid fill in [0, 1] as used by ``TempoEstimator``.
        public let fill: Double
        /// Mean standardised accent on the best-phase grid: low+mid combined, then low, mid, high.
        public let strength: Double, low: Double, mid: Double, high: Double
    }
    /// The estimator's tempo in BPM (0 when nothing periodic was found).
    public let estimate: Double
    /// One entry per requested ratio (positive, finite), in order.
    public let levels: [Level]
}

extension FeatureExtractor {
    /// ``MetricalLevelEvidence`` for mono `samples` at ``FeatureParameters/sampleRate``, at
    /// `ratios` of the estimated tempo (e.g. `[0.5, 1, 2]`).
    public func metricalLevels(_ samples: [Float], ratios: [Double]) -> MetricalLevelEvidence {
        let out = analyzer.analyze(samples.map { $0.isFinite ? $0 : 0 })
        let fr = out.frameRate
        let n = out.onset.envelope.count
        let est = TempoEstimator.estimate(out.onset, frameRate: fr, minBPM: parameters.minBPM, maxBPM: parameters.maxBPM)
        guard est.bpm > 0, n > 4 else { return MetricalLevelEvidence(estimate: 0, levels: []) }
        let bands = out.onset.bands.map { Periodicity.accent($0[0..<n], width: Int(fr)) }
        let kickSnare = zip(bands[0], bands[1]).map { $0 + $1 }
        let occupancy = TempoEstimator.occupancySignal(out.onset, frameRate: fr, range: 0..<n)
        let accent = TempoEstimator.accentSignal(out.onset, frameRate: fr, range: 0..<n)
        let slowest = est.bpm * (ratios.min() ?? 1)
        let maxLag = min(accent.count - 1, Int((4 * 60 * fr / max(slowest, 1)).rounded(.up)) + 2)
        let r = Periodicity.autocorrelation(accent, maxLag: maxLag)
        let levels = ratios.filter { $0 > 0 && $0.isFinite }.map { ratio -> MetricalLevelEvidence.Level in
            let bpm = est.bpm * ratio
            let period = 60 * fr / bpm
            // `fill` is the estimator's (windowed, period refined); strength and the band means
            // use one whole-clip grid, which is fine for the 30 s clips this research tool reads
            // but drifts on full-length tracks.
            let (strength, phase) = TempoEstimator.gridMean(kickSnare, period: period)
            let b = bands.map { TempoEstimator.gridMean($0, period: period, phase: phase).mean }
            return .init(bpm: bpm, periodicity: TempoEstimator.comb(r, lag: period, maxLag: maxLag),
                         fill: TempoEstimator.fill(occupancy, period: period, frameRate: fr),
                         strength: strength, low: b[0], mid: b[1], high: b[2])
        }
        return MetricalLevelEvidence(estimate: est.bpm, levels: levels)
    }
}
