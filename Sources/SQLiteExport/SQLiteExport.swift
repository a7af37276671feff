import Catalog
import Foundation
import Support

/// `data/catalog.sqlite`: the whole catalog in one SQLite database, for `sqlite3`, DuckDB, pandas
/// `read_sql` and Datasette.
///
/// Tables (README "SQLite"): `tracks` (the columns of `tracks.csv` but `versions`), `neighbours`
/// (track, kind, rank, neighbour, distance, score, the reason's shares and phrase), `versions`
/// (pairs of files of one recording), `segments`, `skipped`, `parameters` (name → value: the build's
/// parameters and versions), and `tracks_fts`, an FTS5 index over title, artist, album, genre and
/// file. Primary and foreign keys throughout; indexes for a track's neighbours (the primary key,
/// `WITHOUT ROWID`, so the rows are stored in that order), a track's segments and tracks by tempo.
///
/// Deterministic: rows are inserted in catalog order into a database with a fixed page size and no
/// dates, then copied compactly with `VACUUM INTO`, so two builds of the same data give the same
/// bytes (with the same SQLite library).
public enum SQLiteExport {
    public static let fileName = "catalog.sqlite"
    /// Bumped when a table or column changes meaning; stored in `parameters` as `sqlite_schema_version`.
    public static let schemaVersion = 2

    /// Writes the database of `staged` into its `data/` folder (the build's SQLite stage).
    public static func write(_ staged: StagedCatalog) throws {
        try write(staged.tables, to: staged.folder.appendingPathComponent("data/" + fileName))
    }

    /// Writes the database of `tables` to `url` (replacing a file there).
    public static func write(_ tables: CatalogTables, to url: URL) throws {
        let scratch = url.deletingLastPathComponent().appendingPathComponent(".\(url.lastPathComponent).\(getpid()).building")
        try? FileManager.default.removeItem(at: scratch)
        defer { try? FileManager.default.removeItem(at: scratch) }
        do {
            let db = try SQLiteDatabase(creating: scratch.path)
            try db.execute("PRAGMA page_size = 4096; PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF; PRAGMA foreign_keys = ON;")
            try db.execute(schema(mfccCount: tables.summaries.first?.mfccMean.count ?? 0))
            try db.execute("BEGIN")
            try insertRows(tables, into: db)
            try db.execute("COMMIT")
            try db.execute("INSERT INTO tracks_fts(tracks_fts) VALUES ('optimize')")
            try? FileManager.default.removeItem(at: url)
            try db.execute("VACUUM INTO '\(url.path.replacingOccurrences(of: "'", with: "''"))'")
        }
    }

    /// The tables, keys and indexes.
    static func schema(mfccCount: Int) -> String {
        let mfcc = (0..<mfccCount).map { ", mfcc_mean_\($0) REAL" }.joined()
        return """
        CREATE TABLE tracks (
            id TEXT PRIMARY KEY, file TEXT NOT NULL UNIQUE, title TEXT NOT NULL, artist TEXT, duration_s REAL,
            tempo_bpm REAL, tempo_confidence REAL, album TEXT, genre TEXT, format TEXT,
            onset_strength_mean REAL, beat_count INTEGER\(mfcc), album_artist TEXT, track INTEGER, disc INTEGER);
        CREATE TABLE neighbours (
            track_id TEXT NOT NULL REFERENCES tracks(id), kind TEXT NOT NULL CHECK (kind IN ('top', 'bottom')),
            rank INTEGER NOT NULL, neighbour_id TEXT NOT NULL REFERENCES tracks(id), distance REAL, score REAL,
            why_groove REAL, why_pulse REAL, why_tempo REAL, why_timbre REAL, why TEXT,
            PRIMARY KEY (track_id, kind, rank)) WITHOUT ROWID;
        CREATE TABLE versions (
            track_id TEXT NOT NULL REFERENCES tracks(id), version_id TEXT NOT NULL REFERENCES tracks(id),
            PRIMARY KEY (track_id, version_id)) WITHOUT ROWID;
        CREATE INDEX tracks_by_tempo ON tracks(tempo_bpm);
        CREATE TABLE segments (
            row INTEGER PRIMARY KEY, track_id TEXT NOT NULL REFERENCES tracks(id), start_s REAL NOT NULL, end_s REAL NOT NULL);
        CREATE INDEX segments_by_track ON segments(track_id);
        CREATE TABLE skipped (file TEXT PRIMARY KEY, reason TEXT NOT NULL) WITHOUT ROWID;
        CREATE TABLE parameters (name TEXT PRIMARY KEY, value TEXT) WITHOUT ROWID;
        CREATE VIRTUAL TABLE tracks_fts USING fts5(title, artist, album, genre, file, content='tracks', content_rowid='rowid');
        """
    }

    static func insertRows(_ tables: CatalogTables, into db: SQLiteDatabase) throws {
        let doc = tables.document
        let mfccCount = tables.summaries.first?.mfccMean.count ?? 0
        let mfccColumns = (0..<mfccCount).map { ", mfcc_mean_\($0)" }.joined()
        let marks = Array(repeating: "?", count: 15 + mfccCount).joined(separator: ", ")
        try db.insert("INSERT INTO tracks (id, file, title, artist, duration_s, tempo_bpm, tempo_confidence, album, genre, format, onset_strength_mean, beat_count\(mfccColumns), album_artist, track, disc) VALUES (\(marks))",
                      zip(doc.tracks, tables.summaries).lazy.map { t, s in
            [.text(t.id), .text(t.file), .text(t.title), .text(t.artist), .real(t.durationSeconds), .real(t.tempoBPM),
             .real(t.tempoConfidence), .text(t.album), .text(t.genre), .text(s.sourceFormat), .real(Double(s.onsetMean)),
             .integer(s.beats)] + s.mfccMean.map { .real(Double($0)) } + [.text(t.albumArtist), t.track.map { .integer($0) } ?? .text(nil), t.disc.map { .integer($0) } ?? .text(nil)]
        })
        // Rows are made as they are inserted (lazily): at 100,000 tracks the 2 million neighbour rows
        // held at once were 0.45 GB.
        let pairs = doc.tracks.lazy.flatMap { t in
            [("top", t.top), ("bottom", t.bottom)].lazy.flatMap { kind, list in
                list.enumerated().lazy.map { rank, n in neighbourRow(t.id, kind, rank + 1, n) }
            }
        }
        try db.insert("INSERT INTO neighbours (track_id, kind, rank, neighbour_id, distance, score, why_groove, why_pulse, why_tempo, why_timbre, why) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", pairs)
        try db.insert("INSERT INTO versions (track_id, version_id) VALUES (?, ?)",
                      doc.tracks.lazy.flatMap { t in t.versions.lazy.map { [.text(t.id), .text($0)] as [SQLiteDatabase.Value] } })
        try db.insert("INSERT INTO segments (row, track_id, start_s, end_s) VALUES (?, ?, ?, ?)",
                      tables.segments.enumerated().lazy.map { [.integer($0), .text($1.trackID), .real($1.start), .real($1.end)] })
        try db.insert("INSERT INTO skipped (file, reason) VALUES (?, ?)", tables.skipped.map { [.text($0.file), .text($0.reason)] })
        try db.insert("INSERT INTO parameters (name, value) VALUES (?, ?)", parameters(doc).map { [.text($0.0), .text($0.1)] })
        try db.execute("INSERT INTO tracks_fts(rowid, title, artist, album, genre, file) SELECT rowid, title, artist, album, genre, file FROM tracks")
    }

    /// One `neighbours` row: the pair, its measures and its reason.
    static func neighbourRow(_ id: String, _ kind: String, _ rank: Int, _ n: CatalogTrack.Neighbour) -> [SQLiteDatabase.Value] {
        var row: [SQLiteDatabase.Value] = [.text(id), .text(kind), .integer(rank), .text(n.id), .real(n.distance), .real(n.score)]
        for part in MatchPart.allCases { row.append(.real(n.why.shares[part] ?? 0)) }
        row.append(.text(n.why.phrase))
        return row
    }

    /// The build's parameters and versions as (name, value) rows, sorted by name.
    static func parameters(_ doc: CatalogDocument) -> [(String, String?)] {
        let p = doc.parameters
        var rows: [(String, String?)] = [
            ("generator", doc.generator), ("schema_version", String(doc.schemaVersion)), ("sqlite_schema_version", String(schemaVersion)),
            ("feature_version", String(p.featureVersion)), ("sample_rate", String(p.sampleRate)), ("n_fft", String(p.nFFT)),
            ("hop_length", String(p.hopLength)), ("n_mels", String(p.nMels)), ("n_mfcc", String(p.nMFCC)),
            ("max_seconds", p.maxSeconds.flatMap { FixedDecimal.format($0, 3) }), ("metric", p.metric), ("index", p.index),
            ("top_k", String(p.topK)), ("bottom_k", String(p.bottomK)), ("seed", String(p.seed)),
            ("max_per_artist", String(p.spread.maxPerArtist)), ("max_per_album", String(p.spread.maxPerAlbum)),
        ]
        rows += p.weights.map { ("weight." + $0.key, FixedDecimal.format($0.value, 3)) }
        return rows.sorted { UTF8Order.precedes($0.0, $1.0) }
    }
}
