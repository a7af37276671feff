import Foundation

/// Tempo-invariant rhythm pattern: the magnitude of the scale transform of each band's onset
/// autocorrelation. A tempo change scales the autocorrelation's lag axis; on a logarithmic lag
/// axis that is a shift, which the Fourier magnitude ignores. So the descriptor keeps the
/// pattern's shape (metre, swing, syncopation, backbeat placement) and drops its tempo, with no
/// dependence on a beat estimate and so no octave errors.
///
/// Reference: Holzapfel & Stylianou, *Scale transform in rhythmic similarity of music*, IEEE
/// TASLP 19(1), 2011 (autocorrelation → log-lag resampling with e^{u/2} weighting → |DFT|).
enum ScaleTransform {
    /// Coefficients kept per band.
    static let coefficients = 24
    /// Points on the log-lag axis.
    static let points = 128
    /// Longest lag analysed, in seconds (a 4/4 bar at 60 BPM).
    static let maxSeconds = 4.0
    /// Shortest lag, in seconds (beyond the onset envelope's own smear).
    static let minSeconds = 0.07

    /// Longest autocorrelation lag read, in frames.
    static func maxLag(frameRate: Double) -> Int { Int((maxSeconds * frameRate).rounded(.up)) }

    /// `autocorrelation`, when given, is `accent`'s ``Periodicity/autocorrelation(_:maxLag:)``
    /// up to at least ``maxLag(frameRate:)``.
    static func describe(_ accent: [Float], frameRate: Double, autocorrelation: [Float]? = nil) -> [Float] {
        let maxLag = Self.maxLag(frameRate: frameRate)
        let r = Periodicity.autocorrelation(accent, maxLag: maxLag, shared: autocorrelation)
        let u0 = log(minSeconds * frameRate), u1 = log(Double(maxLag))
        let step = (u1 - u0) / Double(points - 1)
        var signal = [Double](repeating: 0, count: points)
        for i in 0..<points {
            let u = u0 + Double(i) * step
            signal[i] = Double(max(0, Periodicity.sample(r, at: exp(u)))) * exp(u / 2) / exp(u1 / 2)
        }
        var out = [Float](repeating: 0, count: coefficients)
        for k in 0..<coefficients {
            var re = 0.0, im = 0.0
            for i in 0..<points {
                // e^{-2πi·ki/N}: the index k·i mod N picks the precomputed twiddle.
                let t = (k * i) % points
                re += signal[i] * cosTable[t]
                im -= signal[i] * sinTable[t]
            }
            out[k] = Float((re * re + im * im).squareRoot() / Double(points))
        }
        return out
    }

    static let cosTable = (0..<points).map { cos(2 * Double.pi * Double($0) / Double(points)) }
    static let sinTable = (0..<points).map { sin(2 * Double.pi * Double($0) / Double(points)) }
}
