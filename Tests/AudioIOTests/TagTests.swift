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
}
