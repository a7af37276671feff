import CSndfile
import Foundation

/// Encodes Float samples to any format libsndfile writes, atomically (temporary file, then
/// rename), with tags. Used by tests and the demo dataset generator.
public enum AudioWriter {
    /// Output encodings; each names its container and codec.
    public enum Format: String, Sendable, CaseIterable {
        case wav16, wav24, wav32, wavFloat, aiff, flac, ogg, opus, mp3

        /// Conventional file extension.
        public var fileExtension: String {
            switch self {
            case .wav16, .wav24, .wav32, .wavFloat: "wav"
            case .aiff: "aiff"
            case .flac: "flac"
            case .ogg, .opus: self == .ogg ? "ogg" : "opus"
            case .mp3: "mp3"
            }
        }

        var sfFormat: Int32 {
            switch self {
            case .wav16: Int32(SF_FORMAT_WAV | SF_FORMAT_PCM_16)
            case .wav24: Int32(SF_FORMAT_WAV | SF_FORMAT_PCM_24)
            case .wav32: Int32(SF_FORMAT_WAV | SF_FORMAT_PCM_32)
            case .wavFloat: Int32(SF_FORMAT_WAV | SF_FORMAT_FLOAT)
            case .aiff: Int32(SF_FORMAT_AIFF | SF_FORMAT_PCM_16)
            case .flac: Int32(SF_FORMAT_FLAC | SF_FORMAT_PCM_16)
            case .ogg: Int32(SF_FORMAT_OGG | SF_FORMAT_VORBIS)
            case .opus: Int32(SF_FORMAT_OGG | SF_FORMAT_OPUS)
            case .mp3: Int32(SF_FORMAT_MPEG | SF_FORMAT_MPEG_LAYER_III)
            }
        }

        /// Opus only runs at 8, 12, 16, 24 or 48 kHz.
        public func supports(sampleRate: Int) -> Bool {
            switch self {
            case .opus: [8_000, 12_000, 16_000, 24_000, 48_000].contains(sampleRate)
            case .mp3: [8_000, 11_025, 12_000, 16_000, 22_050, 24_000, 32_000, 44_100, 48_000].contains(sampleRate)
            default: sampleRate > 0
            }
        }
    }

    /// Writes `interleaved` samples (`frames × channels`, row-major) to `path`.
    ///
    /// Values are clipped to [-1, 1] by libsndfile for integer formats. The file appears at
    /// `path` only when complete.
    public static func write(_ interleaved: [Float], channels: Int, sampleRate: Int, format: Format,
                             tags: AudioTags = AudioTags(), to path: String) throws(AudioError) {
        guard channels > 0, interleaved.count % channels == 0 else {
            throw AudioError(path: path, kind: .invalidArgument, detail: "sample count is not a multiple of \(channels) channels")
        }
        guard format.supports(sampleRate: sampleRate) else {
            throw AudioError(path: path, kind: .invalidArgument, detail: "\(format.rawValue) cannot encode \(sampleRate) Hz")
        }
        let url = URL(fileURLWithPath: path)
        let temp = url.deletingLastPathComponent()
            .appendingPathComponent(".\(url.lastPathComponent).\(UUID().uuidString).tmp.\(format.fileExtension)").path
        var info = SF_INFO()
        info.samplerate = Int32(sampleRate)
        info.channels = Int32(channels)
        info.format = format.sfFormat
        guard let handle = sf_open(temp, Int32(SFM_WRITE), &info) else {
            throw AudioError(path: path, kind: .write, detail: String(cString: sf_strerror(nil)))
        }
        var failure: String?
        if format == .flac || format == .ogg || format == .opus || format == .mp3 {
            var level: Double = format == .mp3 ? 0.3 : 0.5
            sf_command(handle, Int32(SFC_SET_COMPRESSION_LEVEL), &level, Int32(MemoryLayout<Double>.size))
        }
        let strings: [(Int32, String?)] = [
            (Int32(SF_STR_TITLE), tags.title), (Int32(SF_STR_ARTIST), tags.artist),
            (Int32(SF_STR_ALBUM), tags.album), (Int32(SF_STR_DATE), tags.date),
            (Int32(SF_STR_GENRE), tags.genre), (Int32(SF_STR_COMMENT), tags.comment),
        ]
        for case let (type, value?) in strings where sf_set_string(handle, type, value) != 0 {
            failure = "cannot set tag: \(String(cString: sf_strerror(handle)))"
        }
        let frames = interleaved.count / channels
        if failure == nil {
            let written = interleaved.withUnsafeBufferPointer { sf_writef_float(handle, $0.baseAddress, sf_count_t(frames)) }
            if written != frames { failure = String(cString: sf_strerror(handle)) }
        }
        sf_close(handle)
        // What libsndfile cannot write (album artist, disc and track number; an AIFF's album), through TagLib.
        let more = [("ALBUMARTIST", tags.albumArtist), ("DISCNUMBER", tags.disc.map(String.init)),
                    ("TRACKNUMBER", tags.track.map(String.init)), ("ALBUM", format == .aiff ? tags.album : nil)]
            .compactMap { k, v in v.map { (k, $0) } }
        if failure == nil, !more.isEmpty, !TagReader.setProperties(more, path: temp) {
            failure = "cannot set the album artist, disc or track number tag"
        }
        if let failure {
            try? FileManager.default.removeItem(atPath: temp)
            throw AudioError(path: path, kind: .write, detail: failure)
        }
        if rename(temp, path) != 0 {
            let message = String(cString: strerror(errno))
            try? FileManager.default.removeItem(atPath: temp)
            throw AudioError(path: path, kind: .write, detail: message)
        }
    }
}
