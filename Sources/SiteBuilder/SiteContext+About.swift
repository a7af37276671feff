import Catalog

extension SiteContext {
    /// Build stages in pipeline order; any other stage in the report follows, sorted by name.
    static let stageOrder = ["scan", "extract", "index", "write", "plots", "site"]
    static let stageLabels = ["scan": "scanning the dataset", "extract": "feature extraction", "index": "index and neighbours",
                              "write": "writing data", "plots": "plots", "site": "site"]

    /// Data files described on the about page, linked when present in `data/`.
    static let dataFileDescriptions: [(name: String, description: String)] = [
        ("neighbours.json", "the whole catalog: parameters, every track with its tags, tempo, top-k and bottom-k neighbours"),
        ("neighbours.schema.json", "the JSON Schema of neighbours.json"),
        ("tracks.csv", "one row per track: id, file, title, artist, duration, tempo, confidence and summary features"),
        ("neighbours.csv", "long format: track_id, kind (top or bottom), rank, neighbour_id, distance"),
        ("vectors.npy", "the similarity vectors (float32 NumPy array, row i is the i-th track of neighbours.json)"),
        ("skipped.csv", "files left out of the catalog: file, reason"),
    ]

    func aboutPage() -> AboutPage {
        let p = document.parameters
        var parameters: [NameValue] = [
            NameValue(name: "Schema version", value: String(document.schema_version)),
            NameValue(name: "Feature version", value: String(p.feature_version)),
            NameValue(name: "Sample rate", value: "\(p.sample_rate) Hz"),
            NameValue(name: "FFT size", value: "\(p.n_fft) samples"),
            NameValue(name: "Hop length", value: "\(p.hop_length) samples"),
            NameValue(name: "Mel bands", value: String(p.n_mels)),
            NameValue(name: "MFCC coefficients", value: String(p.n_mfcc)),
            NameValue(name: "Analysed per clip", value: p.max_seconds.map { "first " + SiteFormat.fixed($0, digits: 1) + " s" } ?? "whole clip"),
            NameValue(name: "Metric", value: p.metric),
            NameValue(name: "Index used", value: p.index),
            NameValue(name: "Neighbours kept", value: "\(p.top_k) top, \(p.bottom_k) bottom"),
            NameValue(name: "Seed", value: String(p.seed)),
        ]
        parameters.append(NameValue(name: "Generator", value: document.generator))
        let weights = p.weights.sorted { Array($0.key.utf8).lexicographicallyPrecedes(Array($1.key.utf8)) }
            .map { NameValue(name: $0.key, value: SiteFormat.fixed($0.value, digits: 3)) }

        let known = Self.stageOrder.filter { report.seconds[$0] != nil }
        let others = report.seconds.keys.filter { !Self.stageOrder.contains($0) }
            .sorted { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) }
        let stages = (known + others).map { NameValue(name: Self.stageLabels[$0] ?? $0, value: seconds(report.seconds[$0] ?? 0)) }
        let total = report.seconds.values.reduce(0) { $0 + ($1.isFinite ? $1 : 0) }

        let dataFiles = Self.dataFileDescriptions.compactMap { entry -> DataFileLink? in
            let url = outputDirectory.appendingPathComponent("data").appendingPathComponent(entry.name)
            guard SiteFiles.exists(url) else { return nil }
            return DataFileLink(href: "data/" + SiteLinks.encodeSegment(entry.name), name: "data/" + entry.name,
                                description: entry.description)
        }
        return AboutPage(
            chrome: chrome(kind: "about", title: "About", root: ""),
            generator: document.generator, trackCountText: trackCountText,
            skippedCountText: SiteFormat.grouped(report.skipped.count),
            extractedText: SiteFormat.grouped(report.extracted), cachedText: SiteFormat.grouped(report.cached),
            indexKind: report.index_kind, recall: SiteFormat.fixed(report.measured_recall, digits: 3),
            totalSeconds: report.seconds.isEmpty ? "–" : seconds(total),
            topK: p.top_k, bottomK: p.bottom_k,
            parameters: parameters, weights: weights, hasWeights: !weights.isEmpty,
            stages: stages, skipped: report.skipped.map { SkippedRow(file: $0.file, reason: $0.reason) },
            hasSkipped: !report.skipped.isEmpty, dataFiles: dataFiles,
            exampleID: document.tracks.first?.id ?? "TRACK-ID")
    }

    private func seconds(_ s: Double) -> String {
        s < 10 ? SiteFormat.fixed(s, digits: 2) + " s" : SiteFormat.fixed(s, digits: 1) + " s"
    }
}
