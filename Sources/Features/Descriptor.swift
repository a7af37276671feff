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
        public let name: DescriptorBlock
        public let range: Range<Int>
    }
    public let blocks: [Block]
    public var dimension: Int { blocks.last?.range.upperBound ?? 0 }

    public init(mfccCount: Int) {
        var start = 0
        var blocks: [Block] = []
        let lags = RhythmPattern.lags.count, bins = BeatHistogram.bins
        let sizes: [(DescriptorBlock, Int)] = [
            (.tempo, 3), (.patternLow, lags), (.patternMid, lags), (.patternHigh, lags), (.patternCross, 2 * RhythmPattern.crossLags.count),
            (.histogramAccent, bins), (.histogramLow, bins), (.histogramMid, bins), (.histogramHigh, bins),
            (.scale, 3 * ScaleTransform.coefficients), (.timbre, 2 * (mfccCount - 1)),
        ]
        for (name, size) in sizes {
            blocks.append(Block(name: name, range: start..<(start + size)))
            start += size
        }
        self.blocks = blocks
    }

    public func block(_ name: DescriptorBlock) -> Block? { blocks.first { $0.name == name } }
}

/// The named blocks of the descriptor, in layout order. The raw values are the names the files use
/// (`model.json`, the `weights` of `neighbours.json`, `features --json`'s `descriptor_blocks`).
public enum DescriptorBlock: String, CaseIterable, Codable, CodingKeyRepresentable, Sendable, Comparable {
    case tempo
    case patternLow = "pattern-low", patternMid = "pattern-mid", patternHigh = "pattern-high", patternCross = "pattern-cross"
    case histogramAccent = "histogram-accent", histogramLow = "histogram-low", histogramMid = "histogram-mid"
    case histogramHigh = "histogram-high"
    case scale, timbre

    /// Ordered by name (as the files list them).
    public static func < (a: DescriptorBlock, b: DescriptorBlock) -> Bool { a.rawValue < b.rawValue }
}
