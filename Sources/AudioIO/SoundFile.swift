import CSndfile
import Foundation

/// libsndfile reports open failures through a process-wide buffer (`sf_strerror(NULL)`):
/// opening under a lock keeps each failure's message with its own file.
private let openLock = NSLock()

/// Owns one `SNDFILE*` opened for reading. Internal: the public API is ``AudioDecoder``.


final class SoundFile {
    let path: String
    private var handle: OpaquePointer?
    private(set) var sfInfo = SF_INFO()
    /// Frames in the stream: the header's count, or the counted one when the header's is
    /// missing or implausible (see ``plausibleFrameCount(fileSize:)``); 0 when ``lengthKnown``
    /// is false.
    private(set) var frames = 0
    /// False when the header's length was implausible and the caller chose not to count it up
    /// front (``init(path:countingUnknownLength:)``): the stream is then read to its end.
    private(set) var lengthKnown = true

    /// Opens `path` for reading after checking the things libsndfile reports poorly
    /// (missing file, directory, zero bytes, permissions).
    ///
    /// - Parameter countingUnknownLength: when the header's length is implausible (an Ogg
    ///   stream followed by junk, a damaged last page), count the frames by decoding the whole
    ///   stream and rewinding. A caller that decodes the stream anyway passes false and reads to
    ///   the end once instead of twice.
    init(path: String, countingUnknownLength: Bool = true) throws(AudioError) {
        self.path = path
        var isDir: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDir) else {
            throw AudioError(path: path, kind: .notFound, detail: path.unicodeScalars.contains("\u{FFFD}")
                ? "no such file; a name with bytes that are not valid UTF-8 cannot be passed on the command line, rename the file"
                : "no such file")
        }
        if isDir.boolValue {
            throw AudioError(path: path, kind: .isDirectory, detail: "expected an audio file")
        }
        // FIFOs, sockets and devices would block or stream forever: regular files only
        // (a symbolic link counts as what it points to).
        let target = URL(fileURLWithPath: path).resolvingSymlinksInPath().path
        let type = (try? FileManager.default.attributesOfItem(atPath: target)[.type]) as? FileAttributeType
        guard type == .typeRegular else {
            throw AudioError(path: path, kind: .unreadable, detail: "not a regular file")
        }
        guard FileManager.default.isReadableFile(atPath: path) else {
            throw AudioError(path: path, kind: .unreadable, detail: "permission denied")
        }
        let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? NSNumber)?.intValue
        if size == 0 {
            throw AudioError(path: path, kind: .emptyFile, detail: "0 bytes")
        }
        var info = SF_INFO()
        openLock.lock()
        let opened = sf_open(path, Int32(SFM_READ), &info)
        let openError = opened == nil ? String(cString: sf_strerror(nil)) : ""
        let openCode = opened == nil ? sf_error(nil) : 0
        openLock.unlock()
        guard let h = opened else {
            // An operating-system error (EMFILE, EIO, ESTALE) says nothing about the bytes.
            throw AudioError(path: path, kind: openCode == Int32(SF_ERR_SYSTEM) ? .unreadable : .unsupportedFormat,
                             detail: Self.openFailure(openError))
        }
        handle = h
        sfInfo = info
        // Real audio lives in 1 kHz…768 kHz and up to 64 channels; beyond that a header is
        // hostile or broken, and buffers sized from it would be absurd.
        guard info.channels > 0, info.channels <= 64, info.samplerate >= 1_000, info.samplerate <= 768_000 else {
            close()
            throw AudioError(path: path, kind: .corrupt,
                             detail: "invalid header (\(info.channels) channels, \(info.samplerate) Hz)")
        }
        guard info.frames > 0 else {
            close()
            throw AudioError(path: path, kind: .noAudio, detail: "the stream holds 0 frames")
        }
        if let truncation = declaredTruncation() {
            close()
            throw AudioError(path: path, kind: .corrupt, detail: truncation)
        }
        frames = Int(info.frames)
        if !plausibleFrameCount(fileSize: size ?? 0) && !countingUnknownLength {
            frames = 0
            lengthKnown = false
        } else if !plausibleFrameCount(fileSize: size ?? 0) {
            // Ogg with trailing junk, streams of unknown length: count by decoding, then rewind.
            frames = try countFrames()
            guard frames > 0 else {
                close()
                throw AudioError(path: path, kind: .noAudio, detail: "the stream holds 0 decodable frames")
            }
        }
    }

    /// A header length is plausible when the file could hold it at ≥ 2 kbit/s (far below any
    /// real codec at any rate); libsndfile reports `SF_COUNT_MAX` or garbage (e.g. for an Ogg
    /// stream followed by junk) otherwise.
    private func plausibleFrameCount(fileSize: Int) -> Bool {
        guard sfInfo.frames > 0, sfInfo.frames < sf_count_t(Int32.max) * 64 else { return false }
        let seconds = Double(sfInfo.frames) / Double(sfInfo.samplerate)
        return seconds <= Double(max(fileSize, 1)) * 8 / 2_000
    }

    /// Decodes the whole stream to count its frames, then seeks back to the start.
    private func countFrames() throws(AudioError) -> Int {
        let total = discard()
        guard seek(to: 0) else {
            throw AudioError(path: path, kind: .corrupt, detail: "stream length unknown and the stream cannot be rewound")
        }
        return total
    }

    /// Reads and throws away up to `limit` frames (nil: to the end of the stream) in bounded
    /// chunks; returns how many frames were read. Counting, skipping to an offset on formats
    /// that cannot seek, and finishing a length all use it.
    func discard(upTo limit: Int? = nil, chunk: Int = 65_536) -> Int {
        var scratch = [Float](repeating: 0, count: chunk * channels)
        var total = 0
        while limit.map({ total < $0 }) ?? true {
            let request = limit.map { min(chunk, $0 - total) } ?? chunk
            let got = scratch.withUnsafeMutableBufferPointer { read(into: $0.baseAddress!, frameCount: request) }
            if got <= 0 { break }
            total += got
        }
        return total
    }

    /// libsndfile quietly shortens a WAV/AIFF whose data chunk is cut off; its log says
    /// `data : 176400 (should be 44020)`. A declared size larger than what is there means a
    /// truncated file. Placeholder sizes (0 or ≥ 0xFFFFFF00, written by streaming encoders)
    /// are not truncation.
    private func declaredTruncation() -> String? {
        var log = [CChar](repeating: 0, count: 4_096)
        let n = sf_command(handle, Int32(SFC_GET_LOG_INFO), &log, Int32(log.count))
        guard n > 0 else { return nil }
        let text = String(decoding: log.prefix(Int(n)).map { UInt8(bitPattern: $0) }, as: UTF8.self)
        for line in text.split(separator: "\n") {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            guard trimmed.hasPrefix("data") || trimmed.hasPrefix("SSND") else { continue }
            guard let open = trimmed.range(of: "(should be ") else { continue }
            let declared = trimmed[..<open.lowerBound].split(separator: ":").last
                .flatMap { UInt64($0.trimmingCharacters(in: .whitespaces)) }
            let actual = UInt64(trimmed[open.upperBound...].prefix { $0.isNumber })
            if let declared, let actual, declared > actual, declared != 0, declared < 0xFFFF_FF00 {
                return "data chunk declares \(declared) bytes but only \(actual) are present"
            }
        }
        return nil
    }

    deinit { close() }

    func close() {
        if let h = handle { sf_close(h) }
        handle = nil
    }

    var channels: Int { Int(sfInfo.channels) }
    var sampleRate: Int { Int(sfInfo.samplerate) }

    /// The library's message for the last error on this handle, or what is known when the library
    /// recorded none (its "No Error." would only confuse).
    var lastError: String {
        errorCode == 0 ? "the data ends early or a frame cannot be decoded" : String(cString: sf_strerror(handle))
    }

    /// What to say when `sf_open` fails with `message`. The file was already checked to be a
    /// readable regular file, so libsndfile's catch-all "File does not exist or is not a regular
    /// file (possibly a pipe?)" (what it says when no format matches, e.g. for text named `.mp3`)
    /// is false here and is replaced.
    static func openFailure(_ message: String) -> String {
        if message.hasPrefix("File does not exist or is not a regular file") || message.isEmpty || message.hasPrefix("No Error") {
            return "its contents match no format libsndfile reads"
        }
        return message
    }

    /// Moves to `frame`; returns false when the format cannot seek.
    func seek(to frame: Int) -> Bool {
        sf_seek(handle, sf_count_t(frame), SEEK_SET) == sf_count_t(frame)
    }

    /// Reads up to `frameCount` interleaved frames into `buffer` (which holds at least
    /// `frameCount * channels` floats). Returns the number of frames read (0 at end of stream).
    func read(into buffer: UnsafeMutablePointer<Float>, frameCount: Int) -> Int {
        Int(sf_readf_float(handle, buffer, sf_count_t(frameCount)))
    }

    /// libsndfile's error state after a read (SF_ERR_NO_ERROR when fine).
    var errorCode: Int32 { sf_error(handle) }

    /// Tags libsndfile exposes for this file, completed by TagLib (``TagReader``) where libsndfile
    /// has none: the album artist and disc number always come from TagLib.
    func tags() -> AudioTags {
        func string(_ type: Int32) -> String? {
            guard let c = sf_get_string(handle, type) else { return nil }
            let s = String(cString: c).trimmingCharacters(in: .whitespacesAndNewlines)
            return s.isEmpty ? nil : AudioTags.capped(s)
        }
        let more = TagReader.properties(path: path)
        return AudioTags(title: string(Int32(SF_STR_TITLE)) ?? more["TITLE"], artist: string(Int32(SF_STR_ARTIST)) ?? more["ARTIST"],
                         album: string(Int32(SF_STR_ALBUM)) ?? more["ALBUM"], date: string(Int32(SF_STR_DATE)),
                         genre: string(Int32(SF_STR_GENRE)), comment: string(Int32(SF_STR_COMMENT)),
                         albumArtist: more["ALBUMARTIST"],
                         track: AudioTags.number(string(Int32(SF_STR_TRACKNUMBER))) ?? AudioTags.number(more["TRACKNUMBER"]),
                         disc: AudioTags.number(more["DISCNUMBER"]))
    }

    /// Container and codec names for ``AudioInfo``.
    func formatNames() -> (container: String, codec: String) {
        let major = Int(sfInfo.format) & Int(SF_FORMAT_TYPEMASK)
        let sub = Int(sfInfo.format) & Int(SF_FORMAT_SUBMASK)
        let containers: [Int: String] = [
            Int(SF_FORMAT_WAV): "wav", Int(SF_FORMAT_WAVEX): "wav", Int(SF_FORMAT_RF64): "rf64",
            Int(SF_FORMAT_AIFF): "aiff", Int(SF_FORMAT_AU): "au", Int(SF_FORMAT_FLAC): "flac",
            Int(SF_FORMAT_OGG): "ogg", Int(SF_FORMAT_MPEG): "mp3", Int(SF_FORMAT_CAF): "caf",
            Int(SF_FORMAT_W64): "w64", Int(SF_FORMAT_RAW): "raw",
        ]
        let codecs: [Int: String] = [
            Int(SF_FORMAT_PCM_S8): "pcm8", Int(SF_FORMAT_PCM_U8): "pcm8u", Int(SF_FORMAT_PCM_16): "pcm16",
            Int(SF_FORMAT_PCM_24): "pcm24", Int(SF_FORMAT_PCM_32): "pcm32", Int(SF_FORMAT_FLOAT): "float32",
            Int(SF_FORMAT_DOUBLE): "float64", Int(SF_FORMAT_VORBIS): "vorbis", Int(SF_FORMAT_OPUS): "opus",
            Int(SF_FORMAT_ULAW): "ulaw", Int(SF_FORMAT_ALAW): "alaw",
            Int(SF_FORMAT_MPEG_LAYER_I): "mp1", Int(SF_FORMAT_MPEG_LAYER_II): "mp2",
            Int(SF_FORMAT_MPEG_LAYER_III): "mp3",
        ]
        return (containers[major] ?? String(format: "0x%06x", major), codecs[sub] ?? String(format: "0x%04x", sub))
    }
}
