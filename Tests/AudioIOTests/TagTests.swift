import AudioIO
import Foundation
import Testing

/// Tags written with libsndfile come back through ``AudioDecoder/info(path:)``.
@Suite struct TagTests {
    static let tags = AudioTags(title: "Señor Groove <1>", artist: "The \"Quoted\" & Co",
                                album: "Backbeat Tests", date: "2026", genre: "Funk", comment: "synthesised")

    @Test(arguments: [AudioWriter.Format.flac, .ogg, .wav16])
    func tagsRoundTrip(_ format: AudioWriter.Format) throws {
        let dir = TestSignal.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("tagged.\(format.fileExtension)").path
        try AudioWriter.write(TestSignal.mono(rate: 44_100), channels: 1, sampleRate: 44_100,
                              format: format, tags: Self.tags, to: path)
        let info = try AudioDecoder.info(path: path)
        #expect(info.tags.title == Self.tags.title)
        #expect(info.tags.artist == Self.tags.artist)
        #expect(info.tags.album == Self.tags.album)
        #expect(info.tags.date == Self.tags.date)
        if format != .wav16 { #expect(info.tags.genre == Self.tags.genre) }
        #expect(info.tags.comment == Self.tags.comment)
    }

    /// The tags libsndfile cannot read or write (album artist, disc number; the track number in
    /// most formats) go through TagLib, and come back in every format the catalog reads.
    @Test(arguments: [AudioWriter.Format.flac, .ogg, .opus, .mp3, .wav16, .aiff])
    func albumArtistDiscAndTrackRoundTrip(_ format: AudioWriter.Format) throws {
        let dir = TestSignal.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("album.\(format.fileExtension)").path
        let rate = format == .opus ? 48_000 : 44_100
        let tags = AudioTags(title: "Track", artist: "Guest Artist", album: "Compilation", albumArtist: "Various Ärtists", track: 7, disc: 2)
        try AudioWriter.write(TestSignal.mono(rate: rate), channels: 1, sampleRate: rate, format: format, tags: tags, to: path)
        let read = try AudioDecoder.info(path: path).tags
        #expect(read.albumArtist == "Various Ärtists", "\(format)")
        #expect(read.disc == 2 && read.track == 7, "\(format): disc \(String(describing: read.disc)), track \(String(describing: read.track))")
        #expect(read.artist == "Guest Artist" && read.album == "Compilation", "\(format)")
        #expect(try AudioDecoder().decode(path: path).samples.count > 0, "\(format): the file still decodes after TagLib saved it")
    }

    /// Audio that decodes but carries a damaged tag: an ID3v2 frame that claims 256 MB, an ID3 tag
    /// of garbage. TagLib gives nothing for it; the file still reads and decodes.
    @Test func damagedTagsAreIgnored() throws {
        let dir = TestSignal.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let clean = dir.appendingPathComponent("clean.mp3").path
        try AudioWriter.write(TestSignal.mono(rate: 44_100), channels: 1, sampleRate: 44_100, format: .mp3, to: clean)
        let audio = try Data(contentsOf: URL(fileURLWithPath: clean))
        // ID3v2.4 header (tag size 30, syncsafe) holding a TPE2 frame whose size field says 0x7F7F7F7F.
        let frame: [UInt8] = Array("TPE2".utf8) + [0x7F, 0x7F, 0x7F, 0x7F, 0, 0] + [3] + Array("Various".utf8) + [UInt8](repeating: 0, count: 12)
        let hugeFrame = Data(Array("ID3".utf8) + [4, 0, 0, 0, 0, 0, UInt8(frame.count)] + frame) + audio
        let garbage = Data(Array("ID3".utf8) + [3, 0, 0, 0, 0, 0, 40] + (0..<40).map { UInt8(truncatingIfNeeded: $0 &* 97 &+ 5) }) + audio
        for (name, bytes) in [("huge-frame.mp3", hugeFrame), ("garbage-id3.mp3", garbage)] {
            let path = dir.appendingPathComponent(name).path
            try bytes.write(to: URL(fileURLWithPath: path))
            let info = try AudioDecoder.info(path: path)
            #expect(info.tags.albumArtist == nil || info.tags.albumArtist == "Various", "\(name)")
            #expect(try AudioDecoder().decode(path: path).samples.count > 0, "\(name)")
        }
    }

    @Test func untaggedFileHasNoTags() throws {
        let dir = TestSignal.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("plain.flac").path
        try AudioWriter.write(TestSignal.mono(rate: 22_050), channels: 1, sampleRate: 22_050, format: .flac, to: path)
        #expect(try AudioDecoder.info(path: path).tags.isEmpty)
    }

    /// A tag may legally be megabytes; what it contributes to a catalog is capped at 1,000
    /// characters, the last an ellipsis (issue #15, class 4).
    @Test func hugeTagsAreCapped() throws {
        let dir = TestSignal.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("huge.flac").path
        let title = String(repeating: "ä<b>", count: 50_000)
        try AudioWriter.write(TestSignal.mono(rate: 22_050), channels: 1, sampleRate: 22_050, format: .flac,
                              tags: AudioTags(title: title, artist: "short"), to: path)
        let tags = try AudioDecoder.info(path: path).tags
        let capped = try #require(tags.title)
        #expect(capped.unicodeScalars.count == AudioTags.maximumLength && capped.hasSuffix("…") && title.hasPrefix(capped.dropLast()))
        #expect(tags.artist == "short")
        #expect(AudioTags.capped(String(repeating: "x", count: 1_000)).count == 1_000)
        // Characters that hold many scalars (a letter with a million combining marks, emoji
        // sequences) are capped by their scalars.
        #expect(AudioTags.capped(String(repeating: "👩‍👩‍👧", count: 1_200)).unicodeScalars.count == 1_000)
        #expect(AudioTags.capped("e" + String(repeating: "\u{301}", count: 1_000_000)).utf8.count < 2_100)
    }
}
