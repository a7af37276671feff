import Support
import Catalog

extension SiteContext {
    /// Data files described on the about page, linked when present in `data/`.
    static let dataFileDescriptions: [(name: String, description: String)] = [
        ("neighbours.json", "the whole catalog: parameters, every track with its tags, tempo, top-k and bottom-k neighbours"),
        ("neighbours.schema.json", "the JSON Schema of neighbours.json"),
        ("tracks.csv", "one row per track: id, file, title, artist, duration, tempo, confidence and summary features"),
        ("neighbours.csv", "long format: track_id, kind (top or bottom), rank, neighbour_id, distance"),
        ("vectors.npy", "the similarity vectors (float32 NumPy array, row i is the i-th track of neighbours.json)"),
        ("skipped.csv", "files left out of the catalog: file, reason"),
        ("catalog.sqlite", "all of the above in one SQLite database (tables tracks, neighbours, segments, skipped, parameters; full-text search in tracks_fts)"),
    ]

    func aboutPage() -> AboutPage {
        let p = document.parameters
        var parameters: [NameValue] = [
            NameValue(name: "Schema version", value: String(document.schemaVersion)),
            NameValue(name: "Feature version", value: String(p.featureVersion)),
            NameValue(name: "Sample rate", value: "\(p.sampleRate) Hz"),
            NameValue(name: "FFT size", value: "\(p.nFFT) samples"),
            NameValue(name: "Hop length", value: "\(p.hopLength) samples"),
            NameValue(name: "Mel bands", value: String(p.nMels)),
            NameValue(name: "MFCC coefficients", value: String(p.nMFCC)),
            NameValue(name: "Analysed per clip", value: p.maxSeconds.map { "first " + SiteFormat.fixed($0, digits: 1) + " s" } ?? "whole clip"),
            NameValue(name: "Metric", value: p.metric),
            NameValue(name: "Index used", value: p.index),
            NameValue(name: "Neighbours kept", value: "\(p.topK) top, \(p.bottomK) bottom"),
            NameValue(name: "Seed", value: String(p.seed)),
        ]
        parameters.append(NameValue(name: "Generator", value: document.generator))
        let weights = p.weights.sorted { UTF8Order.precedes($0.key, $1.key) }
            .map { NameValue(name: $0.key, value: SiteFormat.fixed($0.value, digits: 3)) }

        let stages = BuildStage.allCases.compactMap { stage in report.seconds[stage].map { NameValue(name: stage.label, value: seconds($0)) } }
        let total = report.seconds.values.reduce(0) { $0 + ($1.isFinite ? $1 : 0) }

        let dataFiles = Self.dataFileDescriptions.compactMap { entry -> DataFileLink? in
            guard files.written.contains("data/" + entry.name) else { return nil }
            return DataFileLink(href: "data/" + SiteLinks.encodeSegment(entry.name), name: "data/" + entry.name,
                                description: entry.description)
        }
        return AboutPage(
            chrome: chrome(kind: "about", title: "About", root: ""),
            generator: document.generator, trackCountText: trackCountText,
            skippedCountText: SiteFormat.grouped(report.skipped.count),
            extractedText: report.reproducible ? "–" : SiteFormat.grouped(report.extracted),
            cachedText: report.reproducible ? "–" : SiteFormat.grouped(report.cached),
            indexKind: report.indexKind, recall: SiteFormat.fixed(report.measuredRecall, digits: 3),
            bottomRecall: SiteFormat.fixed(report.measuredBottomRecall, digits: 3),
            totalSeconds: report.seconds.isEmpty ? "–" : seconds(total),
            topK: p.topK, bottomK: p.bottomK,
            parameters: parameters, weights: weights, hasWeights: !weights.isEmpty,
            stages: stages, skipped: report.skipped.map { SkippedRow(file: $0.file, reason: $0.reason) },
            hasSkipped: !report.skipped.isEmpty, dataFiles: dataFiles,
            exampleID: document.tracks.first?.id ?? "TRACK-ID")
    }

    private func seconds(_ s: Double) -> String {
        s < 10 ? SiteFormat.fixed(s, digits: 2) + " s" : SiteFormat.fixed(s, digits: 1) + " s"
    }
}
