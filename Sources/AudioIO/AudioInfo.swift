/// Metadata tags that libsndfile exposes (RIFF INFO, AIFF, Vorbis comments, ID3 via mpg123).
public struct AudioTags: Sendable, Equatable, Codable {
    public var title: String?
    public var artist: String?
    public var album: String?
    public var date: String?
    public var genre: String?
    public var comment: String?
    /// The album's artist (`ALBUMARTIST`, ID3 `TPE2`), when it differs from the track's.
    public var albumArtist: String?
    /// Track and disc number (the `N` of "N/total"), when tagged.
    public var track: Int?
    public var disc: Int?

    public init(title: String? = nil, artist: String? = nil, album: String? = nil,
                date: String? = nil, genre: String? = nil, comment: String? = nil,
                albumArtist: String? = nil, track: Int? = nil, disc: Int? = nil) {
        self.title = title
        self.artist = artist
        self.album = album
        self.date = date
        self.genre = genre
        self.comment = comment
        self.albumArtist = albumArtist
        self.track = track
        self.disc = disc
    }

    /// The leading number of a "3", "03/12" or " 3 of 12" tag, if it is 1…9999.
    public static func number(_ text: String?) -> Int? {
        guard let text else { return nil }
        let digits = text.drop(while: { $0 == " " }).prefix(while: { $0.isASCII && $0.isNumber })
        guard !digits.isEmpty, digits.count <= 4, let n = Int(digits), n > 0 else { return nil }
        return n
    }

    /// The most characters a tag keeps (tags may legally be megabytes; a catalog repeats each
    /// title on several pages and in every CSV, so a 2 MB title once made ~90 MB of pages).
    public static let maximumLength = 1_000

    /// `text` cut to ``maximumLength`` Unicode scalars, the last of them an ellipsis when it was
    /// cut. Scalars, not characters: one character can hold any number of combining marks, so a
    /// character count would let a megabyte through as "one character".
    public static func capped(_ text: String) -> String {
        guard text.utf8.count > maximumLength, text.unicodeScalars.count > maximumLength else { return text }
        var out = String.UnicodeScalarView()
        out.append(contentsOf: text.unicodeScalars.prefix(maximumLength - 1))
        return String(out) + "…"
    }

    /// True when no tag is set.
    public var isEmpty: Bool {
        [title, artist, album, date, genre, comment, albumArtist].allSatisfy { $0 == nil } && track == nil && disc == nil
    }
}

/// What a file is, before any samples are decoded.
public struct AudioInfo: Sendable, Equatable {
    /// Short container name, e.g. `wav`, `aiff`, `flac`, `ogg`, `mp3`.
    public let container: String
    /// Short codec name, e.g. `pcm16`, `float32`, `vorbis`, `opus`, `mp3`.
    public let codec: String
    /// Native sample rate of the file, in Hz.
    public let sampleRate: Int
    /// Number of interleaved channels in the file.
    public let channels: Int
    /// Number of sample frames (per channel) libsndfile reports.
    public let frames: Int
    /// Tags read from the file; empty fields are `nil`.
    public let tags: AudioTags

    /// Duration in seconds (`frames / sampleRate`).
    public var duration: Double { sampleRate > 0 ? Double(frames) / Double(sampleRate) : 0 }
}

/// A decoded, downmixed and resampled clip.
public struct DecodedAudio: Sendable {
    /// Mono samples at ``sampleRate``, nominally in [-1, 1].
    public let samples: [Float]
    /// Output sample rate in Hz (the requested target rate).
    public let sampleRate: Int
    /// The source file's metadata.
    public let info: AudioInfo
    /// Where decoding started in the source, in seconds.
    public let offset: Double
    /// The largest |sample| (NaN ignored), measured block by block while decoding.
    public let peak: Float

    /// Duration of ``samples`` in seconds.
    public var duration: Double { Double(samples.count) / Double(sampleRate) }
}
