/// Onset strength envelopes: spectral flux of the log-mel spectrogram, librosa
/// `onset.onset_strength` semantics (lag 1, no max filter, mean over bands, shifted by
/// `1 + nFFT / (2·hop)` frames to undo framing, trimmed to the frame count).
///
/// Besides the full-band envelope, band-wise envelopes (low / mid / high) let the rhythm
/// descriptor tell kick, snare and hat patterns apart.
/// Reference: Böck & Widmer, *Maximum filter vibrato suppression for onset detection*, DAFx 2013
/// (librosa's implementation); Ellis, *Beat tracking by dynamic programming*, JNMR 2007.
public struct OnsetStrength: Sendable {
    /// Upper edges (Hz) of the low and mid regions; the high region is everything above.
    public static let bandEdges: (low: Double, mid: Double) = (200, 3_000)

    /// Full-band envelope, one value per STFT frame.
    public let envelope: [Float]
    /// Band-wise envelopes (low, mid, high), each as long as ``envelope``.
    public let bands: [[Float]]

    /// - Parameters:
    ///   - melDB: frame-major dB mel spectrogram (`frames × bands`).
    ///   - centres: centre frequency of each mel band in Hz.
    ///   - shift: framing compensation in frames, `1 + nFFT / (2·hop)` for centred STFTs.
    public init(melDB: Matrix, centres: [Double], shift: Int) {
        let frames = melDB.rows, nb = melDB.columns
        let group: [Int] = centres.map { $0 < Self.bandEdges.low ? 0 : ($0 < Self.bandEdges.mid ? 1 : 2) }
        var counts = [0, 0, 0]
        for g in group { counts[g] += 1 }
        var full = [Float](repeating: 0, count: frames)
        var banded = [[Float]](repeating: [Float](repeating: 0, count: frames), count: 3)
        melDB.data.withUnsafeBufferPointer { s in
            for t in 1..<max(frames, 1) {
                let out = t - 1 + shift
                guard out < frames else { break }
                var total: Float = 0
                var parts: (Float, Float, Float) = (0, 0, 0)
                let cur = s.baseAddress! + t * nb, prev = s.baseAddress! + (t - 1) * nb
                for m in 0..<nb {
                    let d = max(0, cur[m] - prev[m])
                    total += d
                    switch group[m] {
                    case 0: parts.0 += d
                    case 1: parts.1 += d
                    default: parts.2 += d
                    }
                }
                full[out] = total / Float(nb)
                banded[0][out] = counts[0] > 0 ? parts.0 / Float(counts[0]) : 0
                banded[1][out] = counts[1] > 0 ? parts.1 / Float(counts[1]) : 0
                banded[2][out] = counts[2] > 0 ? parts.2 / Float(counts[2]) : 0
            }
        }
        envelope = full
        bands = banded
    }
}
