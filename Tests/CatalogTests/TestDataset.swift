import AudioIO
import Catalog
import Foundation
import Testing
import TestScratch
import Synth

/// A small synthesised dataset with the awkward cases a real collection has: nested folders,
/// spaces, unicode and markup in names, a corrupt file, a silent file and a too-short file.
enum TestDataset {
    static let good: [(String, GrooveFamily, Double, DrumKit, AudioWriter.Format)] = [
        ("rock/rock one.wav", .rock, 100, .acoustic, .wav16),
        ("rock/rock two.flac", .rock, 100, .electro, .flac),
        ("house/Ça va <script>alert(1)</script>.ogg", .house, 124, .electro, .ogg),
        ("house/deep/house=two.mp3", .house, 124, .bright, .mp3),
        ("waltz/\"quoted\" & waltz.wav", .waltz, 132, .lofi, .wav16),
        ("waltz/waltz two.flac", .waltz, 132, .acoustic, .flac),
        ("日本語/funk.wav", .funk, 96, .percussion, .wav16),
    ]
    static let bad = ["broken.wav", "silent.wav", "short.wav"]

    /// Writes the dataset into a fresh temporary folder and returns it.
    static func make(seconds: Double = 8) throws -> URL {
        let root = temporaryDirectory("dataset")
        for (i, (path, family, bpm, kit, format)) in good.enumerated() {
            let url = root.appendingPathComponent(path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            let rate = format == .ogg ? 48_000 : 22_050
            let clip = ClipSynthesizer.render(ClipSpec(family: family, bpm: bpm, kit: kit, instrument: .sawBass, seconds: seconds,
                                                       sampleRate: rate, seed: UInt64(i + 1)))
            try AudioWriter.write(clip, channels: 1, sampleRate: rate, format: format,
                                  tags: AudioTags(title: i == 0 ? "Rock \"One\" & <b>friends</b>" : nil, artist: i == 0 ? "=cmd|' /C calc'!A0" : nil),
                                  to: url.path)
        }
        try Data("RIFF....WAVEfmt this is not really audio".utf8).write(to: root.appendingPathComponent("broken.wav"))
        try AudioWriter.write([Float](repeating: 0, count: 22_050 * 6), channels: 1, sampleRate: 22_050, format: .wav16,
                              to: root.appendingPathComponent("silent.wav").path)
        try AudioWriter.write((0..<22_050).map { Float(sin(Double($0) * 0.1)) * 0.5 }, channels: 1, sampleRate: 22_050, format: .wav16,
                              to: root.appendingPathComponent("short.wav").path)
        try Data("not audio".utf8).write(to: root.appendingPathComponent("notes.txt"))
        return root
    }

    /// Builds `dataset` into `output` with the tests' k (top 3, bottom 2), then `configure`.
    @discardableResult
    static func build(_ output: URL, dataset: URL, configure: (inout BuildOptions) -> Void = { _ in },
                      events: @escaping @Sendable (BuildEvent) -> Void = { _ in },
                      finish: (URL, CatalogDocument, BuildReport) throws -> Void = { _, _, _ in }) throws -> BuildReport {
        var options = BuildOptions(dataset: dataset, output: output)
        options.topK = 3
        options.bottomK = 2
        configure(&options)
        return try CatalogBuilder(options: options, events: events).run { staged in try finish(staged.folder, staged.document, staged.report) }
    }

    /// Expects `output` to hold exactly what a fresh build of `dataset` (own cache) writes, file for
    /// file and byte for byte (the build report and the manifest, which lists it, aside).
    static func expectEqualsFreshBuild(_ output: URL, dataset: URL, _ comment: String,
                                       sourceLocation: SourceLocation = #_sourceLocation) throws {
        let fresh = temporaryDirectory("fresh")
        try build(fresh, dataset: dataset)
        let excluded: Set<String> = ["data/build.json", "backbeat-manifest.json"]
        let a = snapshot(output, excluding: excluded), b = snapshot(fresh, excluding: excluded)
        #expect(a.count > 10 && a.keys.sorted() == b.keys.sorted(), "\(comment)", sourceLocation: sourceLocation)
        for (k, v) in a where b[k] != v { Issue.record("\(k) differs from a fresh build: \(comment)", sourceLocation: sourceLocation) }
    }

    static func temporaryDirectory(_ name: String) -> URL {
        Scratch.directory(name)
    }

    /// Every file below `root` (relative path → bytes), for byte-for-byte comparisons.
    static func snapshot(_ root: URL, excluding: Set<String> = []) -> [String: Data] {
        var out: [String: Data] = [:]
        guard let walker = FileManager.default.enumerator(atPath: root.path) else { return out }
        while let rel = walker.nextObject() as? String {
            if rel.hasPrefix(".cache") || excluding.contains(rel) { continue }
            var isDir: ObjCBool = false
            let path = root.appendingPathComponent(rel).path
            if FileManager.default.fileExists(atPath: path, isDirectory: &isDir), !isDir.boolValue {
                out[rel] = FileManager.default.contents(atPath: path)
            }
        }
        return out
    }
}

/// A small RFC 4180 reader for checking our CSV output.
enum CSVReader {
    static func parse(_ text: String) -> [[String]] {
        var rows: [[String]] = [], row: [String] = [], field = ""
        var quoted = false
        var chars = Array(text.unicodeScalars)[...]
        while let c = chars.popFirst() {
            if quoted {
                if c == "\"" {
                    if chars.first == "\"" { field.unicodeScalars.append("\""); chars.removeFirst() } else { quoted = false }
                } else { field.unicodeScalars.append(c) }
            } else if c == "\"" {
                quoted = true
            } else if c == "," {
                row.append(field); field = ""
            } else if c == "\r" {
                continue
            } else if c == "\n" {
                row.append(field); rows.append(row); row = []; field = ""
            } else {
                field.unicodeScalars.append(c)
            }
        }
        if !field.isEmpty || !row.isEmpty { row.append(field); rows.append(row) }
        return rows
    }
}
