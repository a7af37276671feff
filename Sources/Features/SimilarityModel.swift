import Foundation

/// Maps raw descriptors to similarity vectors: standardise each dimension over the collection,
/// weight each block, L2-normalise. Stores its statistics so a later query is mapped exactly
/// as the collection was.
///
/// Each block is scaled by `weight / √(blockDimension)` after standardising, so a block's
/// share of the squared distance is proportional to its weight², whatever its size.
public struct SimilarityModel: Sendable, Codable, Equatable {
    /// Default block weights (``DescriptorLayout`` names; a block not named weighs 1). The beat
    /// histograms of the low and high bands (absolute periodicities, octave-robust) carry tempo
    /// and subdivision, the mid band's beat-relative pattern carries the groove; the other
    /// pattern and histogram parts and timbre are small tie-breakers. The folded tempo and the
    /// scale transform stay in the raw descriptor for analysis and custom weights but weigh 0:
    /// neither improved rhythm-precision@10.
    ///
    /// Chosen per sub-block (`bench/python/block_weights.py`) on one seed of our synthesiser and
    /// one of the independent one, and checked on seeds neither search saw (figures in
    /// `bench/RESULTS.md`).
    public static let defaultWeights: [DescriptorBlock: Double] = [
        .tempo: 0,
        .patternLow: 0.03, .patternMid: 0.35, .patternHigh: 0.03, .patternCross: 0.07,
        .histogramAccent: 0.2, .histogramLow: 1.0, .histogramMid: 0.2, .histogramHigh: 0.8,
        .scale: 0, .timbre: 0.05,
    ]

    public let layout: DescriptorLayout
    public let weights: [DescriptorBlock: Double]
    public let mean: [Float]
    public let scale: [Float]

    /// Fits the statistics on a collection's raw descriptors (each of `layout.dimension`).
    /// Dimensions with (near-)zero spread get scale 0, so they contribute nothing.
    public init(fitting descriptors: [[Float]], layout: DescriptorLayout, weights: [DescriptorBlock: Double] = defaultWeights) {
        self.layout = layout
        self.weights = weights
        let d = layout.dimension
        var mean = [Double](repeating: 0, count: d), sq = [Double](repeating: 0, count: d)
        for x in descriptors { for j in 0..<min(d, x.count) { mean[j] += Double(x[j]); sq[j] += Double(x[j]) * Double(x[j]) } }
        let n = Double(max(descriptors.count, 1))
        var scale = [Float](repeating: 0, count: d)
        for j in 0..<d {
            mean[j] /= n
            let sd = max(0, sq[j] / n - mean[j] * mean[j]).squareRoot()
            let block = layout.blocks.first { $0.range.contains(j) }!
            let w = (weights[block.name] ?? 1) / Double(block.range.count).squareRoot()
            scale[j] = sd > 1e-6 ? Float(w / sd) : 0
        }
        self.mean = mean.map(Float.init)
        self.scale = scale
    }

    /// Music without a steady beat is compared on its sound: below a beat confidence of
    /// `confidence`, a descriptor's rhythm blocks (all but `timbre`) are scaled by
    /// `g = confidence / beatGate.confidence` and its timbre block by `1 + timbreBoost · (1 − g)`.
    /// Without it, ambient and orchestral pieces (confidence < 0.05) share a near-empty rhythm
    /// vector and became hubs, in the top 10 of up to 11 % of real clips (`bench/python/hubness.py`;
    /// figures in `bench/RESULTS.md`). Chosen on the game-music clips with CSLS; tracks with a beat
    /// (confidence ≥ 0.2: 99 % of the synthesised sets, 90 % of real clips) are unchanged.
    public static let beatGate = (confidence: 0.2, timbreBoost: 20.0)

    /// The gains of the rhythm blocks and of the timbre block for a beat confidence (see ``beatGate``).
    public static func gains(confidence: Float) -> (rhythm: Float, timbre: Float) {
        let g = Float(max(0, min(1, Double(confidence) / beatGate.confidence)))
        return (g, 1 + Float(beatGate.timbreBoost) * (1 - g))
    }

    /// The similarity vector of one raw descriptor: unit length (or all zeros when the
    /// descriptor equals the collection mean everywhere). The beat confidence is read from the
    /// descriptor's `tempo` block (its third value) for ``beatGate``.
    public func vector(_ descriptor: [Float]) -> [Float] {
        var v = [Float](repeating: 0, count: mean.count)
        var norm: Float = 0
        let confidence = layout.block(.tempo).flatMap { $0.range.count >= 3 && $0.range.lowerBound + 2 < descriptor.count ? descriptor[$0.range.lowerBound + 2] : nil } ?? 1
        let (rhythmGain, timbreGain) = Self.gains(confidence: confidence.isFinite ? confidence : 0)
        let timbre = layout.block(.timbre)?.range ?? 0..<0
        for j in 0..<min(v.count, descriptor.count) {
            v[j] = (descriptor[j] - mean[j]) * scale[j] * (timbre.contains(j) ? timbreGain : rhythmGain)
            norm += v[j] * v[j]
        }
        norm = norm.squareRoot()
        if norm > 0 { for j in v.indices { v[j] /= norm } }
        return v
    }
}
