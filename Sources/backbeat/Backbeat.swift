import ArgumentParser

/// The `backbeat` command line: a thin layer over the library modules.
@main
struct Backbeat: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "backbeat",
        abstract: "Turn a folder of music clips into an offline, rhythm-aware recommendation catalog.",
        version: "0.1.0",
        subcommands: [BuildCommand.self, QueryCommand.self, DemoCommand.self, FeaturesCommand.self, InfoCommand.self, TemplatesCommand.self]
    )
}
