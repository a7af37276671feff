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
