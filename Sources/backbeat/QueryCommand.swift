import ArgumentParser
import Catalog
import Foundation
import Support

/// `backbeat query FILE --catalog DIR`: what sounds rhythmically like this file?
struct QueryCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "query",
        abstract: "Find the catalog tracks most and least similar to an audio file.")

    @Argument(help: "An audio file (any format the catalog build reads).") var file: String
    @Option(help: "A catalog folder made by `backbeat build`.") var catalog = "output"
    @Option(parsing: .unconditional, help: "Most similar tracks to list.") var topK = 10
    @Option(parsing: .unconditional, help: "Least similar tracks to list.") var bottomK = 10
    @Option(parsing: .unconditional, help: "At most this many tracks of one artist in the top list (default: the catalog's).") var maxPerArtist: Int?
    @Option(parsing: .unconditional, help: "At most this many tracks of one album in the top list (default: the catalog's).") var maxPerAlbum: Int?
    @Flag(help: "Print one JSON object with `top` and `bottom` lists.") var json = false
    @Option(help: "Write segment matches (each 6 s window of the query → best catalog segments) to this CSV.") var csv: String?
    @Option(parsing: .unconditional, help: "Catalog segments listed per query window in --csv.") var segmentsPerWindow = 3
    @Option(help: "Write the original project's Cluster,Song CSV (k-means, 10 clusters, over the 100 nearest).") var legacyCsv: String?

    func validate() throws {
        try requirePaths(["FILE": file, "--catalog": catalog, "--csv": csv, "--legacy-csv": legacyCsv])
        if topK < 0 || bottomK < 0 || topK > 1_000 || bottomK > 1_000 { throw ValidationError("--top-k and --bottom-k must be between 0 and 1000.") }
        if (maxPerArtist ?? 0) < 0 || (maxPerAlbum ?? 0) < 0 { throw ValidationError("--max-per-artist and --max-per-album must be ≥ 0 (0: no cap).") }
        if segmentsPerWindow < 1 { throw ValidationError("--segments-per-window must be ≥ 1.") }
    }

    func run() throws {
        do {
            let query = try CatalogQuery(catalog: URL(fileURLWithPath: catalog, isDirectory: true))
            let spread = SpreadLimits(maxPerArtist: maxPerArtist ?? query.stored.spread.maxPerArtist,
                                      maxPerAlbum: maxPerAlbum ?? query.stored.spread.maxPerAlbum)
            let result = try query.run(file: file, topK: topK, bottomK: bottomK, perWindow: csv == nil ? 0 : segmentsPerWindow, spread: spread)
            // Everything is computed before anything is written, so a failed query writes no file
            // (a failure writing the second of two files leaves the first).
            let legacy = try legacyCsv.map { ($0, try query.legacyCSV(result)) }
            if let csv { try AtomicFile.write(CatalogQuery.segmentsCSV(result), to: URL(fileURLWithPath: csv)) }
            if let (path, text) = legacy { try AtomicFile.write(text, to: URL(fileURLWithPath: path)) }
            let top = result.top
            if json {
                print(QueryOutput.json(result, top: top))
            } else {
                print(QueryOutput.table(result, top: top))
            }
        } catch {
            reportError(error)
            throw ExitCode(1)
        }
    }
}

/// Text and JSON renderings of a query result.
enum QueryOutput {
    static func table(_ r: CatalogQuery.Result, top: [CatalogQuery.Match]) -> String {
        var lines = [String(format: "query: %@ — %.1f BPM (confidence %.2f), %.1f s", terminalSafe(r.file), r.features.tempo, r.features.tempoConfidence, r.features.duration)]
        for (title, list) in [("most similar", top), ("least similar", r.bottom)] where !list.isEmpty {
            lines.append("\n\(title):")
            lines.append("  rank  distance    score    tempo  file")
            for (i, m) in list.enumerated() {
                lines.append(String(format: "  %4d  %8.4f  %7.4f  %7.1f  %@", i + 1, m.distance, m.score ?? .nan, m.tempo, terminalSafe(m.file)))
                if let why = m.why { lines.append("                                  " + why.phrase) }
            }
        }
        return lines.joined(separator: "\n")
    }

    static func json(_ r: CatalogQuery.Result, top: [CatalogQuery.Match]) -> String {
        func list(_ l: [CatalogQuery.Match]) -> JSONValue {
            .array(l.map { m in
                .object([("id", .string(m.id)), ("file", .string(m.file)), ("distance", .number(m.distance, decimals: 6))]
                        + (m.score.map { [("score", JSONValue.number($0, decimals: 6))] } ?? [])
                        + [("tempo_bpm", .number(m.tempo, decimals: 2))]
                        + (m.why.map { [("why", CatalogExport.why($0))] } ?? []))
            })
        }
        return JSONValue.object([
            ("file", .string(r.file)), ("duration_s", .number(r.features.duration, decimals: 3)),
            ("tempo_bpm", .number(r.features.tempo, decimals: 2)), ("tempo_confidence", .number(r.features.tempoConfidence, decimals: 3)),
            ("top", list(top)), ("bottom", list(r.bottom)),
        ]).text
    }
}
