import AudioIO
import Catalog
import Foundation
import Synth
import TestScratch
import Testing
@testable import SQLiteExport

/// `data/catalog.sqlite` from a real build: counts agree with the JSON, keys hold, the README's
/// example queries answer, and two builds give the same bytes.
@Suite(.serialized) struct SQLiteExportTests {
    /// A dataset of 14 clips: seven grooves at 100 and 120 BPM, one of them tagged, plus a broken file.
    static let dataset = Result { () throws -> URL in
        let root = Scratch.directory("sqlite-data")
        for (f, family) in GrooveFamily.allCases.enumerated() {
            for bpm in [100.0, 120] {
                let spec = ClipSpec(family: family, bpm: bpm, kit: DrumKit.allCases[f % 5], instrument: .sawBass, seconds: 8, seed: UInt64(f * 10 + Int(bpm)))
                let tags = family == .funk && bpm == 120 ? AudioTags(title: "Funky Drummer's Cousin", artist: "The Testers", album: "Grooves") : AudioTags()
                try AudioWriter.write(ClipSynthesizer.render(spec), channels: 1, sampleRate: 22_050, format: .flac, tags: tags,
                                      to: root.appendingPathComponent("\(family.rawValue)-\(Int(bpm)).flac").path)
            }
        }
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
        let track = try #require(doc.tracks.first { $0.file == "funk-120.flac" })
        let top = try db.rows("""
            SELECT n.rank, t.title, n.distance FROM neighbours n JOIN tracks t ON t.id = n.neighbour_id
            WHERE n.track_id = '\(track.id)' AND n.kind = 'top' ORDER BY n.rank
            """)
        #expect(top.map { $0[1] } == track.top.map { id in doc.tracks.first { $0.id == id.id }?.title })
        // README example 2: tracks between 118 and 122 BPM, by tempo.
        let near120 = try db.rows("SELECT file FROM tracks WHERE tempo_bpm BETWEEN 118 AND 122 ORDER BY tempo_bpm").map { $0[0]! }
        #expect(Set(near120) == Set(doc.tracks.filter { (118...122).contains($0.tempoBPM) }.map(\.file)))
        // README example 3: full-text search over titles, artists, albums, genres and files.
        let found = try db.rows("SELECT t.file FROM tracks_fts f JOIN tracks t ON t.rowid = f.rowid WHERE tracks_fts MATCH 'funky'")
        #expect(found == [["funk-120.flac"]])
        #expect(try db.rows("SELECT count(*) FROM tracks_fts WHERE tracks_fts MATCH 'waltz'") == [["2"]])
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
