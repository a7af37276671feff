import ArgumentParser
import AudioIO
import Features
import Foundation

/// Tempo accuracy on any labelled folder (`labels.csv` with `file`, `bpm` and optionally
/// `family`), e.g. the independent set of `bench/python/holdout_synth.py` or real recordings:
/// the same decode + features path as `backbeat build`, MIREX Acc1/Acc2 per family.
struct LabelledTempoBench: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "tempo-dir", abstract: "Tempo Acc1/Acc2 on a labelled folder.")

    @Argument(help: "Folder with labels.csv (columns file, bpm[, family]).") var folder: String

    func run() throws {
        let text = try String(contentsOfFile: "\(folder)/labels.csv", encoding: .utf8)
        let rows = text.split(whereSeparator: \.isNewline).map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
        guard let header = rows.first, let fileColumn = header.firstIndex(of: "file"), let bpmColumn = header.firstIndex(of: "bpm") else {
            throw ValidationError("labels.csv needs the columns file and bpm")
        }
        let familyColumn = header.firstIndex(of: "family")
        let labelled = rows.dropFirst().compactMap { r -> (file: String, bpm: Double, family: String)? in
            guard r.count > max(fileColumn, bpmColumn), let bpm = Double(r[bpmColumn]) else { return nil }
            return (r[fileColumn], bpm, familyColumn.map { r.count > $0 ? r[$0] : "" } ?? "")
        }
        let estimates: [Double?] = parallelMap(labelled.count, context: { FeatureExtractor() }) { extractor, i in
            guard let audio = try? AudioDecoder().decode(path: "\(folder)/\(labelled[i].file)") else { return nil }
            return extractor.extract(audio.samples).features.tempo
        }
        print("Tempo on \(labelled.count) labelled files in \(folder) (\(estimates.filter { $0 == nil }.count) undecodable, counted wrong)")
        print("family".padded(10) + "    n   Acc1   Acc2")
        let families = Array(Set(labelled.map(\.family))).sorted()
        for family in families + ["ALL"] {
            let idx = labelled.indices.filter { family == "ALL" || labelled[$0].family == family }
            let (a1, a2) = TempoBench.accuracy(idx.map { (estimates[$0] ?? 0, labelled[$0].bpm) })
            print(family.padded(10) + String(format: " %4d  %5.3f  %5.3f", idx.count, a1, a2))
        }
        TempoBench.printBandTable(labelled.indices.map { (estimates[$0] ?? 0, labelled[$0].bpm) },
                                  bands: [(0, 80), (80, 120), (120, 160), (160, .infinity)])
    }
}
