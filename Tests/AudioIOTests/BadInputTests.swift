import AudioIO
import Foundation
import Testing

/// Every kind of bad input gives an ``AudioError`` of the right kind that names the file.
@Suite struct BadInputTests {
    let dir = TestSignal.temporaryDirectory()

    func expectError(_ path: String, _ kind: AudioError.Kind, sourceLocation: SourceLocation = #_sourceLocation) {
        do {
            let decoded = try AudioDecoder().decode(path: path)
            Issue.record("decoded \(decoded.samples.count) samples from a bad file", sourceLocation: sourceLocation)
        } catch {
            #expect(error.kind == kind, "\(error)", sourceLocation: sourceLocation)
            #expect(error.description.contains(path), sourceLocation: sourceLocation)
            #expect(error.path == path, sourceLocation: sourceLocation)
        }
    }

    func write(_ name: String, _ bytes: [UInt8]) -> String {
        let path = dir.appendingPathComponent(name).path
        _ = FileManager.default.createFile(atPath: path, contents: Data(bytes))
        return path
    }

    func encoded(_ format: AudioWriter.Format, name: String) throws -> (String, Data) {
        let path = dir.appendingPathComponent(name).path
        try AudioWriter.write(TestSignal.mono(rate: 44_100), channels: 1, sampleRate: 44_100, format: format, to: path)
        return (path, try Data(contentsOf: URL(fileURLWithPath: path)))
    }

    @Test func missingFile() {
        expectError(dir.appendingPathComponent("nope.wav").path, .notFound)
    }

    @Test func emptyFile() {
        expectError(write("empty.wav", []), .emptyFile)
    }

    @Test func textFileNamedWav() {
        expectError(write("notes.wav", Array("this is not audio, just some text\n".utf8)), .unsupportedFormat)
    }

    @Test func directory() throws {
        let sub = dir.appendingPathComponent("folder.wav")
        try FileManager.default.createDirectory(at: sub, withIntermediateDirectories: true)
        expectError(sub.path, .isDirectory)
    }

    @Test func fifoIsRefusedWithoutBlocking() {
        let path = dir.appendingPathComponent("pipe.wav").path
        #expect(mkfifo(path, 0o644) == 0)
        expectError(path, .unreadable)
    }

    @Test func unreadableFile() throws {
        let (path, _) = try encoded(.wav16, name: "locked.wav")
        chmod(path, 0)
        defer { chmod(path, 0o644) }
        // root reads anything; the check is meaningful only for ordinary users.
        if getuid() != 0 { expectError(path, .unreadable) }
    }

    @Test func zeroLengthStream() throws {
        let path = dir.appendingPathComponent("zero.wav").path
        try AudioWriter.write([], channels: 1, sampleRate: 22_050, format: .wav16, to: path)
        expectError(path, .noAudio)
    }

    @Test func truncatedFlac() throws {
        let (path, data) = try encoded(.flac, name: "cut.flac")
        try data.prefix(data.count / 2).write(to: URL(fileURLWithPath: path))
        expectError(path, .corrupt)
    }

    @Test func truncatedWav() throws {
        let (path, data) = try encoded(.wav16, name: "cut.wav")
        try data.prefix(data.count / 2).write(to: URL(fileURLWithPath: path))
        expectError(path, .corrupt)
    }

    @Test func truncatedHeader() throws {
        let (path, data) = try encoded(.wav16, name: "head.wav")
        try data.prefix(20).write(to: URL(fileURLWithPath: path))
        expectError(path, .unsupportedFormat)
    }

    @Test func unsupportedCodecInWav() {
        // A RIFF/WAVE header whose fmt chunk names codec 0x1234, which no decoder knows.
        var bytes: [UInt8] = Array("RIFF".utf8) + le32(36 + 8) + Array("WAVEfmt ".utf8) + le32(16)
        bytes += le16(0x1234) + le16(1) + le32(22_050) + le32(44_100) + le16(2) + le16(16)
        bytes += Array("data".utf8) + le32(8) + [UInt8](repeating: 0, count: 8)
        expectError(write("odd-codec.wav", bytes), .unsupportedFormat)
    }

    /// Junk after a compressed stream (seen in the wild after bad tag editors) makes libsndfile
    /// report a nonsense length for Ogg; the decoder counts the frames instead and decodes the
    /// real 1 s, for every compressed format. Decoding reads such a stream once, to its end;
    /// cut short by `maxDuration` it still reports the whole length.
    @Test(arguments: [AudioWriter.Format.ogg, .flac, .mp3, .opus])
    func trailingJunkIsTolerated(_ format: AudioWriter.Format) throws {
        let rate = format == .opus ? 48_000 : 44_100
        let path = dir.appendingPathComponent("junk.\(format.fileExtension)").path
        try AudioWriter.write(TestSignal.interleaved(rate: rate, channels: 2), channels: 2, sampleRate: rate, format: format, to: path)
        var data = try Data(contentsOf: URL(fileURLWithPath: path))
        data.append(contentsOf: [UInt8](repeating: 0, count: 3) + Array("TAG junk".utf8))
        try data.write(to: URL(fileURLWithPath: path))
        let info = try AudioDecoder.info(path: path)
        #expect(abs(info.duration - 1) < 0.01, "\(format): \(info.duration) s")
        let decoded = try AudioDecoder().decode(path: path)
        #expect(abs(decoded.duration - 1) < 0.01)
        #expect(abs(decoded.info.duration - 1) < 0.01, "\(format): \(decoded.info.duration) s")
        let head = try AudioDecoder().decode(path: path, offset: 0.25, maxDuration: 0.5)
        #expect(abs(head.duration - 0.5) < 0.01, "\(format): \(head.duration) s")
        #expect(abs(head.info.duration - 1) < 0.01, "\(format): \(head.info.duration) s")
        do {
            _ = try AudioDecoder().decode(path: path, offset: 5)
            Issue.record("\(format): an offset past the end decoded")
        } catch {
            #expect(error.kind == .invalidArgument, "\(format): \(error)")
        }
    }

    /// A header claiming 1 Hz or 1,000 channels is refused before any buffer is sized from it.
    @Test(arguments: [(1, 1), (22_050, 1_000), (5_000_000, 2)])
    func absurdHeadersAreRefused(_ rate: Int, _ channels: Int) {
        var bytes: [UInt8] = Array("RIFF".utf8) + le32(36 + 8 + 64) + Array("WAVEfmt ".utf8) + le32(16)
        bytes += le16(1) + le16(channels) + le32(rate) + le32(rate * channels * 2) + le16(channels * 2) + le16(16)
        bytes += Array("data".utf8) + le32(64) + [UInt8](repeating: 0, count: 64)
        let path = write("absurd-\(rate)-\(channels).wav", bytes)
        do {
            _ = try AudioDecoder().decode(path: path)
            Issue.record("decoded a \(rate) Hz, \(channels) channel header")
        } catch {
            #expect(error.kind == .corrupt || error.kind == .unsupportedFormat, "\(error)")
        }
    }

    @Test func symbolicLinksToAudioDecode() throws {
        let (path, _) = try encoded(.wav16, name: "real.wav")
        let link = dir.appendingPathComponent("link.wav").path
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: path)
        #expect(abs(try AudioDecoder().decode(path: link).duration - 1) < 0.001)
    }

    @Test func badArgumentsAreRefused() throws {
        let (path, _) = try encoded(.wav16, name: "ok.wav")
        #expect(throws: AudioError.self) { try AudioDecoder().decode(path: path, offset: -1) }
        #expect(throws: AudioError.self) { try AudioDecoder().decode(path: path, offset: 5) }
        #expect(throws: AudioError.self) { try AudioDecoder().decode(path: path, maxDuration: 0) }
        #expect(throws: AudioError.self) { try AudioDecoder().decode(path: path, maxDuration: .nan) }
        #expect(throws: AudioError.self) { try AudioDecoder().decode(path: path, offset: 1e300) }
        #expect(abs(try AudioDecoder().decode(path: path, maxDuration: 1e300).duration - 1) < 0.001)
    }

    private func le16(_ v: Int) -> [UInt8] { [UInt8(v & 0xff), UInt8(v >> 8 & 0xff)] }
    private func le32(_ v: Int) -> [UInt8] { (0..<4).map { UInt8(v >> (8 * $0) & 0xff) } }
}
