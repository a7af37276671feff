import AudioIO
import Foundation
import TestScratch
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// The dataset scan: what it takes, what it passes over, and what it refuses with a reason.
@Suite struct ScannerTests {
    let root: String = {
        Scratch.directory("scan").path
    }()

    /// Creates an empty file at `root/relative` given as raw bytes (any name Linux allows).
    func touch(_ relative: [UInt8]) {
        let path = Array(root.utf8) + [0x2F] + relative + [0]
        let fd = path.withUnsafeBufferPointer { p in
            p.withMemoryRebound(to: CChar.self) { open($0.baseAddress!, O_CREAT | O_WRONLY, 0o644) }
        }
        #expect(fd >= 0)
        close(fd)
    }

    func mkdir(_ relative: [UInt8]) {
        let path = Array(root.utf8) + [0x2F] + relative + [0]
        let rc = path.withUnsafeBufferPointer { p in p.withMemoryRebound(to: CChar.self) { Glibc.mkdir($0.baseAddress!, 0o755) } }
        #expect(rc == 0)
    }

    @Test func takesAudioRefusesWhatItCannotNameOrFollow() throws {
        mkdir(Array("nested".utf8))
        mkdir(Array("nested/deeper".utf8))
        touch(Array("b.wav".utf8))
        touch(Array("A.MP3".utf8))
        touch(Array("nested/deeper/ça va <b>.flac".utf8))
        touch(Array("notes.txt".utf8))
        touch(Array(".hidden.wav".utf8))
        mkdir(Array(".git".utf8))
        touch(Array(".git/x.wav".utf8))
        touch(Array("bad".utf8) + [0xFF, 0xFE] + Array(".wav".utf8))
        mkdir(Array("dir".utf8) + [0xC3])
        touch(Array("dir".utf8) + [0xC3, 0x2F] + Array("inside.ogg".utf8))
        try FileManager.default.createSymbolicLink(atPath: root + "/link.wav", withDestinationPath: root + "/b.wav")
        try FileManager.default.createSymbolicLink(atPath: root + "/outside", withDestinationPath: "/tmp")
        try FileManager.default.createSymbolicLink(atPath: root + "/other-link", withDestinationPath: root + "/notes.txt")
        #expect(mkfifo(root + "/pipe.wav", 0o644) == 0)

        let scan = AudioFileScanner.walk(directory: root)
        #expect(scan.files == ["A.MP3", "b.wav", "nested/deeper/ça va <b>.flac"])
        let reasons = Dictionary(uniqueKeysWithValues: scan.refused.map { ($0.path, $0.reason) })
        #expect(reasons.count == 5, "\(reasons)")
        #expect(reasons["bad\u{FFFD}\u{FFFD}.wav"]?.contains("not valid UTF-8") == true)
        #expect(reasons["dir\u{FFFD}"]?.contains("not scanned") == true)
        #expect(reasons["link.wav"]?.contains("symbolic link") == true)
        #expect(reasons["outside"]?.contains("symbolic link") == true)
        #expect(reasons["pipe.wav"]?.contains("not a regular file") == true)
        #expect(AudioFileScanner.scan(directory: root) == scan.files)
    }

    /// Folder arguments expand to their files and refusals, joined to the argument; other
    /// arguments pass through unchanged (so a bad path still gets its own error later).
    @Test func expandReportsRefusals() throws {
        touch(Array("a.wav".utf8))
        try FileManager.default.createSymbolicLink(atPath: root + "/l.wav", withDestinationPath: root + "/a.wav")
        let (files, refused) = AudioFileScanner.expandReporting([root, "/no/such/file.mp3"])
        #expect(files == [root + "/a.wav", "/no/such/file.mp3"])
        #expect(refused.map(\.path) == [root + "/l.wav"])
        #expect(AudioFileScanner.expand([root]) == [root + "/a.wav"])
    }

    @Test func missingFolderGivesNothing() {
        let scan = AudioFileScanner.walk(directory: root + "/absent")
        #expect(scan.files.isEmpty && scan.refused.isEmpty)
    }
}
