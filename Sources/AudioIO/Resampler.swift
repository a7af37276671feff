import CSoxr

/// Streaming mono resampler over libsoxr at "high quality" (`SOXR_HQ`, 20-bit precision),
/// the quality librosa's default `res_type="soxr_hq"` selects.
///
/// Reference: Robs, *The SoX Resampler library* (libsoxr); librosa `core.audio.resample`.
final class Resampler {
    private let soxr: soxr_t
    let inputRate: Double
    let outputRate: Double
    private var out: [Float]

    init(from inputRate: Int, to outputRate: Int, path: String) throws(AudioError) {
        self.inputRate = Double(inputRate)
        self.outputRate = Double(outputRate)
        var error: soxr_error_t?
        var io = soxr_io_spec(SOXR_FLOAT32_I, SOXR_FLOAT32_I)
        var quality = soxr_quality_spec(UInt(SOXR_HQ), 0)
        guard let s = soxr_create(self.inputRate, self.outputRate, 1, &error, &io, &quality, nil),
              error == nil else {
            let message = error.map { String(cString: $0) } ?? "soxr_create failed"
            throw AudioError(path: path, kind: .resample, detail: message)
        }
        soxr = s
        out = [Float](repeating: 0, count: 8192)
    }

    deinit { soxr_delete(soxr) }

    /// Feeds `input` (mono) and appends every output sample ready so far to `sink`.
    /// Pass an empty buffer with `flush: true` at the end of the stream.
    func process(_ input: UnsafeBufferPointer<Float>, flush: Bool = false,
                 path: String, sink: (UnsafeBufferPointer<Float>) -> Void) throws(AudioError) {
        if input.isEmpty && !flush { return }
        var consumedTotal = 0
        let ratio = outputRate / inputRate
        let needed = Int((Double(input.count) * ratio).rounded(.up)) + 64
        if out.count < needed { out = [Float](repeating: 0, count: needed) }
        repeat {
            var consumed = 0
            var produced = 0
            let remaining = input.count - consumedTotal
            let err: soxr_error_t? = out.withUnsafeMutableBufferPointer { o in
                if flush && remaining == 0 {
                    return soxr_process(soxr, nil, 0, nil, o.baseAddress, o.count, &produced)
                }
                return soxr_process(soxr, input.baseAddress! + consumedTotal, remaining, &consumed,
                                    o.baseAddress, o.count, &produced)
            }
            if let err { throw AudioError(path: path, kind: .resample, detail: String(cString: err)) }
            consumedTotal += consumed
            if produced > 0 { out.withUnsafeBufferPointer { sink(UnsafeBufferPointer(rebasing: $0[0..<produced])) } }
            if flush && consumedTotal >= input.count && produced == 0 { break }
            if !flush && consumedTotal >= input.count && produced < out.count { break }
        } while true
    }
}
