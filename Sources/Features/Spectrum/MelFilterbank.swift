import Foundation

/// A mel filterbank with the Slaney (Auditory Toolbox) mel scale and area normalisation:
/// librosa `filters.mel(htk=False, norm="slaney")`.
///
/// Band `m` is a triangle between mel-spaced edges `f[m]`, `f[m+2]` peaking at `f[m+1]`, scaled
/// by `2 / (f[m+2] − f[m])`. Weights are computed in Double, stored as Float (as librosa).
/// Stored sparsely: each band keeps only its non-zero bin range.
/// Reference: Slaney, *Auditory Toolbox* v2, 1998.
public struct MelFilterbank: Sendable {
    public let bands: Int
    public let bins: Int
    /// First non-zero bin of each band.
    let start: [Int]
    /// Weights of each band from `start[m]`, concatenated; `offset[m]` indexes into it.
    let weights: [Float]
    let offset: [Int]

    public init(sampleRate: Int, nFFT: Int, bands: Int = 128, fmin: Double = 0, fmax: Double? = nil) {
        self.bands = bands
        let bins = nFFT / 2 + 1
        self.bins = bins
        let top = fmax ?? Double(sampleRate) / 2
        let melMin = MelFilterbank.hzToMel(fmin), melMax = MelFilterbank.hzToMel(top)
        let edges = (0..<(bands + 2)).map { MelFilterbank.melToHz(melMin + (melMax - melMin) * Double($0) / Double(bands + 1)) }
        let freqs = (0..<bins).map { Double(sampleRate) / 2 * Double($0) / Double(bins - 1) }
        var start: [Int] = [], weights: [Float] = [], offset: [Int] = []
        for m in 0..<bands {
            let lowerWidth = edges[m + 1] - edges[m], upperWidth = edges[m + 2] - edges[m + 1]
            let norm = 2 / (edges[m + 2] - edges[m])
            var row: [Float] = []
            var first = -1
            for (k, f) in freqs.enumerated() {
                let lower = (f - edges[m]) / lowerWidth
                let upper = (edges[m + 2] - f) / upperWidth
                let w = max(0, min(lower, upper)) * norm
                if w > 0 {
                    if first < 0 { first = k }
                    // Keep interior zeros so the range stays contiguous.
                    while first + row.count < k { row.append(0) }
                    row.append(Float(w))
                }
            }
            offset.append(weights.count)
            start.append(max(first, 0))
            weights += row
        }
        offset.append(weights.count)
        self.start = start
        self.weights = weights
        self.offset = offset
    }

    /// Centre frequency of each band in Hz.
    public static func centreFrequencies(bands: Int, sampleRate: Int) -> [Double] {
        let melMax = hzToMel(Double(sampleRate) / 2)
        return (1...bands).map { melToHz(melMax * Double($0) / Double(bands + 1)) }
    }

    /// Applies the bank to a frame-major power spectrogram (`frames × bins`) and returns the
    /// mel power spectrogram, frame-major `frames × bands`.
    public func apply(_ power: Matrix) -> Matrix {
        precondition(power.columns == bins, "spectrogram has \(power.columns) bins, bank expects \(bins)")
        var out = Matrix(rows: power.rows, columns: bands)
        power.data.withUnsafeBufferPointer { p in
            out.data.withUnsafeMutableBufferPointer { o in
                for t in 0..<power.rows { apply(frame: p.baseAddress! + t * bins, into: o.baseAddress! + t * bands) }
            }
        }
        return out
    }

    /// One frame: `bins` power values in, `bands` mel values out.
    @inline(__always)
    func apply(frame: UnsafePointer<Float>, into out: UnsafeMutablePointer<Float>) {
        weights.withUnsafeBufferPointer { w in
            for m in 0..<bands {
                out[m] = VectorOps.dot(w.baseAddress! + offset[m], frame + start[m], offset[m + 1] - offset[m])
            }
        }
    }

    // Slaney mel scale: linear below 1 kHz (200/3 Hz per mel), logarithmic above.
    static let fSp = 200.0 / 3, minLogHz = 1000.0, minLogMel = 15.0, logStep = log(6.4) / 27

    public static func hzToMel(_ f: Double) -> Double {
        f >= minLogHz ? minLogMel + log(f / minLogHz) / logStep : f / fSp
    }

    public static func melToHz(_ m: Double) -> Double {
        m >= minLogMel ? minLogHz * exp(logStep * (m - minLogMel)) : fSp * m
    }
}
