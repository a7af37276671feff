import CSndfile
import Foundation

/// Decodes any format libsndfile reads (WAV, AIFF, FLAC, Ogg Vorbis, Opus, MP3, …) to mono
/// Float32 at a target rate, in bounded chunks.
///
/// Pipeline per chunk: `sf_readf_float` (interleaved, normalised to [-1, 1]) → downmix by
/// averaging channels (librosa `to_mono`) → libsoxr HQ resampling (librosa `res_type="soxr_hq"`).
/// Peak memory is one chunk plus the requested output, never the whole file.
public struct AudioDecoder: Sendable {
    /// Output sample rate in Hz; librosa's default is 22,050.
    public var targetRate: Int
    /// Frames read from the file per chunk.
    public var chunkFrames: Int

    public init(targetRate: Int = 22_050, chunkFrames: Int = 65_536) {
        self.targetRate = targetRate
        self.chunkFrames = chunkFrames
    }

    /// Reads the header and tags only.
    public static func info(path: String) throws(AudioError) -> AudioInfo {
        let file = try SoundFile(path: path)
        return makeInfo(file)
    }

    /// The file's info; `frames` overrides the header's count (streams of unknown length).
    private static func makeInfo(_ file: SoundFile, frames: Int? = nil) -> AudioInfo {
        let names = file.formatNames()
        return AudioInfo(container: names.container, codec: names.codec, sampleRate: file.sampleRate,
                         channels: file.channels, frames: frames ?? file.frames, tags: file.tags())
    }

    /// Decodes `path` into mono samples at ``targetRate``.
    ///
    /// - Parameters:
    ///   - offset: where to start, in seconds from the beginning of the file (≥ 0).
    ///   - maxDuration: at most this many seconds are decoded (`nil`: to the end).
    /// - Returns: the samples; their count is `ceil(n · targetRate / sourceRate)` for `n` source
    ///   frames decoded, as librosa's `resample(..., fix=True)`.
    /// - Throws: ``AudioError`` naming the file, e.g. `.corrupt` when the stream ends far
    ///   before the length its header promised.
    public func decode(path: String, offset: Double = 0, maxDuration: Double? = nil) throws(AudioError) -> DecodedAudio {
        var samples: [Float] = []
        var peak: Float = 0
        let info = try stream(path: path, offset: offset, maxDuration: maxDuration,
                              reserve: { samples.reserveCapacity($0) }) { block in
            samples.append(contentsOf: block)
            peak = max(peak, Peak.of(block)) // while the block is in cache
        }
        return DecodedAudio(samples: samples, sampleRate: targetRate, info: info, offset: offset, peak: peak)
    }

    /// Streams decoded mono blocks at ``targetRate`` to `body` as they are produced, so a
    /// two-hour file can be processed with memory bounded by one chunk.
    ///
    /// - Parameter reserve: called once with the expected number of output samples.
    /// - Returns: the file's ``AudioInfo``.
    @discardableResult
    public func stream(path: String, offset: Double = 0, maxDuration: Double? = nil,
                       reserve: (Int) -> Void = { _ in },
                       body: (UnsafeBufferPointer<Float>) -> Void) throws(AudioError) -> AudioInfo {
        guard offset >= 0, offset.isFinite, offset <= 1e7 else {
            throw AudioError(path: path, kind: .invalidArgument, detail: "offset must be ≥ 0 s, got \(offset)")
        }
        if let maxDuration, !(maxDuration > 0) || !maxDuration.isFinite {
            throw AudioError(path: path, kind: .invalidArgument, detail: "duration must be > 0 s, got \(maxDuration)")
        }
        guard targetRate > 0, chunkFrames > 0 else {
            throw AudioError(path: path, kind: .invalidArgument, detail: "target rate and chunk size must be positive")
        }
        let file = try SoundFile(path: path, countingUnknownLength: false)
        let rate = file.sampleRate
        let channels = file.channels
        let known = file.lengthKnown

        let startFrame = Int((offset * Double(rate)).rounded())
        if known && startFrame >= file.frames {
            throw AudioError(path: path, kind: .invalidArgument,
                             detail: "offset \(offset) s is past the end (\(String(format: "%.3f", Self.makeInfo(file).duration)) s)")
        }
        if startFrame > 0 && !file.seek(to: startFrame) {
            do {
                try skip(file, frames: startFrame)
            } catch where !known {
                throw AudioError(path: path, kind: .invalidArgument, detail: "offset \(offset) s is past the end of the stream")
            }
        }
        // Frames to decode; a stream of unknown length is read to its end (or to maxDuration).
        var wanted = known ? file.frames - startFrame : Int.max
        if let maxDuration, maxDuration * Double(rate) < Double(wanted) { wanted = Int((maxDuration * Double(rate)).rounded()) }
        let expectedOut = wanted == Int.max ? Int.max : Int((Double(wanted) * Double(targetRate) / Double(rate)).rounded(.up))
        reserve(min(expectedOut, known ? targetRate * 3_600 : targetRate * 600)) // the array grows past that if it must

        let resampler = rate == targetRate ? nil : try Resampler(from: rate, to: targetRate, path: path)
        var interleaved = [Float](repeating: 0, count: chunkFrames * channels)
        var mono = [Float](repeating: 0, count: chunkFrames)
        var emitted = 0
        var readTotal = 0
        var limit = expectedOut
        // Emits at most `expectedOut` samples in total.
        func emit(_ block: UnsafeBufferPointer<Float>) {
            let n = min(block.count, limit - emitted)
            guard n > 0 else { return }
            body(UnsafeBufferPointer(rebasing: block[0..<n]))
            emitted += n
        }

        var reachedEnd = false
        while readTotal < wanted {
            let request = min(chunkFrames, wanted - readTotal)
            let got = interleaved.withUnsafeMutableBufferPointer { file.read(into: $0.baseAddress!, frameCount: request) }
            if got <= 0 { reachedEnd = true; break }
            readTotal += got
            Self.downmix(interleaved, channels: channels, frames: got, into: &mono)
            try mono.withUnsafeBufferPointer { m throws(AudioError) in
                let block = UnsafeBufferPointer(rebasing: m[0..<got])
                if let resampler {
                    try resampler.process(block, path: path, sink: emit)
                } else {
                    emit(block)
                }
            }
        }
        let info: AudioInfo
        if known {
            info = Self.makeInfo(file)
            // A stream that ends well short of its header is truncated or undecodable.
            let shortfall = wanted - readTotal
            if shortfall > 0 {
                let tolerance = max(rate / 10, 4_608) // MP3 frame-count estimates can be off by a few frames
                if readTotal == 0 || shortfall > tolerance || file.errorCode != 0 {
                    // A read error of the system (an I/O error on a network file system) is not damage.
                    throw AudioError(path: path, kind: file.errorCode == Int32(SF_ERR_SYSTEM) ? .unreadable : .corrupt,
                                     detail: "stream ended after \(readTotal) of \(wanted) frames (\(file.lastError))")
                }
            }
        } else {
            if readTotal == 0 && startFrame > 0 {
                throw AudioError(path: path, kind: .invalidArgument, detail: "offset \(offset) s is past the end of the stream")
            }
            guard readTotal > 0 || wanted == 0 else {
                throw AudioError(path: path, kind: .noAudio, detail: "the stream holds 0 decodable frames")
            }
            // The header's length was implausible: the length is what the stream holds. When
            // maxDuration stopped us early, count the rest so the reported length stays exact.
            let rest = reachedEnd ? 0 : file.discard(chunk: chunkFrames)
            info = Self.makeInfo(file, frames: startFrame + readTotal + rest)
        }
        // Pad or cut to the exact librosa length (soxr's flush can leave us a sample short).
        limit = Int((Double(readTotal) * Double(targetRate) / Double(rate)).rounded(.up))
        if let resampler {
            try resampler.process(UnsafeBufferPointer(start: nil, count: 0), flush: true, path: path, sink: emit)
        }
        if emitted < limit {
            let pad = [Float](repeating: 0, count: limit - emitted)
            pad.withUnsafeBufferPointer { body($0) }
        }
        return info
    }

    /// Averages interleaved channels into `mono` (librosa `to_mono`).
    static func downmix(_ interleaved: [Float], channels: Int, frames: Int, into mono: inout [Float]) {
        if channels == 1 {
            for i in 0..<frames { mono[i] = interleaved[i] }
            return
        }
        let scale = 1 / Float(channels)
        if channels == 2 {
            interleaved.withUnsafeBufferPointer { src in
                mono.withUnsafeMutableBufferPointer { dst in
                    // (0 + a) + b, as the general loop sums: −0 + −0 gives +0 there too.
                    for i in 0..<frames { dst[i] = ((0 + src[2 * i]) + src[2 * i + 1]) * scale }
                }
            }
            return
        }
        interleaved.withUnsafeBufferPointer { src in
            for i in 0..<frames {
                var sum: Float = 0
                let base = i * channels
                for c in 0..<channels { sum += src[base + c] }
                mono[i] = sum * scale
            }
        }
    }

    /// Reads and discards `frames` frames, for formats that cannot seek.
    private func skip(_ file: SoundFile, frames: Int) throws(AudioError) {
        if file.discard(upTo: frames, chunk: chunkFrames) < frames {
            throw AudioError(path: file.path, kind: .corrupt, detail: "cannot reach offset (\(file.lastError))")
        }
    }
}
