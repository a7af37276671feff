/// The layout of the raw descriptor vector: named blocks, each a contiguous range.
///
/// Blocks: `tempo` (log₂(BPM/120), confidence), `pattern` (``RhythmPattern``), `histogram`
/// (``BeatHistogram``), `timbre` (means and standard deviations of MFCC 1…n−1; MFCC 0, the
/// loudness term, is left out so gain cannot move a track).
public struct DescriptorLayout: Sendable, Equatable, Codable {
    public struct Block: Sendable, Equatable, Codable {
        public let name: String
        public let range: Range<Int>
    }
    public let blocks: [Block]
    public var dimension: Int { blocks.last?.range.upperBound ?? 0 }

    public init(mfccCount: Int) {
        var start = 0
        var blocks: [Block] = []
        for (name, size) in [("tempo", 3), ("pattern", RhythmPattern.size), ("histogram", 4 * BeatHistogram.bins),
                             ("scale", 3 * ScaleTransform.coefficients),
                             ("timbre", 2 * (mfccCount - 1))] {
            blocks.append(Block(name: name, range: start..<(start + size)))
            start += size
        }
        self.blocks = blocks
    }

    public func block(_ name: String) -> Block? { blocks.first { $0.name == name } }
}
