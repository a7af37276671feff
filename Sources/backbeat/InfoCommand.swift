import ArgumentParser
import AudioIO
import Catalog
import Foundation
import Support

/// `backbeat info FILE_OR_DIR...`: one line per audio file, one error line per bad file.
struct InfoCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "info",
        abstract: "Print format, rate, channels, duration and tags of audio files.",
        discussion: "Directories are scanned recursively for audio files. Exits 1 only if nothing decoded."
    )

    @Argument(help: "Audio files or directories.")
    var paths: [String]

    func validate() throws {
        if paths.isEmpty { throw ValidationError("Give at least one file or directory.") }
        if paths.contains(where: \.isEmpty) { throw ValidationError("An empty path was given; name a file or directory.") }
    }

    func run() throws {
        var ok = 0
        var bad = 0
        let (files, refused) = AudioFileScanner.expandReporting(paths)
        for entry in refused {
            bad += 1
            printError("skipped: \(entry.path): \(entry.reason)")
        }
        for path in files {
            do {
                let info = try AudioDecoder.info(path: path)
                ok += 1
                var line = "\(terminalSafe(path))\t\(info.container)/\(info.codec)\t\(info.sampleRate) Hz\t"
                line += "\(info.channels) ch\t" + String(format: "%.3f s", info.duration)
                if let title = info.tags.title { line += "\ttitle=\(terminalSafe(title))" }
                if let artist = info.tags.artist { line += "\tartist=\(terminalSafe(artist))" }
                print(line)
            } catch {
                bad += 1
                reportError(error)
            }
        }
        if ok == 0 {
            printError("error: no audio file could be read (\(bad) failed)")
            throw ExitCode(1)
        }
    }
}

/// Writes one line to standard error, control characters (from file names and tags) made safe.
func printError(_ line: String) {
    FileHandle.standardError.write(Data((terminalSafe(line) + "\n").utf8))
}

/// Reports a failure as one `error: …` line (``ErrorText``: the path and the reason).
func reportError(_ error: any Error) {
    printError("error: " + ErrorText.line(error))
}

/// Rejects empty path arguments (a usage error, exit 2): an empty path would otherwise mean the
/// working folder, and a build would scan or write there.
func requirePaths(_ arguments: KeyValuePairs<String, String?>) throws {
    for (name, value) in arguments where value?.isEmpty == true {
        throw ValidationError("\(name) is empty; give a path.")
    }
}
