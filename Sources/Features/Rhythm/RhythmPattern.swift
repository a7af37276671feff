import Foundation

/// Tempo-normalised rhythm patterns: how each band's onsets repeat at fractions and multiples
/// of the beat, and how the kick and snare bands relate in time.
///
/// Autocorrelation at beat-relative lags is invariant to tempo and phase yet separates metre
/// (3 vs 4 beats), swing (⅓ and ⅔ beat vs ½), syncopation (¼, ¾) and half-time (2 vs 4 beats
/// between backbeats). After the periodicity-pattern descriptors of Pohle et al., *On rhythm and
/// general music similarity*, ISMIR 2009, and the log-lag autocorrelation of Holzapfel &
/// Stylianou, *Scale transform in rhythmic similarity of music*, IEEE TASLP 2011.
enum RhythmPattern {
    /// Lags in beats at which each band's autocorrelation is read: subdivisions, the beat, and
    /// bar-level lags (3, 4; 6 and 8 are two bars of 3/4 and 4/4, where a bar-long pattern
    /// repeats exactly). The bar-level lags 6 and 8 raised rhythm-precision@10 from 0.800 to
    /// 0.806 (seed 7) and from 0.794 to 0.800 (seed 8) in `bench-features quality`, mostly by
    /// separating 4/4 from 3/4 grooves.
    static let lags: [Double] = [0.25, 1.0 / 3, 0.5, 2.0 / 3, 0.75, 1, 1.25, 4.0 / 3, 1.5, 2, 2.5, 3, 4, 6, 8]
    /// Lags in beats for the low→mid and mid→low cross-correlations.
    static let crossLags: [Double] = [0, 0.25, 0.5, 0.75, 1, 1.5, 2]
    static var size: Int { 3 * lags.count + 2 * crossLags.count }

    /// Longest autocorrelation lag read for a beat period of `period` frames.
    static func maxLag(period: Double) -> Int { Int((8 * period * 1.05).rounded(.up)) + 2 }

    /// The pattern for band accents (low, mid, high) and a beat period in frames.
    /// `autocorrelations`, when given, are the bands' ``Periodicity/autocorrelation(_:maxLag:)``
    /// up to at least ``maxLag(period:)``, shared with the other blocks.
    static func describe(bands: [[Float]], period: Double, autocorrelations: [[Float]]? = nil) -> [Float] {
        guard period > 0 else { return [Float](repeating: 0, count: size) }
        var out: [Float] = []
        out.reserveCapacity(size)
        let maxLag = Self.maxLag(period: period)
        let frames = Double(bands.first?.count ?? 0)
        for (b, band) in bands.enumerated() {
            let r = Periodicity.autocorrelation(band, maxLag: maxLag, shared: autocorrelations?[b])
            for lag in lags {
                // A lag needs at least two beats of overlap: with fewer frames the unbiased
                // autocorrelation is a handful of products blown up by 1/(n − lag). Such lags
                // (8 beats in a 6 s segment at a slow tempo, short clips) read 0.
                let overlap = frames - lag * period * 1.03
                out.append(overlap >= 2 * period ? peakNear(r, lag: lag * period) : 0)
            }
        }
        for lag in crossLags {
            out.append(Periodicity.crossCorrelation(bands[0], bands[1], lag: lag * period))
        }
        for lag in crossLags {
            out.append(Periodicity.crossCorrelation(bands[1], bands[0], lag: lag * period))
        }
        return out
    }

    /// Largest autocorrelation within ±3 % of `lag` (at least ±1 frame): absorbs small tempo
    /// estimation errors and humanised timing.
    static func peakNear(_ r: [Float], lag: Double) -> Float {
        let width = max(1, lag * 0.03)
        var best = Periodicity.sample(r, at: lag)
        var l = (lag - width).rounded(.up)
        while l <= lag + width {
            best = max(best, Periodicity.sample(r, at: l))
            l += 1
        }
        return best
    }
}

/// Beat histogram after Tzanetakis & Cook, *Musical genre classification of audio signals*,
/// IEEE TSAP 2002: autocorrelation strength of the accent signal pooled into log-spaced BPM bins.
enum BeatHistogram {
    /// 16 bins per octave over ``range``, 40–320 BPM (three octaves).
    static let bins = 48
    /// Weight of each neighbouring bin in the smoothing: a tempo a fraction of a bin off still
    /// meets its neighbour's bin (chosen on `bench-features quality`, checked on a held-out seed).
    static let smoothing: Float = 0.15
    static let range: (Double, Double) = (40, 320)

    /// Longest autocorrelation lag read (the slowest bin's).
    static func maxLag(frameRate: Double) -> Int { Int((60 * frameRate / range.0).rounded(.up)) + 1 }

    /// The histogram of `accent`; `autocorrelation`, when given, is its
    /// ``Periodicity/autocorrelation(_:maxLag:)`` up to at least ``maxLag(frameRate:)``.
    static func describe(accent: [Float], frameRate: Double, autocorrelation: [Float]? = nil) -> [Float] {
        let maxLag = Self.maxLag(frameRate: frameRate)
        let r = Periodicity.autocorrelation(accent, maxLag: maxLag, shared: autocorrelation)
        let octaves = log2(range.1 / range.0)
        let raw: [Float] = (0..<bins).map { b in
            let lo = range.0 * pow(2, octaves * Double(b) / Double(bins))
            let hi = range.0 * pow(2, octaves * Double(b + 1) / Double(bins))
            let lagHi = 60 * frameRate / lo, lagLo = 60 * frameRate / hi
            var best: Float = 0
            var l = lagLo.rounded(.down)
            while l <= lagHi.rounded(.up) {
                best = max(best, Periodicity.sample(r, at: l))
                l += 1
            }
            return best
        }
        // Light smoothing across neighbouring bins (±1 bin ≈ ±4.4 %): two takes of one groove a
        // few percent apart in tempo should look alike; 25 % apart should not.
        let w = smoothing
        return (0..<bins).map { b in
            let l = raw[max(0, b - 1)], r = raw[min(bins - 1, b + 1)]
            return (1 - 2 * w) * raw[b] + w * (l + r)
        }
    }
}
