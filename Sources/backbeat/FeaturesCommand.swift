import ArgumentParser
import Catalog
import Features
import Foundation
import Support

/// `backbeat features FILE [--json]`: tempo, confidence, MFCC summary and descriptor sizes.
struct FeaturesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "features",
        abstract: "Extract and print the features of one audio file.")

    @Argument(help: "An audio file.")
    var file: String

    @Flag(help: "Print one JSON object (file, duration_s, tempo_bpm, tempo_confidence, mfcc_mean, descriptor, …).")
    var json = false

    @Option(parsing: .unconditional, help: "Number of MFCCs (20 default; 40 reproduces the original project).")
    var mfcc = 20

    @Option(parsing: .unconditional, help: "Analyse at most this many seconds from the start.")
    var maxSeconds: Double?

    func validate() throws {
        try requirePaths(["FILE": file])
        if mfcc < 2 || mfcc > 128 { throw ValidationError("--mfcc must be between 2 and 128.") }
        if let maxSeconds, !(maxSeconds >= 4 && maxSeconds <= 86_400) {
            throw ValidationError("--max-seconds must be between 4 and 86400 (at least one bar at 60 BPM is analysed).")
        }
    }

    func run() throws {
        var parameters = FeatureParameters()
        parameters.mfccCount = mfcc
        let analysis: TrackAnalyzer.Analysis
        do {
            analysis = try TrackAnalyzer(parameters: parameters, maxSeconds: maxSeconds).analyze(path: file)
        } catch {
            reportError(error)
            throw ExitCode(1)
        }
        let f = analysis.features
        let layout = DescriptorLayout(mfccCount: mfcc)
        if json {
            print(Self.json(file: file, analysis: analysis, layout: layout))
            return
        }
        print("file        \(terminalSafe(file))")
        print(String(format: "duration    %.2f s (%@/%@, %d Hz, %d ch)", f.duration, analysis.info.container, analysis.info.codec,
                     analysis.info.sampleRate, analysis.info.channels))
        print(String(format: "tempo       %.1f BPM (confidence %.2f), %d beats", f.tempo, f.tempoConfidence, f.beats.count))
        print("mfcc mean   " + f.mfccMean.prefix(8).map { String(format: "%.1f", $0) }.joined(separator: " ") + (mfcc > 8 ? " …" : ""))
        print("descriptor  \(f.descriptor.count) values: " + layout.blocks.map { "\($0.name.rawValue) \($0.range.count)" }.joined(separator: ", "))
        print("segments    \(f.segments.count) × \(Int(parameters.segmentSeconds)) s windows, hop \(Int(parameters.segmentHopSeconds)) s")
    }
}

extension FeaturesCommand {
    /// The `--json` object (keys sorted): file, duration_s, tempo_bpm, tempo_confidence, beats_s,
    /// mfcc_mean, mfcc_std, descriptor_blocks (name → [start, end)), descriptor, segments, source.
    /// Fixed decimals; a value that is not a number is `null`, as in every JSON file Backbeat writes.
    static func json(file: String, analysis: TrackAnalyzer.Analysis, layout: DescriptorLayout) -> String {
        let f = analysis.features, info = analysis.info
        func numbers<T: BinaryFloatingPoint>(_ values: [T], _ decimals: Int) -> JSONValue {
            .array(values.map { .number(Double($0), decimals: decimals) })
        }
        let blocks = layout.blocks.sorted { $0.name < $1.name }.map {
            ($0.name.rawValue, JSONValue.array([.integer($0.range.lowerBound), .integer($0.range.upperBound)]))
        }
        return JSONValue.object([
            ("beats_s", numbers(f.beats, 3)), ("descriptor", numbers(f.descriptor, 6)), ("descriptor_blocks", .object(blocks)),
            ("duration_s", .number(f.duration, decimals: 3)), ("file", .string(file)),
            ("mfcc_mean", numbers(f.mfccMean, 4)), ("mfcc_std", numbers(f.mfccStd, 4)), ("segments", .integer(f.segments.count)),
            ("source", .object([("artist", .optional(info.tags.artist)), ("channels", .integer(info.channels)), ("codec", .string(info.codec)),
                                ("container", .string(info.container)), ("sample_rate", .integer(info.sampleRate)),
                                ("title", .optional(info.tags.title))])),
            ("tempo_bpm", .number(f.tempo, decimals: 2)), ("tempo_confidence", .number(f.tempoConfidence, decimals: 3)),
        ]).text
    }
}
