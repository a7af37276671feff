import Foundation

/// Decibel conversion and mel-frequency cepstral coefficients, as librosa
/// `power_to_db(S, ref=1.0, amin=1e-10, top_db=80)` and `feature.mfcc(dct_type=2, norm="ortho")`.
///
/// Reference: Davis & Mermelstein, *Comparison of parametric representations for monosyllabic
/// word recognition*, IEEE TASSP 1980.
public enum Cepstrum {
    /// `10·log10(max(amin, S))`, then floored at `max − topDB` over the whole matrix. In place.
    public static func powerToDB(_ s: inout Matrix, amin: Float = 1e-10, topDB: Float = 80) {
        s.data.withUnsafeMutableBufferPointer { d in
            guard let base = d.baseAddress else { return }
            FastLog10.log10(inPlace: base, count: d.count, floor: amin, scale: 10)
            let floor = VectorOps.max(UnsafeBufferPointer(d)) - topDB
            for i in d.indices where d[i] < floor { d[i] = floor }
        }
    }

    /// Orthonormal DCT-II matrix, `count × length`: row k is `s_k · cos(π k (2n+1) / 2N)` with
    /// `s_0 = √(1/N)`, `s_k = √(2/N)`.
    public static func dctMatrix(count: Int, length n: Int) -> [Float] {
        var m = [Float](repeating: 0, count: count * n)
        for k in 0..<count {
            let scale = k == 0 ? (1 / Double(n)).squareRoot() : (2 / Double(n)).squareRoot()
            for i in 0..<n {
                m[k * n + i] = Float(scale * cos(Double.pi * Double(k) * Double(2 * i + 1) / Double(2 * n)))
            }
        }
        return m
    }

    /// MFCCs from a frame-major dB mel spectrogram (`frames × bands`); returns
    /// coefficient-major `count × frames` (librosa's shape).
    public static func mfcc(fromDB melDB: Matrix, count: Int, dct: [Float]? = nil) -> Matrix {
        let bands = melDB.columns
        let basis = dct ?? dctMatrix(count: count, length: bands)
        var out = Matrix(rows: count, columns: melDB.rows)
        melDB.data.withUnsafeBufferPointer { x in
            basis.withUnsafeBufferPointer { b in
                out.data.withUnsafeMutableBufferPointer { o in
                    for t in 0..<melDB.rows {
                        let frame = x.baseAddress! + t * bands
                        for k in 0..<count {
                            o[k * melDB.rows + t] = VectorOps.dot(b.baseAddress! + k * bands, frame, bands)
                        }
                    }
                }
            }
        }
        return out
    }
}
