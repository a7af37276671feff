import ArgumentParser
import Catalog
import Features
import Foundation

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
            let report = FeaturesReport(file: file, duration_s: f.duration, tempo_bpm: f.tempo, tempo_confidence: f.tempoConfidence,
                                        beats_s: f.beats, mfcc_mean: f.mfccMean, mfcc_std: f.mfccStd,
                                        descriptor_blocks: Dictionary(uniqueKeysWithValues: layout.blocks.map { ($0.name, [$0.range.lowerBound, $0.range.upperBound]) }),
                                        descriptor: f.descriptor, segments: f.segments.count,
                                        source: .init(container: analysis.info.container, codec: analysis.info.codec,
                                                      sample_rate: analysis.info.sampleRate, channels: analysis.info.channels,
                                                      title: analysis.info.tags.title, artist: analysis.info.tags.artist))
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
            encoder.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
            print(String(decoding: try encoder.encode(report), as: UTF8.self))
            return
        }
        print("file        \(terminalSafe(file))")
        print(String(format: "duration    %.2f s (%@/%@, %d Hz, %d ch)", f.duration, analysis.info.container, analysis.info.codec,
                     analysis.info.sampleRate, analysis.info.channels))
        print(String(format: "tempo       %.1f BPM (confidence %.2f), %d beats", f.tempo, f.tempoConfidence, f.beats.count))
        print("mfcc mean   " + f.mfccMean.prefix(8).map { String(format: "%.1f", $0) }.joined(separator: " ") + (mfcc > 8 ? " …" : ""))
        print("descriptor  \(f.descriptor.count) values: " + layout.blocks.map { "\($0.name) \($0.range.count)" }.joined(separator: ", "))
        print("segments    \(f.segments.count) × \(Int(parameters.segmentSeconds)) s windows, hop \(Int(parameters.segmentHopSeconds)) s")
    }
}

/// The `--json` shape of `backbeat features`.
struct FeaturesReport: Encodable {
    struct Source: Encodable {
        let container: String
        let codec: String
        let sample_rate: Int
        let channels: Int
        let title: String?
        let artist: String?
    }
    let file: String
    let duration_s: Double
    let tempo_bpm: Double
    let tempo_confidence: Double
    let beats_s: [Double]
    let mfcc_mean: [Float]
    let mfcc_std: [Float]
    let descriptor_blocks: [String: [Int]]
    let descriptor: [Float]
    let segments: Int
    let source: Source
}
