import ArgumentParser
import Foundation
import SiteBuilder

/// `backbeat templates export DIR`: the built-in site templates, to customise.
struct TemplatesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "templates",
        abstract: "Work with the site templates.",
        subcommands: [Export.self])

    struct Export: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Write the built-in templates and assets to a folder, to edit and pass to `build --templates`.")

        @Argument(help: "Destination folder.") var directory: String
        @Flag(help: "Replace files that already exist.") var overwrite = false

        func validate() throws { try requirePaths(["DIR": directory]) }

        func run() throws {
            do {
                try SiteBuilder.exportTemplates(to: URL(fileURLWithPath: directory, isDirectory: true), overwrite: overwrite)
                print("templates written to \(directory): \(SiteBuilder.templateFileNames.joined(separator: ", "))")
            } catch {
                reportError(error)
                throw ExitCode(1)
            }
        }
    }
}
