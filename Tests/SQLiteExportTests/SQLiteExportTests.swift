import Catalog
import Foundation
import TestScratch
import Testing
@testable import SQLiteExport

/// `data/catalog.sqlite` from a real build: counts agree with the JSON, keys hold, the README's
/// example queries answer, and two builds give the same bytes.
@Suite(.serialized) struct SQLiteExportTests {
    /// The demo set (`backbeat demo`'s generator, two clips per family of 8 s: mixed formats, rates,
    /// channels and tags) plus a broken file.
    static let dataset = Result { () throws -> URL in
        let root = Scratch.directory("sqlite-data")
        _ = try DemoDataset.write(to: root, perFamily: 2, seconds: 8)
        try Data("not audio".utf8).write(to: root.appendingPathComponent("broken.wav"))
        return root
    }

    /// Builds the dataset into a fresh folder with the SQLite stage, as the CLI does.
    func build() throws -> (output: URL, document: CatalogDocument) {
        let output = Scratch.directory("sqlite-out").appendingPathComponent("catalog")
        var options = BuildOptions(dataset: try Self.dataset.get(), output: output)
        options.plots = false
        options.cache = Scratch.directory("sqlite-cache")
        let builder = CatalogBuilder(options: options)
        let staged = try builder.prepare()
        try SQLiteExport.write(staged)
        let document = staged.document
        try builder.commit(staged)
        return (output, document)
    }

    @Test func databaseMatchesTheCatalog() throws {
        let (output, doc) = try build()
        let db = try SQLiteDatabase(readingAt: output.appendingPathComponent("data/catalog.sqlite").path)
        func count(_ table: String) throws -> Int { Int(try db.rows("SELECT count(*) FROM \(table)")[0][0]!)! }
        #expect(try count("tracks") == doc.tracks.count)
        #expect(try count("neighbours") == doc.tracks.reduce(0) { $0 + $1.top.count + $1.bottom.count })
        #expect(try count("skipped") == 1)
        #expect(try count("segments") > doc.tracks.count)
        #expect(try db.rows("PRAGMA integrity_check") == [["ok"]])
        #expect(try db.rows("PRAGMA foreign_key_check").isEmpty)
        let parameters = Dictionary(uniqueKeysWithValues: try db.rows("SELECT name, value FROM parameters").map { ($0[0]!, $0[1]) })
        #expect(parameters["generator"] == doc.generator && parameters["top_k"] == String(doc.parameters.topK))

        // README example 1: a track's top 10 with titles, nearest first, as in neighbours.json.
        let track = try #require(doc.tracks.first { $0.file.hasPrefix("funk/") })
        let top = try db.rows("""
            SELECT n.rank, t.title, n.distance FROM neighbours n JOIN tracks t ON t.id = n.neighbour_id
            WHERE n.track_id = '\(track.id)' AND n.kind = 'top' ORDER BY n.rank
            """)
        #expect(top.map { $0[1] } == track.top.map { id in doc.tracks.first { $0.id == id.id }?.title })
        // Each pair's score and reason, as in neighbours.json.
        let why = try db.rows("SELECT score, why_groove, why_pulse, why_tempo, why_timbre, why FROM neighbours WHERE track_id = '\(track.id)' AND kind = 'top' ORDER BY rank")
        #expect(why.map { $0[5] } == track.top.map(\.why.phrase))
        for (row, n) in zip(why, track.top) {
            #expect(abs(Double(row[0]!)! - n.score) < 1e-9 && abs(Double(row[1]!)! - n.why.shares[.groove]!) < 1e-9)
        }
        #expect(try count("versions") == doc.tracks.reduce(0) { $0 + $1.versions.count })
        // README example 2: tracks between 118 and 122 BPM, by tempo.
        let near120 = try db.rows("SELECT file FROM tracks WHERE tempo_bpm BETWEEN 118 AND 122 ORDER BY tempo_bpm").map { $0[0]! }
        #expect(Set(near120) == Set(doc.tracks.filter { (118...122).contains($0.tempoBPM) }.map(\.file)))
        // README example 3: full-text search over titles, artists, albums, genres and files.
        let found = try db.rows("SELECT t.file FROM tracks_fts f JOIN tracks t ON t.rowid = f.rowid WHERE tracks_fts MATCH 'waltz' ORDER BY t.file")
        #expect(found.map { $0[0]! } == doc.tracks.filter { $0.file.hasPrefix("waltz/") }.map(\.file) && found.count == 2)
        let byArtist = try db.rows("SELECT count(*) FROM tracks_fts WHERE tracks_fts MATCH 'artist:backbeat'")
        #expect(byArtist == [[String(doc.tracks.filter { $0.artist?.contains("Backbeat") == true }.count)]])
    }

    @Test func twoBuildsGiveTheSameBytes() throws {
        let a = try build().output, b = try build().output
        let first = try Data(contentsOf: a.appendingPathComponent("data/catalog.sqlite"))
        #expect(first.count > 4096)
        #expect(first == (try Data(contentsOf: b.appendingPathComponent("data/catalog.sqlite"))))
        let manifest = try #require(try CatalogManifest.read(folder: a))
        #expect(manifest.entry("data/catalog.sqlite") != nil, "the database is listed as Backbeat's")
    }
}
