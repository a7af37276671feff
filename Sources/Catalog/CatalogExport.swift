import Foundation

/// Writers for everything under `data/`: the neighbour table as JSON and CSV, the track table,
/// the similarity vectors, the skipped files. Formats are fixed (see README "Output").
public enum CatalogExport {
    /// `data/neighbours.json`, schema version 1, fixed number formatting, 1 track per line.
    public static func neighboursJSON(_ doc: CatalogDocument) -> String {
        let p = doc.parameters
        var s = "{\"schema_version\":\(doc.schemaVersion),\"generator\":\(JSONText.string(doc.generator)),\n"
        let weights = p.weights.keys.sorted().map { "\(JSONText.string($0)):\(JSONText.number(p.weights[$0]!, 3))" }.joined(separator: ",")
        s += "\"parameters\":{\"feature_version\":\(p.featureVersion),\"sample_rate\":\(p.sampleRate),\"n_fft\":\(p.nFFT),"
        s += "\"hop_length\":\(p.hopLength),\"n_mels\":\(p.nMels),\"n_mfcc\":\(p.nMFCC),"
        s += "\"max_seconds\":\(p.maxSeconds.map { JSONText.number($0, 3) } ?? "null"),\"weights\":{\(weights)},"
        s += "\"metric\":\(JSONText.string(p.metric)),\"index\":\(JSONText.string(p.index)),"
        s += "\"top_k\":\(p.topK),\"bottom_k\":\(p.bottomK),\"seed\":\(p.seed)},\n\"tracks\":[\n"
        s += doc.tracks.map { t in
            func list(_ l: [CatalogTrack.Neighbour]) -> String {
                "[" + l.map { "{\"id\":\(JSONText.string($0.id)),\"distance\":\(JSONText.number($0.distance, 6))}" }.joined(separator: ",") + "]"
            }
            return "{\"id\":\(JSONText.string(t.id)),\"file\":\(JSONText.string(t.file)),\"title\":\(JSONText.string(t.title)),"
                + "\"artist\":\(JSONText.optional(t.artist)),\"album\":\(JSONText.optional(t.album)),\"genre\":\(JSONText.optional(t.genre)),"
                + "\"duration_s\":\(JSONText.number(t.durationSeconds, 3)),\"tempo_bpm\":\(JSONText.number(t.tempoBPM, 2)),"
                + "\"tempo_confidence\":\(JSONText.number(t.tempoConfidence, 3)),\"top\":\(list(t.top)),\"bottom\":\(list(t.bottom))}"
        }.joined(separator: ",\n")
        return s + "\n]}\n"
    }

    /// `data/neighbours.csv`: track_id, kind (top|bottom), rank (1-based), neighbour_id, distance.
    public static func neighboursCSV(_ doc: CatalogDocument) -> String {
        var csv = CSVTable(header: ["track_id", "kind", "rank", "neighbour_id", "distance"])
        for t in doc.tracks {
            for (kind, list) in [("top", t.top), ("bottom", t.bottom)] {
                for (r, n) in list.enumerated() {
                    csv.append([.text(t.id), .text(kind), .number(String(r + 1)), .text(n.id), .number(JSONText.number(n.distance, 6))])
                }
            }
        }
        return csv.contents
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
    /// album, genre, format, onset_strength_mean, beat_count, mfcc_mean_0 … mfcc_mean_{n−1}.
    public static func tracksCSV(_ doc: CatalogDocument, summaries: [TrackSummary]) -> String {
        let n = summaries.first?.mfccMean.count ?? 0
        var csv = CSVTable(header: ["id", "file", "title", "artist", "duration_s", "tempo_bpm", "tempo_confidence",
                                    "album", "genre", "format", "onset_strength_mean", "beat_count"] + (0..<n).map { "mfcc_mean_\($0)" })
        for (t, s) in zip(doc.tracks, summaries) {
            csv.append([.text(t.id), .text(t.file), .text(t.title), .text(t.artist), .number(JSONText.number(t.durationSeconds, 3)),
                        .number(JSONText.number(t.tempoBPM, 2)), .number(JSONText.number(t.tempoConfidence, 3)),
                        .text(t.album), .text(t.genre), .text(s.sourceFormat),
                        .number(JSONText.number(Double(s.onsetMean), 4)), .number(String(s.beats))]
                       + s.mfccMean.map { .number(JSONText.number(Double($0), 3)) })
        }
        return csv.contents
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
