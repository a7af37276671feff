import Foundation
import Support

/// Writers for everything under `data/`: the neighbour table as JSON and CSV, the track table,
/// the similarity vectors, the skipped files. Formats are fixed (see README "Output").
public enum CatalogExport {
    /// `data/neighbours.json`, schema version 2, fixed number formatting, 1 track per line.
    public static func neighboursJSON(_ doc: CatalogDocument) -> String {
        var text = ""
        neighboursJSON(doc) { text += $0 }
        return text
    }

    /// ``neighboursJSON(_:)-(CatalogDocument)`` in pieces, one track at a time, to `emit`.
    public static func neighboursJSON(_ doc: CatalogDocument, emit: (String) throws -> Void) rethrows {
        let p = doc.parameters
        let weights = p.weights.keys.sorted().map { ($0, JSONValue.number(p.weights[$0]!, decimals: 3)) }
        let parameters: [(String, JSONValue)] = [
            ("feature_version", .integer(p.featureVersion)), ("sample_rate", .integer(p.sampleRate)), ("n_fft", .integer(p.nFFT)),
            ("hop_length", .integer(p.hopLength)), ("n_mels", .integer(p.nMels)), ("n_mfcc", .integer(p.nMFCC)),
            ("max_seconds", p.maxSeconds.map { .number($0, decimals: 3) } ?? .null), ("weights", .object(weights)),
            ("metric", .string(p.metric)), ("index", .string(p.index)), ("top_k", .integer(p.topK)),
            ("bottom_k", .integer(p.bottomK)), ("seed", .unsigned(p.seed)),
            ("spread", .object([("max_per_artist", .integer(p.spread.maxPerArtist)), ("max_per_album", .integer(p.spread.maxPerAlbum))])),
        ]
        func list(_ l: [CatalogTrack.Neighbour]) -> JSONValue {
            .array(l.map {
                .object([("id", .string($0.id)), ("distance", .number($0.distance, decimals: 6)), ("score", .number($0.score, decimals: 6)),
                         ("why", why($0.why))])
            })
        }
        func track(_ t: CatalogTrack) -> String {
            JSONValue.object([
                ("id", .string(t.id)), ("file", .string(t.file)), ("title", .string(t.title)), ("artist", .optional(t.artist)),
                ("album", .optional(t.album)), ("genre", .optional(t.genre)), ("album_artist", .optional(t.albumArtist)), ("track", t.track.map { .integer($0) } ?? .null),
                ("disc", t.disc.map { .integer($0) } ?? .null),
                ("duration_s", .number(t.durationSeconds, decimals: 3)),
                ("tempo_bpm", .number(t.tempoBPM, decimals: 2)), ("tempo_confidence", .number(t.tempoConfidence, decimals: 3)),
                ("top", list(t.top)), ("bottom", list(t.bottom)), ("versions", .array(t.versions.map { .string($0) })),
                ("radio", .array(t.radio.map { .string($0) })),
            ]).text
        }
        try emit("{" + JSONValue.members([("schema_version", .integer(doc.schemaVersion)), ("generator", .string(doc.generator))]) + ",\n"
                 + JSONValue.members([("parameters", .object(parameters))]) + ",\n\"tracks\":[\n")
        for (i, t) in doc.tracks.enumerated() { try emit((i == 0 ? "" : ",\n") + track(t)) }
        try emit("\n]}\n")
    }

    /// A neighbour's `why` object: the phrase, then one share per ``MatchPart`` (3 decimals).
    public static func why(_ reason: MatchReason) -> JSONValue {
        .object([("phrase", .string(reason.phrase))] + MatchPart.allCases.map { ($0.rawValue, .number(reason.shares[$0] ?? 0, decimals: 3)) })
    }

    /// `data/neighbours.csv`: track_id, kind (top|bottom), rank (1-based), neighbour_id, distance,
    /// score, why_groove, why_pulse, why_tempo, why_timbre (shares), why (the phrase).
    public static func neighboursCSV(_ doc: CatalogDocument) -> String {
        var text = ""
        neighboursCSV(doc) { text += $0 }
        return text
    }

    /// ``neighboursCSV(_:)-(CatalogDocument)`` in pieces of 256 tracks to `emit`.
    public static func neighboursCSV(_ doc: CatalogDocument, emit: (String) throws -> Void) rethrows {
        var csv = CSVTable(header: ["track_id", "kind", "rank", "neighbour_id", "distance", "score"]
                           + MatchPart.allCases.map { "why_\($0.rawValue)" } + ["why"])
        for (i, t) in doc.tracks.enumerated() {
            for (kind, list) in [("top", t.top), ("bottom", t.bottom)] {
                for (r, n) in list.enumerated() {
                    csv.append([.text(t.id), .text(kind), .number(String(r + 1)), .text(n.id), .number(JSONText.number(n.distance, 6)),
                                .number(JSONText.number(n.score, 6))]
                               + MatchPart.allCases.map { .number(JSONText.number(n.why.shares[$0] ?? 0, 3)) } + [.text(n.why.phrase)])
                }
            }
            if i % 256 == 255 { try emit(csv.drain()) }
        }
        try emit(csv.drain())
    }

    /// Summary columns per track beyond the neighbour table.
    public struct TrackSummary: Sendable {
        public var onsetMean: Float
        public var beats: Int
        public var mfccMean: [Float]
        public var sourceFormat: String
        public init(onsetMean: Float, beats: Int, mfccMean: [Float], sourceFormat: String) {
            self.onsetMean = onsetMean
            self.beats = beats
            self.mfccMean = mfccMean
            self.sourceFormat = sourceFormat
        }
    }

    /// `data/tracks.csv`: id, file, title, artist, duration_s, tempo_bpm, tempo_confidence, then
    /// album, genre, format, onset_strength_mean, beat_count, mfcc_mean_0 … mfcc_mean_{n−1}, album_artist, track, disc,
    /// versions
    /// (the ids of the other files of the same recording, space-separated).
    public static func tracksCSV(_ doc: CatalogDocument, summaries: [TrackSummary]) -> String {
        var text = ""
        tracksCSV(doc, summaries: summaries) { text += $0 }
        return text
    }

    /// ``tracksCSV(_:summaries:)-(CatalogDocument,_)`` in pieces of 256 tracks to `emit`.
    public static func tracksCSV(_ doc: CatalogDocument, summaries: [TrackSummary], emit: (String) throws -> Void) rethrows {
        let n = summaries.first?.mfccMean.count ?? 0
        var csv = CSVTable(header: ["id", "file", "title", "artist", "duration_s", "tempo_bpm", "tempo_confidence",
                                    "album", "genre", "format", "onset_strength_mean", "beat_count"] + (0..<n).map { "mfcc_mean_\($0)" } + ["album_artist", "track", "disc", "versions"])
        for (i, (t, s)) in zip(doc.tracks, summaries).enumerated() {
            if i % 256 == 0 { try emit(csv.drain()) }
            csv.append([.text(t.id), .text(t.file), .text(t.title), .text(t.artist), .number(JSONText.number(t.durationSeconds, 3)),
                        .number(JSONText.number(t.tempoBPM, 2)), .number(JSONText.number(t.tempoConfidence, 3)),
                        .text(t.album), .text(t.genre), .text(s.sourceFormat),
                        .number(JSONText.number(Double(s.onsetMean), 4)), .number(String(s.beats))]
                       + s.mfccMean.map { .number(JSONText.number(Double($0), 3)) } + [.text(t.albumArtist), .number(t.track.map { String($0) } ?? ""), .number(t.disc.map { String($0) } ?? ""),
                          .text(t.versions.joined(separator: " "))])
        }
        try emit(csv.drain())
    }

    /// `data/segments.csv`: row (of `segments.npy`), track_id, start_s, end_s.
    public static func segmentsCSV(_ rows: [(String, Double, Double)]) -> String {
        var csv = CSVTable(header: ["row", "track_id", "start_s", "end_s"])
        for (i, r) in rows.enumerated() {
            csv.append([.number(String(i)), .text(r.0), .number(JSONText.number(r.1, 3)), .number(JSONText.number(r.2, 3))])
        }
        return csv.contents
    }

    /// `data/skipped.csv`: file, reason.
    public static func skippedCSV(_ skipped: [BuildReport.Skipped]) -> String {
        var csv = CSVTable(header: ["file", "reason"])
        for s in skipped { csv.append([.text(s.file), .text(s.reason)]) }
        return csv.contents
    }
}
