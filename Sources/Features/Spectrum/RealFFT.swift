import CFFTW
import Foundation

/// FFTW's planner is not thread-safe; execution of distinct plans is.
private let plannerLock = NSLock()

/// A real-to-complex FFT of fixed size `n`, owning its FFTW plan and aligned buffers.
///
/// Not shared between threads: each worker makes its own (plans are created under a global
/// lock, `FFTW_ESTIMATE` with the fixed ``FFTWisdom``, so results are identical run to run).
/// Output is the half spectrum, `n/2 + 1` bins.
final class RealFFT {
    let size: Int
    let input: UnsafeMutablePointer<Float>
    private let output: UnsafeMutablePointer<fftwf_complex>
    private let plan: fftwf_plan

    init(size: Int) {
        self.size = size
        input = fftwf_alloc_real(size)!
        output = fftwf_alloc_complex(size / 2 + 1)!
        input.initialize(repeating: 0, count: size)
        plannerLock.lock()
        _ = FFTWisdom.imported
        // FFTW_ESTIMATE: no timing-dependent plan choice, so output is bit-reproducible; for
        // n = 2048 the imported wisdom supplies a faster plan, also fixed.
        plan = fftwf_plan_dft_r2c_1d(Int32(size), input, output, UInt32(FFTW_ESTIMATE))!
        plannerLock.unlock()
    }

    /// Whether the bundled ``FFTWisdom`` was accepted by the linked FFTW (imports it first if
    /// no plan has yet), read under the planner lock.
    static var wisdomImported: Bool {
        plannerLock.lock()
        defer { plannerLock.unlock() }
        return FFTWisdom.imported
    }

    deinit {
        plannerLock.lock()
        fftwf_destroy_plan(plan)
        plannerLock.unlock()
        fftwf_free(input)
        fftwf_free(output)
    }

    /// Transforms ``input`` and writes `|X_k|²` for k = 0…n/2 into `power`.
    func powerSpectrum(into power: UnsafeMutablePointer<Float>) {
        fftwf_execute(plan)
        let bins = size / 2 + 1
        output.withMemoryRebound(to: Float.self, capacity: 2 * bins) { c in
            // Four bins at a time: square the interleaved (re, im) pairs, add even and odd lanes
            // (the same re² + im² per bin as the scalar tail, so bit-identical).
            var k = 0
            while k + 4 <= bins {
                let v = UnsafeRawPointer(c + 2 * k).loadUnaligned(as: SIMD8<Float>.self)
                let sq = v * v
                UnsafeMutableRawPointer(power + k).storeBytes(of: sq.evenHalf + sq.oddHalf, as: SIMD4<Float>.self)
                k += 4
            }
            while k < bins {
                let re = c[2 * k], im = c[2 * k + 1]
                power[k] = re * re + im * im
                k += 1
            }
        }
    }

    /// Transforms ``input`` and writes the complex half spectrum as interleaved (re, im).
    func complexSpectrum(into out: UnsafeMutablePointer<Float>) {
        fftwf_execute(plan)
        let bins = size / 2 + 1
        output.withMemoryRebound(to: Float.self, capacity: 2 * bins) { c in
            out.update(from: c, count: 2 * bins)
        }
    }
}
