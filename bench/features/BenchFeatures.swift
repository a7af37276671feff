import ArgumentParser

/// `bench-features`: tempo accuracy, similarity quality and speed of the Features module.
/// Release build: `swift run -c release bench-features <subcommand>`.
@main
struct BenchFeatures: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench-features",
        abstract: "Benchmarks for tempo accuracy, rhythm similarity and extraction speed.",
        subcommands: [TempoBench.self, QualityBench.self, SpeedBench.self, TempoProbe.self, OctaveDump.self, LabelledTempoBench.self, VersionsBench.self, DescriptorDump.self, PlaylistBench.self, VectorDump.self, MapBench.self])
}
