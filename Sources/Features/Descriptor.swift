/// The layout of the raw descriptor vector: named blocks, each a contiguous range.
///
/// Blocks, in order: `tempo` (octave-folded tempo as cos/sin, confidence); the rhythm pattern
/// (``RhythmPattern``) as `pattern-low`, `pattern-mid`, `pattern-high` (each band's
/// autocorrelation at beat-relative lags) and `pattern-cross` (low→mid and mid→low
/// cross-correlations); the beat histograms (``BeatHistogram``) as `histogram-accent` (the
/// combined accent), `histogram-low`, `histogram-mid`, `histogram-high`; `scale` (the scale
/// transform of each band); `timbre` (means and standard deviations of MFCC 1…n−1; MFCC 0, the
/// loudness term, is left out so gain cannot move a track). Sub-blocks are separate so each
/// can be weighted on its own (``SimilarityModel/defaultWeights``).
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
        let lags = RhythmPattern.lags.count, bins = BeatHistogram.bins
        for (name, size) in [("tempo", 3),
                             ("pattern-low", lags), ("pattern-mid", lags), ("pattern-high", lags),
                             ("pattern-cross", 2 * RhythmPattern.crossLags.count),
                             ("histogram-accent", bins), ("histogram-low", bins), ("histogram-mid", bins), ("histogram-high", bins),
                             ("scale", 3 * ScaleTransform.coefficients),
                             ("timbre", 2 * (mfccCount - 1))] {
            blocks.append(Block(name: name, range: start..<(start + size)))
            start += size
        }
        self.blocks = blocks
    }

    public func block(_ name: String) -> Block? { blocks.first { $0.name == name } }
}
