import ArgumentParser
import Foundation

/// The `backbeat` command line: a thin layer over the library modules.
///
/// Exit codes (DESIGN contract): 0 success, 1 runtime failure, 2 usage error.
@main
struct Backbeat: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "backbeat",
        abstract: "Turn a folder of music clips into an offline, rhythm-aware recommendation catalog.",
        version: "0.1.0",
        subcommands: [BuildCommand.self, ExtractCommand.self, QueryCommand.self, PlaylistCommand.self, PathCommand.self, DemoCommand.self, FeaturesCommand.self, InfoCommand.self,
                      TemplatesCommand.self]
    )

    /// As ArgumentParser's `main()`, but usage errors exit with 2 instead of EX_USAGE (64).
    static func main() {
        do {
            var command = try parseAsRoot()
            try command.run()
            // Output that cannot be written (a full disk, `> /dev/full`, a closed pipe) is a failure.
            if fflush(nil) != 0 {
                printError("error: standard output: \(String(cString: strerror(errno)))")
                Foundation.exit(1)
            }
        } catch {
            if exitCode(for: error) == .validationFailure {
                FileHandle.standardError.write(Data((fullMessage(for: error) + "\n").utf8))
                Foundation.exit(2)
            }
            exit(withError: error)
        }
    }
}
