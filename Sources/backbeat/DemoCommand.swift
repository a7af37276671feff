import ArgumentParser
import Catalog
import Foundation

/// `backbeat demo [DIR]`: writes the synthesised demo dataset.
struct DemoCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Synthesise the demo dataset: 84 clips of 30 s, seven groove families × four tempi, five kits, mixed formats.",
        discussion: "Then run: backbeat build DIR -o output")

    @Argument(help: "Where to write the clips.")
    var directory = "demo-data"

    @Option(parsing: .unconditional, help: "Clips per groove family (7 families).") var perFamily = 12
    @Option(parsing: .unconditional, help: "Seconds per clip.") var seconds = 30.0

    func validate() throws {
        try requirePaths(["DIR": directory])
        if perFamily < 1 || perFamily > 100 { throw ValidationError("--per-family must be between 1 and 100.") }
        if !(seconds >= 5 && seconds <= 600) { throw ValidationError("--seconds must be between 5 and 600.") }
    }

    func run() throws {
        do {
            let written = try DemoDataset.write(to: URL(fileURLWithPath: directory, isDirectory: true), perFamily: perFamily, seconds: seconds)
            print("demo dataset: \(directory) (\(7 * perFamily) clips, \(written) written now)")
        } catch {
            reportError(error)
            throw ExitCode(1)
        }
    }
}
