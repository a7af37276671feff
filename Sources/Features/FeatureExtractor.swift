import Foundation

/// Extracts ``TrackFeatures`` from decoded mono audio: one STFT pass, then tempo, beats, the
/// rhythm descriptor, MFCC statistics and per-segment descriptors.
///
/// Reuses its FFT plan and tables: one extractor per worker thread.
public final class FeatureExtractor {
    public let parameters: FeatureParameters
    public let layout: DescriptorLayout
    let analyzer: SpectralAnalyzer

    public init(parameters: FeatureParameters = FeatureParameters()) {
        self.parameters = parameters
        layout = DescriptorLayout(mfccCount: parameters.mfccCount)
        analyzer = SpectralAnalyzer(parameters: parameters)
    }

    /// Features of `samples` (mono, at ``FeatureParameters/sampleRate``). Never fails: silence
    /// and noise give finite values with zero or low confidence.
    public func extract(_ samples: [Float]) -> (features: TrackFeatures, detail: AnalysisDetail) {
        let clean = VectorOps.nonFiniteCount(samples) == 0 ? samples : samples.map { $0.isFinite ? $0 : 0 }
        let out = analyzer.analyze(clean)
        let frames = out.onset.envelope.count
        let fr = out.frameRate
        let whole = describe(out, frames: 0..<frames)

        var mean = [Float](repeating: 0, count: parameters.mfccCount)
        var std = [Float](repeating: 0, count: parameters.mfccCount)
        Self.rowStatistics(out.mfcc, columns: 0..<frames, mean: &mean, std: &std)

        var segments: [TrackFeatures.Segment] = []
        let window = Int((parameters.segmentSeconds * fr).rounded())
        let hop = max(1, Int((parameters.segmentHopSeconds * fr).rounded()))
        if window > 0 && frames >= window {
            var start = 0
            var starts: [Int] = []
            while start + window <= frames {
                starts.append(start)
                start += hop
            }
            // A last window flush with the end, so the windows cover the whole clip.
            if let last = starts.last, last + window < frames { starts.append(frames - window) }
            for s in starts {
                let d = describe(out, frames: s..<(s + window), trackTempo: whole.tempo.bpm)
                segments.append(.init(start: Double(s) / fr, end: Double(s + window) / fr, descriptor: d.descriptor))
            }
        } else if frames > 0 {
            segments.append(.init(start: 0, end: Double(clean.count) / Double(parameters.sampleRate), descriptor: whole.descriptor))
        }

        let period = whole.tempo.bpm > 0 ? 60 * fr / whole.tempo.bpm : 0
        let beats = period > 0 && whole.tempo.confidence > 0 ? BeatTracker.track(accent: whole.accent, period: period) : []
        let features = TrackFeatures(
            duration: Double(clean.count) / Double(parameters.sampleRate),
            tempo: whole.tempo.bpm, tempoConfidence: whole.tempo.confidence,
            beats: beats.map { Double($0) / fr },
            mfccMean: mean, mfccStd: std,
            onsetMean: frames > 0 ? out.onset.envelope.reduce(0, +) / Float(frames) : 0,
            descriptor: whole.descriptor, segments: segments,
            fingerprint: Fingerprint.compute(melDB: out.melDB, centres: analyzer.centres, frameRate: fr))
        let detail = AnalysisDetail(mfcc: out.mfcc, onsetEnvelope: out.onset.envelope, frameRate: fr, tempo: whole.tempo)
        return (features, detail)
    }

    /// The descriptor of a frame range. Segments pass their track's tempo (`trackTempo`):
    /// a 6 s window is too short to choose a metrical level reliably, and reading every segment
    /// at one tempo keeps a track's segments comparable; the confidence is still the window's own.
    /// Also returns the range's accent signal, which the beat tracker reads for the whole track.
    func describe(_ out: SpectralAnalyzer.Output, frames range: Range<Int>, trackTempo: Double? = nil) -> (descriptor: [Float], tempo: TempoEstimate, accent: [Float]) {
        let fr = out.frameRate
        // Band accents once: tempo, the accent signal and every block below read them.
        let bands = TempoEstimator.bandAccents(out.onset, frameRate: fr, range: range)
        let accent = TempoEstimator.accentSignal(bandAccents: bands)
        let tempo = trackTempo.map { TempoEstimator.assess(accent: accent, bpm: $0, frameRate: fr) }
            ?? TempoEstimator.estimate(bandAccents: bands, frameRate: fr, minBPM: parameters.minBPM, maxBPM: parameters.maxBPM)
        // Octave-folded tempo: T·2^k in [75, 150) BPM. The pattern is read relative to this
        // canonical beat, so an octave error in the estimate does not change the descriptor.
        let canonical = tempo.bpm > 0 ? Self.foldOctave(tempo.bpm) : 106
        let period = 60 * fr / canonical
        let chroma = log2(canonical / 75)

        var d: [Float] = []
        d.reserveCapacity(layout.dimension)
        d.append(tempo.bpm > 0 ? Float(cos(2 * Double.pi * chroma)) : 0)
        d.append(tempo.bpm > 0 ? Float(sin(2 * Double.pi * chroma)) : 0)
        d.append(Float(tempo.confidence))
        // One autocorrelation per band, to the longest lag any block reads, shared by all three.
        let longest = max(RhythmPattern.maxLag(period: period), BeatHistogram.maxLag(frameRate: fr), ScaleTransform.maxLag(frameRate: fr))
        let correlations = bands.map { Periodicity.autocorrelation($0, maxLag: longest) }
        d += RhythmPattern.describe(bands: bands, period: period, autocorrelations: correlations)
        d += BeatHistogram.describe(accent: accent, frameRate: fr)
        for (b, band) in bands.enumerated() { d += BeatHistogram.describe(accent: band, frameRate: fr, autocorrelation: correlations[b]) }
        for (b, band) in bands.enumerated() { d += ScaleTransform.describe(band, frameRate: fr, autocorrelation: correlations[b]) }
        var mean = [Float](repeating: 0, count: parameters.mfccCount)
        var std = [Float](repeating: 0, count: parameters.mfccCount)
        Self.rowStatistics(out.mfcc, columns: range, mean: &mean, std: &std)
        d += mean.dropFirst()
        d += std.dropFirst()
        return (d.map { $0.isFinite ? $0 : 0 }, tempo, accent)
    }

    /// `bpm · 2^k` folded into [75, 150).
    static func foldOctave(_ bpm: Double) -> Double {
        var b = bpm
        while b >= 150 { b /= 2 }
        while b < 75 { b *= 2 }
        return b
    }

    static func rowStatistics(_ m: Matrix, columns: Range<Int>, mean: inout [Float], std: inout [Float]) {
        guard !columns.isEmpty else { return }
        for r in 0..<m.rows {
            var s = 0.0, ss = 0.0
            for c in columns { let v = Double(m[r, c]); s += v; ss += v * v }
            let mu = s / Double(columns.count)
            mean[r] = Float(mu)
            std[r] = Float(max(0, ss / Double(columns.count) - mu * mu).squareRoot())
        }
    }
}
