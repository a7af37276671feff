import ArgumentParser
import Catalog
import Foundation
import Playlists
import Support

/// The options `playlist` and `path` share: the catalog, the limits and the output.
struct PlaylistCommandOptions: ParsableArguments {
    @Option(help: "A catalog folder made by `backbeat build`.") var catalog = "output"
    @Option(parsing: .unconditional, help: "Largest tempo change between consecutive tracks, in percent (octave-aware).")
    var maxTempoStep = PlaylistLimits.defaults.maxTempoStep * 100
    @Option(parsing: .unconditional, help: "At most this many tracks of one artist (0: no cap).") var maxPerArtist = PlaylistLimits.defaults.maxPerArtist
    @Option(name: .shortAndLong, help: "Write the list as extended M3U (.m3u8) to this file.") var output: String?
    @Flag(help: "Print the list as JSON.") var json = false

    var limits: PlaylistLimits { PlaylistLimits(maxTempoStep: maxTempoStep / 100, maxPerArtist: maxPerArtist) }

    func validate(length: Int, lengthName: String) throws {
        try requirePaths(["--catalog": catalog, "--output": output])
        guard (1...1_000).contains(length) else { throw ValidationError("\(lengthName) must be between 1 and 1000.") }
        guard maxTempoStep.isFinite, maxTempoStep >= 0, maxTempoStep <= 100 else { throw ValidationError("--max-tempo-step is a percentage between 0 and 100.") }
        guard maxPerArtist >= 0 else { throw ValidationError("--max-per-artist must be ≥ 0 (0: no cap).") }
    }

    func openCatalog() throws -> CatalogQuery { try CatalogQuery(catalog: URL(fileURLWithPath: catalog, isDirectory: true)) }
}

/// `backbeat playlist SEED... --catalog DIR`: a radio from one or more seeds.
struct PlaylistCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "playlist",
        abstract: "A radio from one or more seed files: each step alike to the last and to the seeds, tempo moving by small steps.")

    @Argument(help: "Seed audio files (catalog tracks or new files).") var seeds: [String]
    @Option(parsing: .unconditional, help: "Tracks after the seeds.") var length = 20
    @OptionGroup var options: PlaylistCommandOptions

    func validate() throws {
        guard !seeds.isEmpty else { throw ValidationError("Give at least one seed file.") }
        try options.validate(length: length, lengthName: "--length")
    }

    func run() throws {
        do {
            let query = try options.openCatalog()
            let seedValues = try seeds.map { try query.seed(file: $0) }
            let (rows, shortfall) = try Radio.make(query.playlistSpace, seeds: seedValues, length: length, limits: options.limits)
            var seen = Set<Int>() // a seed given twice, or two versions of one recording, is listed once
            let seedItems = zip(seeds, seedValues).compactMap { file, s -> CatalogQuery.PlaylistItem? in
                guard let row = s.row else { return .file(file, tempo: s.tempo) }
                return seen.insert(query.stored.recordings[row]).inserted ? .track(row) : nil
            }
            let items = seedItems + rows.map { .track($0) }
            try PlaylistOutput.emit(items, query: query, output: options.output, json: options.json, note: shortfall?.message)
        } catch {
            reportError(error)
            throw ExitCode(1)
        }
    }
}

/// `backbeat path FROM TO --catalog DIR`: a smooth route from one track to another.
struct PathCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "path",
        abstract: "A route from one track to another: each step a near neighbour of the last, the tempo moving steadily from one end to the other.")

    @Argument(help: "The first track (an audio file).") var from: String
    @Argument(help: "The last track (an audio file).") var to: String
    @Option(parsing: .unconditional, help: "Transitions from FROM to TO (tracks in between: steps − 1).") var steps = 10
    @OptionGroup var options: PlaylistCommandOptions

    func validate() throws {
        try requirePaths(["FROM": from, "TO": to])
        try options.validate(length: steps, lengthName: "--steps")
    }

    func run() throws {
        do {
            let query = try options.openCatalog()
            let a = try query.seed(file: from), b = try query.seed(file: to)
            switch try Route.find(query.playlistSpace, from: a, to: b, steps: steps, limits: options.limits) {
            case .failure(let shortfall):
                throw CatalogError(.invalidOptions, shortfall.message)
            case .success(let rows):
                func item(_ file: String, _ s: PlaylistSeed) -> CatalogQuery.PlaylistItem { s.row.map { .track($0) } ?? .file(file, tempo: s.tempo) }
                try PlaylistOutput.emit([item(from, a)] + rows.map { .track($0) } + [item(to, b)], query: query, output: options.output,
                                        json: options.json, note: nil)
            }
        } catch {
            reportError(error)
            throw ExitCode(1)
        }
    }
}

/// A playlist as a table, as JSON, or into an `.m3u8` file.
enum PlaylistOutput {
    static func emit(_ items: [CatalogQuery.PlaylistItem], query: CatalogQuery, output: String?, json: Bool, note: String?) throws {
        if let output {
            // Titles and durations for #EXTINF come from the published document, read only here.
            let document = try query.document()
            guard document.tracks.map(\.id) == query.stored.trackIDs else {
                throw CatalogError(.incompatible, "\(query.catalog.path): data/neighbours.json does not list the tracks of data/model.json; rebuild the catalog")
            }
            try AtomicFile.write(query.m3u8(items, document: document, playlist: URL(fileURLWithPath: output)), to: URL(fileURLWithPath: output))
        }
        let stored = query.stored
        func describe(_ item: CatalogQuery.PlaylistItem) -> (id: String?, file: String, tempo: Double) {
            switch item {
            case .track(let row): return (stored.trackIDs[row], stored.files[row], stored.tempos[row])
            case .file(let path, let tempo): return (nil, path, tempo)
            }
        }
        let rows = items.map(describe)
        if json {
            print(JSONValue.object([
                ("tracks", .array(rows.map { r in .object([("id", r.id.map { .string($0) } ?? .null), ("file", .string(r.file)),
                                                          ("tempo_bpm", .number(r.tempo, decimals: 2))]) })),
                ("note", note.map { .string($0) } ?? .null),
            ]).text)
        } else {
            print("     #    tempo    step  file")
            for (i, r) in rows.enumerated() {
                let step = i == 0 ? "" : String(format: "%+.1f%%", (TempoStep.octaves(from: rows[i - 1].tempo, to: r.tempo).map { exp2($0) - 1 } ?? .nan) * 100)
                print(String(format: "  %4d  %7.1f  %6@  %@", i + 1, r.tempo, step, terminalSafe(r.file)))
            }
        }
        if let note { FileHandle.standardError.write(Data(("note: " + terminalSafe(note) + "\n").utf8)) }
    }
}
