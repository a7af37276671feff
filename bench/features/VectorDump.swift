import ArgumentParser
import Catalog
import Features
import Foundation
import Support
import Synth

/// `bench-features vectors --count N --out FILE.npy`: the similarity vectors of `N` synthesised clips
/// (random groove family, tempo 60–180 BPM, kit, instrument, key, level and humanisation seed), analysed
/// and weighted exactly as a build does (``SimilarityModel`` fitted on all of them). For the neighbour
/// table benchmark at 100 k tracks of the real descriptor (`bench-index --vectors FILE.npy`) without
/// writing 100 k audio files.
struct VectorDump: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "vectors", abstract: "Similarity vectors of N synthesised clips.")
    @Option(help: "Number of clips.") var count = 100_000
    @Option(help: "Seconds per clip.") var seconds = 5.0
    @Option(help: "Seed of the clip plan.") var seed: UInt64 = 21
    @Option(help: "Output .npy (float32, N × dimension).") var out: String

    func run() throws {
        var rng = SplitMix64(seed: seed)
        let specs = (0 ..< count).map { i in
            ClipSpec(family: GrooveFamily.allCases[rng.index(GrooveFamily.allCases.count)], bpm: rng.uniform(60, 180),
                     kit: DrumKit.allCases[rng.index(DrumKit.allCases.count)],
                     instrument: Instrument.allCases[rng.index(Instrument.allCases.count)], rootNote: 28 + rng.index(13),
                     seconds: seconds, gain: rng.uniform(0.3, 0.95), seed: seed &* 1_000_003 &+ UInt64(i))
        }
        let start = Date()
        let descriptors: [[Float]] = parallelMap(count, context: { FeatureExtractor() }) { extractor, i in
            extractor.extract(ClipSynthesizer.render(specs[i])).features.descriptor
        }
        let model = SimilarityModel(fitting: descriptors, layout: DescriptorLayout(mfccCount: FeatureParameters().mfccCount))
        let vectors = descriptors.map { model.vector($0) }
        try NumpyArray.float32(rows: count, columns: model.vectorDimension, values: vectors.flatMap { $0 })
            .write(to: URL(fileURLWithPath: out))
        print(String(format: "%d vectors of %d values in %.1f s → %@", count, model.vectorDimension, Date().timeIntervalSince(start), out))
    }
}
