import Foundation

/// Harmonic–percussive separation of a dB mel spectrogram by median filtering: sustained tones are
/// horizontal ridges (smooth in time), drum hits vertical ones (smooth across frequency).
///
///     H(t, m) = median over frames t ± h_t of S(t, m)        (harmonic estimate)
///     P(t, m) = median over bands  m ± h_m of S(t, m)        (percussive estimate)
///     mask(t, m) = P² / (P² + (β·H)²)                      (soft mask with margin β, in power)
///
/// The percussive spectrogram is `S · mask`, in dB `S_dB + 10·log10(mask)`. Medians of dB values are
/// the dB of the medians of powers (the order is the same), so everything runs on the dB matrix.
///
/// References: Fitzgerald, *Harmonic/percussive separation using median filtering*, DAFx 2010;
/// Driedger, Müller & Disch, *Extending harmonic-percussive separation of audio signals*, ISMIR
/// 2014 (the margin β > 1 keeps only clearly percussive energy, so a bass note's or a strummed
/// chord's onset is not taken for a kick or a snare).
public enum PercussiveSeparation {
    /// Half-widths of the medians: ±8 frames (≈ 0.37 s at hop 512, 22,050 Hz) and ±8 mel bands.
    public static let halfFrames = 8
    public static let halfBands = 8
    /// The margin β (Driedger et al. use 2–3 for drum-focused separation).
    public static let margin: Float = 2

    /// The percussive part of `melDB` (frame-major `frames × bands`), in dB.
    public static func percussive(_ melDB: Matrix) -> Matrix {
        let frames = melDB.rows, bands = melDB.columns
        guard frames > 0, bands > 0 else { return melDB }
        var harmonic = Matrix(rows: frames, columns: bands), percussive = Matrix(rows: frames, columns: bands)
        let window = UnsafeMutablePointer<Float>.allocate(capacity: 2 * max(halfFrames, halfBands) + 2)
        defer { window.deallocate() }
        melDB.data.withUnsafeBufferPointer { s in
            harmonic.data.withUnsafeMutableBufferPointer { h in
                for m in 0..<bands {
                    slidingMedian(s.baseAddress! + m, stride: bands, count: frames, half: halfFrames, into: h.baseAddress! + m, window: window)
                }
            }
            percussive.data.withUnsafeMutableBufferPointer { p in
                for t in 0..<frames {
                    slidingMedian(s.baseAddress! + t * bands, stride: 1, count: bands, half: halfBands, into: p.baseAddress! + t * bands, window: window)
                }
            }
        }
        // mask = 1 / (1 + (β·H / P)²) = 1 / (1 + 10^((H_dB − P_dB)/5) · β²), applied in dB.
        var out = melDB
        let beta2 = margin * margin
        for i in out.data.indices {
            let ratio = beta2 * Float(exp(Double(harmonic.data[i] - percussive.data[i]) * (log(10.0) / 5)))
            out.data[i] -= 10 * log10f(1 + ratio)
        }
        return out
    }

    /// The running median of `count` values `src[i · stride]` over windows `i ± half` (cut at the
    /// ends), written to `dst[i · stride]`; `window` holds at least `2·half + 1` floats. The window
    /// is kept sorted: each step removes one value and inserts one (O(half) per value).
    static func slidingMedian(_ src: UnsafePointer<Float>, stride: Int, count n: Int, half: Int,
                              into dst: UnsafeMutablePointer<Float>, window: UnsafeMutablePointer<Float>) {
        var size = 0
        func position(_ v: Float) -> Int {
            var lo = 0, hi = size
            while lo < hi {
                let mid = (lo + hi) / 2
                if window[mid] < v { lo = mid + 1 } else { hi = mid }
            }
            return lo
        }
        func insert(_ v: Float) {
            let p = position(v)
            var j = size
            while j > p { window[j] = window[j - 1]; j -= 1 }
            window[p] = v
            size += 1
        }
        func remove(_ v: Float) {
            var p = position(v)
            if p >= size || window[p] != v { p = min(p, size - 1) } // not reached for finite input
            while p < size - 1 { window[p] = window[p + 1]; p += 1 }
            size -= 1
        }
        for i in 0..<min(half + 1, n) { insert(src[i * stride]) }
        for i in 0..<n {
            dst[i * stride] = size % 2 == 1 ? window[size / 2] : 0.5 * (window[size / 2 - 1] + window[size / 2])
            if i + half + 1 < n { insert(src[(i + half + 1) * stride]) }
            if i - half >= 0 { remove(src[(i - half) * stride]) }
        }
    }
}
