import Foundation
import TestScratch
import Testing

/// Every failure the command line reports is one clear line naming the file and the reason
/// (issue #15, class 5), run against the built `backbeat` binary.
@Suite(.serialized) struct ErrorLineTests {
    /// The `backbeat` executable beside this test bundle (SwiftPM builds it with the tests).
    static let binary = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("backbeat")

    struct Run {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    static func run(_ arguments: [String], in folder: URL) throws -> Run {
        let process = Process()
        process.executableURL = binary
        process.arguments = arguments
        process.currentDirectoryURL = folder
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let o = out.fileHandleForReading.readDataToEndOfFile(), e = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Run(status: process.terminationStatus, stdout: String(decoding: o, as: UTF8.self), stderr: String(decoding: e, as: UTF8.self))
    }

    struct SetupFailure: Error, CustomStringConvertible { let description: String }

    /// A folder with a small demo dataset and a catalog of it; a failure says which step failed and why.
    static let shared = Result { () throws -> URL in
        let root = Scratch.directory("cli")
        guard FileManager.default.isExecutableFile(atPath: binary.path) else {
            throw SetupFailure(description: "\(binary.path) is missing: build the package (swift build) before the tests")
        }
        for step in [["demo", "ds", "--per-family", "1", "--seconds", "5"], ["build", "ds", "-o", "cat", "--quiet", "--no-plots"]] {
            let r = try run(step, in: root)
            guard r.status == 0 else { throw SetupFailure(description: "backbeat \(step.joined(separator: " ")) exited \(r.status): \(r.stderr)") }
        }
        return root
    }
    static var fixture: URL { get throws { try shared.get() } }

    /// The stderr of a failed run: exactly one line, `error: …`, with `mentioning` in it and none
    /// of the raw dumps or library noise the issue lists.
    func expectOneLine(_ r: Run, status: Int32, mentioning: [String], _ comment: Comment) {
        #expect(r.status == status, comment)
        let lines = r.stderr.split(separator: "\n", omittingEmptySubsequences: true)
        #expect(lines.count == 1 || (status == 2 && lines.first?.hasPrefix("Error: ") == true), "\(comment): \(r.stderr)")
        for bad in ["NSCocoaErrorDomain", "Error Domain=", "(null)", "No Error", "possibly a pipe", "Note: ", "Warning: "] {
            #expect(!r.stderr.contains(bad), "\(comment): \(r.stderr)")
        }
        for word in mentioning { #expect(r.stderr.contains(word), "\(comment): \(r.stderr)") }
    }

    @Test func failuresAreOneClearLine() throws {
        let root = try Self.fixture
        let clip = "ds/" + (try #require(FileManager.default.enumerator(atPath: root.appendingPathComponent("ds").path)?
            .compactMap { $0 as? String }.first { $0.hasSuffix(".flac") }))
        try Data("x".utf8).write(to: root.appendingPathComponent("afile"))
        try Data(String(repeating: "hello, not audio\n", count: 40).utf8).write(to: root.appendingPathComponent("text.mp3"))
        try FileManager.default.createDirectory(at: root.appendingPathComponent("adir"), withIntermediateDirectories: true)

        expectOneLine(try Self.run(["build", "ds", "-o", "afile", "--quiet"], in: root), status: 1, mentioning: ["afile", "not a folder"], "-o a file")
        expectOneLine(try Self.run(["build", "ds", "-o", "cat2", "--cache", "afile", "--quiet"], in: root), status: 1,
                      mentioning: ["afile", "cache"], "--cache a file")
        expectOneLine(try Self.run(["query", clip, "--catalog", "cat", "--csv", "adir"], in: root), status: 1, mentioning: ["adir"], "--csv a folder")
        expectOneLine(try Self.run(["demo", "afile"], in: root), status: 1, mentioning: ["afile", "not a folder"], "demo into a file")
        expectOneLine(try Self.run(["query", clip, "--catalog", "adir"], in: root), status: 1, mentioning: ["adir", "not a Backbeat catalog"], "not a catalog")
        expectOneLine(try Self.run(["info", "text.mp3"], in: root).droppingSummary(), status: 1,
                      mentioning: ["text.mp3", "not a recognised audio format"], "text named .mp3")
        expectOneLine(try Self.run(["query", "text.mp3", "--catalog", "cat"], in: root), status: 1,
                      mentioning: ["text.mp3", "not a recognised audio format"], "query a text file")
        expectOneLine(try Self.run(["build", "ds", "--top-k", "-1"], in: root), status: 2, mentioning: ["--top-k", "between"], "--top-k -1")
        expectOneLine(try Self.run(["query", clip, "--bottom-k", "-3"], in: root), status: 2, mentioning: ["--bottom-k"], "--bottom-k -3")
        expectOneLine(try Self.run(["build", ""], in: root), status: 2, mentioning: ["DATASET", "empty"], "build \"\"")
        #expect(!FileManager.default.fileExists(atPath: root.appendingPathComponent("output").path), "build \"\" must not scan or write")
    }

    /// Output that cannot be written is a failure, and a device or pipe given as an output file is
    /// refused, never replaced by a regular file.
    @Test func unwritableOutputsFail() throws {
        let root = try Self.fixture
        let clip = "ds/" + (try #require(FileManager.default.enumerator(atPath: root.appendingPathComponent("ds").path)?
            .compactMap { $0 as? String }.first { $0.hasSuffix(".flac") }))
        let process = Process()
        process.executableURL = Self.binary
        process.arguments = ["query", clip, "--catalog", "cat", "--top-k", "2"]
        process.currentDirectoryURL = root
        process.standardOutput = try #require(FileHandle(forWritingAtPath: "/dev/full"))
        let err = Pipe()
        process.standardError = err
        try process.run()
        let message = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 1 && message.contains("standard output"), "\(message)")

        let fifo = root.appendingPathComponent("a-pipe")
        #expect(mkfifo(fifo.path, 0o644) == 0)
        for option in ["--csv", "--legacy-csv"] {
            expectOneLine(try Self.run(["query", clip, "--catalog", "cat", option, "a-pipe"], in: root), status: 1,
                          mentioning: ["a-pipe", "not a regular file"], "\(option) a pipe")
            var info = stat()
            #expect(lstat(fifo.path, &info) == 0 && info.st_mode & S_IFMT == S_IFIFO, "the pipe must stay a pipe")
        }
    }

    /// libmpg123's own diagnostics never reach the terminal; a damaged MP3 gets its reason instead.
    @Test func mpegDiagnosticsStayQuiet() throws {
        let root = try Self.fixture
        let mp3 = try #require(FileManager.default.enumerator(atPath: root.appendingPathComponent("ds").path)?
            .compactMap { $0 as? String }.first { $0.hasSuffix(".mp3") })
        let bytes = try Data(contentsOf: root.appendingPathComponent("ds/" + mp3))
        var damaged = bytes
        for i in stride(from: bytes.count / 3, to: bytes.count / 3 + 6_000, by: 5) { damaged[i] = 0 }
        try damaged.write(to: root.appendingPathComponent("damaged.mp3"))
        try bytes.prefix(bytes.count / 2).write(to: root.appendingPathComponent("half.mp3"))
        try (Data("ID3\u{3}\0\0\0\0\0\u{10}".utf8) + Data((0..<5_000).map { UInt8($0 % 7) })).write(to: root.appendingPathComponent("junk.mp3"))
        for name in ["damaged.mp3", "half.mp3", "junk.mp3"] {
            for command in [["info", name], ["features", name]] {
                let r = try Self.run(command, in: root)
                #expect(!r.stderr.contains("Note:") && !r.stderr.contains("Warning:") && !r.stderr.contains("[src/"), "\(command): \(r.stderr)")
            }
        }
    }

    /// A file name with control characters is shown escaped on the terminal, never raw.
    @Test func controlCharactersInAQueryPathAreEscaped() throws {
        let root = try Self.fixture
        let clip = try #require(FileManager.default.enumerator(atPath: root.appendingPathComponent("ds").path)?
            .compactMap { $0 as? String }.first { $0.hasSuffix(".flac") })
        let hostile = "q\u{1B}[31mred\u{7}\u{202E}.flac"
        try FileManager.default.copyItem(at: root.appendingPathComponent("ds/" + clip), to: root.appendingPathComponent(hostile))
        for arguments in [["query", hostile, "--catalog", "cat", "--top-k", "1"], ["query", hostile, "--catalog", "adir-missing"],
                          ["info", hostile], ["features", hostile]] {
            let r = try Self.run(arguments, in: root)
            #expect(!r.stdout.contains("\u{1B}") && !r.stderr.contains("\u{1B}") && !r.stdout.contains("\u{7}"), "\(arguments)")
            #expect(!r.stdout.contains("\u{202E}") && !r.stderr.contains("\u{202E}"), "\(arguments): a bidi override reached the terminal")
        }
    }
}

extension ErrorLineTests.Run {
    /// `info`'s closing count line dropped (it follows the per-file error by design).
    func droppingSummary() -> Self {
        var copy = self
        copy.stderr = stderr.split(separator: "\n").filter { !$0.contains("no audio file could be read") }.joined(separator: "\n")
        return copy
    }
}
