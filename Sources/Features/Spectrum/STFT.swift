/// Short-time Fourier transform power spectrogram with librosa 0.11 defaults: periodic Hann
/// window, `center=True` with zero (`pad_mode="constant"`) padding of `nFFT/2` on both sides.
///
/// Frame count: `1 + samples / hop`. Output is frame-major, `frames × (nFFT/2 + 1)`, `|X|²`.
/// Reference: librosa `core.spectrum.stft`.
public final class STFT {
    public let nFFT: Int
    public let hop: Int
    let window: [Float]
    private let fft: RealFFT

    public init(nFFT: Int = 2048, hop: Int = 512) {
        precondition(nFFT >= 2 && nFFT % 2 == 0 && hop > 0, "nFFT must be even and hop positive")
        self.nFFT = nFFT
        self.hop = hop
        // scipy.signal.get_window("hann", n, fftbins=True): periodic, w[i] = 0.5 − 0.5 cos(2πi/n).
        window = (0..<nFFT).map { Float(0.5 - 0.5 * cos(2 * Double.pi * Double($0) / Double(nFFT))) }
        fft = RealFFT(size: nFFT)
    }

    public var bins: Int { nFFT / 2 + 1 }

    /// Number of centred frames for `sampleCount` samples.
    public func frameCount(samples sampleCount: Int) -> Int { 1 + sampleCount / hop }

    /// The power spectrogram of `samples`, frame-major `frames × bins`.
    public func power(_ samples: [Float]) -> Matrix {
        var out = Matrix(rows: frameCount(samples: samples.count), columns: bins)
        out.data.withUnsafeMutableBufferPointer { o in
            forEachFrame(samples) { t, fft in fft.powerSpectrum(into: o.baseAddress! + t * bins) }
        }
        return out
    }

    /// The mel power spectrogram of `samples`, frame-major `frames × bank.bands`: the same
    /// values as `bank.apply(power(samples))`, without holding the linear spectrogram (eight
    /// frames at a time, so they stay in cache; 8× less memory for 128 bands).
    public func melPower(_ samples: [Float], bank: MelFilterbank) -> Matrix {
        precondition(bank.bins == bins, "filterbank expects \(bank.bins) bins, STFT gives \(bins)")
        let frames = frameCount(samples: samples.count)
        var out = Matrix(rows: frames, columns: bank.bands)
        var block = FrameBlock(bins: bins)
        out.data.withUnsafeMutableBufferPointer { o in
            forEachFrame(samples) { t, fft in
                block.fill { frame in fft.powerSpectrum(into: frame) }
                bank.flush(&block, after: t, of: frames, into: o.baseAddress!)
            }
        }
        return out
    }

    /// Loads each centred, windowed frame t into the FFT's input and calls `body(t, fft)`,
    /// which takes the spectrum it needs from `fft`.
    private func forEachFrame(_ samples: [Float], _ body: (Int, RealFFT) -> Void) {
        let frames = frameCount(samples: samples.count)
        let half = nFFT / 2
        samples.withUnsafeBufferPointer { x in
            window.withUnsafeBufferPointer { w in
                let input = fft.input
                for t in 0..<frames {
                    let start = t * hop - half
                    let lo = max(0, -start), hi = max(lo, min(nFFT, x.count - start))
                    if lo > 0 { input.update(repeating: 0, count: lo) }
                    if hi > lo {
                        Self.multiply(x.baseAddress! + (start + lo), w.baseAddress! + lo, into: input + lo, count: hi - lo)
                    }
                    if hi < nFFT { (input + hi).update(repeating: 0, count: nFFT - hi) }
                    body(t, fft)
                }
            }
        }
    }

    /// `out[i] = a[i] · b[i]` for i in 0..<count, eight lanes at a time (element-wise, so the
    /// result is bit-identical to a scalar loop). The compiler cannot prove the FFTW input
    /// buffer does not alias the signal, so it would not vectorise the plain loop.
    @inline(__always)
    static func multiply(_ a: UnsafePointer<Float>, _ b: UnsafePointer<Float>, into out: UnsafeMutablePointer<Float>, count: Int) {
        var i = 0
        while i + 8 <= count {
            let x = UnsafeRawPointer(a + i).loadUnaligned(as: SIMD8<Float>.self)
            let y = UnsafeRawPointer(b + i).loadUnaligned(as: SIMD8<Float>.self)
            UnsafeMutableRawPointer(out + i).storeBytes(of: x * y, as: SIMD8<Float>.self)
            i += 8
        }
        while i < count {
            out[i] = a[i] * b[i]
            i += 1
        }
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
