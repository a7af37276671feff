import ArgumentParser
import Catalog
import Features
import Foundation

/// `bench-features descriptors DIR`: the raw descriptor of every file listed in `DIR/labels.csv`
/// (column `file`), analysed as the build analyses it, written as `OUT/descriptors.npy` (rows in
/// labels order), `OUT/layout.json` (block name → [start, end)) and `OUT/timing.txt`. For weight and
/// descriptor experiments in Python (`bench/python/groove_weights.py`) without rebuilding catalogs.
struct DescriptorDump: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "descriptors", abstract: "Dump raw descriptors of a labelled set.")
    @Argument(help: "A folder with labels.csv (column `file`).") var dir: String
    @Option(help: "Output folder (default: DIR).") var out: String?

    func run() throws {
        let text = try String(contentsOfFile: "\(dir)/labels.csv", encoding: .utf8)
        let lines = text.split(whereSeparator: \.isNewline).map(String.init)
        guard let column = lines.first?.split(separator: ",").firstIndex(of: "file") else { throw ValidationError("labels.csv has no file column") }
        let files = lines.dropFirst().map { String($0.split(separator: ",", omittingEmptySubsequences: false)[column]) }
        let start = Date()
        let rows: [[Float]] = parallelMap(files.count, context: { TrackAnalyzer() }) { analyzer, i in
            (try? analyzer.analyze(path: "\(dir)/\(files[i])").features.descriptor) ?? []
        }
        let seconds = Date().timeIntervalSince(start)
        let layout = DescriptorLayout(mfccCount: FeatureParameters().mfccCount)
        guard rows.allSatisfy({ $0.count == layout.dimension }) else { throw ValidationError("a file could not be analysed") }
        let target = out ?? dir
        try FileManager.default.createDirectory(atPath: target, withIntermediateDirectories: true)
        try NumpyArray.float32(rows: rows.count, columns: layout.dimension, values: rows.flatMap { $0 })
            .write(to: URL(fileURLWithPath: "\(target)/descriptors.npy"))
        let blocks = layout.blocks.map { "\"\($0.name.rawValue)\": [\($0.range.lowerBound), \($0.range.upperBound)]" }
        try ("{" + blocks.joined(separator: ", ") + "}\n").write(toFile: "\(target)/layout.json", atomically: true, encoding: .utf8)
        print(String(format: "%d files in %.1f s", files.count, seconds))
    }
}
