import AudioIO
import Features
import NeighbourIndex
import Support
import Testing
@testable import Catalog

@Suite struct ReleasedDescriptorTests {
    /// Mapping descriptors to vectors while releasing them gives the vectors a plain map gives, in
    /// track order, segments flat and in order, and leaves no raw descriptor behind.
    @Test func vectorsReleasingDescriptorsMatchAPlainMap() throws {
        let layout = DescriptorLayout(mfccCount: 20)
        var state: UInt64 = 5
        func descriptor() -> [Float] {
            (0..<layout.dimension).map { _ in
                state = state &* 6364136223846793005 &+ 1442695040888963407
                return Float(Double(state >> 11) / Double(1 << 53))
            }
        }
        var tracks = (0..<12).map { i in
            CatalogBuilder.Track(id: "t\(i)", file: "t\(i).wav",
                                 features: TrackFeatures(duration: 30, tempo: 120, tempoConfidence: 0.5, beats: [], mfccMean: [], mfccStd: [],
                                                         onsetMean: 0, descriptor: descriptor(),
                                                         segments: (0..<(i % 3)).map { s in .init(start: Double(s) * 10, end: Double(s + 1) * 10, descriptor: descriptor()) }),
                                 tags: AudioTags(), format: "wav", duration: 30)
        }
        let model = SimilarityModel(fitting: tracks.map(\.features.descriptor), layout: layout)
        let expectedTracks = tracks.map { SimilaritySpace.safeVector(model.vector($0.features.descriptor)) }
        let expectedSegments = tracks.flatMap { $0.features.segments.flatMap { SimilaritySpace.safeVector(model.vector($0.descriptor)) } }
        let segments = try CatalogBuilder.segmentVectors(releasing: &tracks, model: model)
        #expect(tracks.allSatisfy { $0.features.segments.allSatisfy(\.descriptor.isEmpty) && !$0.features.descriptor.isEmpty })
        let vectors = try CatalogBuilder.trackVectors(releasing: &tracks, model: model)
        var normalised = try VectorSet(rows: expectedTracks)
        try normalised.normaliseRows()
        #expect(vectors.isNormalised && vectors.values == normalised.values, "normalised as the angular index stores them")
        #expect(zip(vectors.values, expectedTracks.flatMap { $0 }).allSatisfy { abs($0 - $1) < 1e-6 }, "the model's vectors are unit length already")
        #expect(segments.values == expectedSegments)
        #expect(segments.count == 12 && segments.dimension == model.vectorDimension, "0 + 1 + 2 segments, four times")
        #expect(tracks.allSatisfy { $0.features.descriptor.isEmpty && $0.features.segments.allSatisfy(\.descriptor.isEmpty) })
        #expect(tracks.map(\.features.segments.count) == (0..<12).map { $0 % 3 }, "segments themselves are kept")
    }

    /// The heap controls the build's memory figures rely on resolve with glibc (without them the
    /// build still works, and its peak memory silently grows by about a tenth at 100 k tracks).
    @Test func heapControlsResolveWithGlibc() {
        #if canImport(Glibc)
        #expect(Platform.heapControlsAvailable)
        #endif
        Platform.limitHeapArenas(to: 2)
        Platform.mapLargeAllocations(from: 4 << 20)
        Platform.releaseFreeMemory()
    }
}
