import Foundation

/// Maps raw descriptors to similarity vectors. Stores its statistics so a later query is mapped
/// exactly as the collection was.
///
/// 1. Standardise each dimension over the collection: `z_j = (x_j − mean_j) / sd_j`.
/// 2. The weighted part `u`: each block scaled by `weight / √(blockDimension)` (so a block's share
///    of the squared distance is proportional to its weight², whatever its size), with the
///    ``beatGate``; then unit length.
/// 3. The learned part `p = Pᵀ z` (``GrooveProjection``, a shrinkage LDA trained to tell groove
///    families apart), scaled by the gate's rhythm gain; then unit length.
/// 4. The vector is `[√(1 − α) · u, √α · g · p]` (α = ``GrooveProjection/alpha``), made unit length:
///    ``vectorDimension`` values, the descriptor's blocks first, then the projection.
public struct SimilarityModel: Sendable, Codable, Equatable {
    /// Default block weights (``DescriptorLayout`` names; a block not named weighs 1). The
    /// beat-relative patterns (mostly the kick band's) carry the groove whatever the tempo, the beat
    /// histograms of the low and high bands carry tempo and subdivision, and the folded tempo, the
    /// scale transform and timbre are small tie-breakers.
    ///
    /// Chosen by a seeded random search over raw descriptors (`bench/python/groove_weights.py`) that
    /// maximises precision@10 for the same groove at any tempo and for the same groove at the same
    /// tempo (each relative to what a perfect ranking scores) on three tuning sets: the tuning
    /// families of the MIDI-rendered arrangements (`arrangements.py`), our synthesiser's seed 7 and
    /// the independent synthesiser's seed 2; then checked on sets the search never saw (held-out
    /// arrangement families, seeds 8, 3 and 4; figures in `bench/RESULTS.md`).
    public static let defaultWeights: [DescriptorBlock: Double] = [
        .tempo: 0.07,
        .patternLow: 0.625, .patternMid: 0.175, .patternHigh: 0.065, .patternCross: 0,
        .histogramAccent: 0.235, .histogramLow: 0.73, .histogramMid: 0.15, .histogramHigh: 1.0,
        .scale: 0.085, .timbre: 0.105,
    ]

    public let layout: DescriptorLayout
    public let weights: [DescriptorBlock: Double]
    public let mean: [Float]
    public let scale: [Float]
    /// The standard deviation of each dimension over the collection (0: no spread).
    public let deviation: [Float]

    /// Values in a similarity vector: the descriptor's, then the projection's.
    public var vectorDimension: Int { layout.dimension + GrooveProjection.dimensions }
    /// Where the learned projection sits in a similarity vector.
    public var projectionRange: Range<Int> { layout.dimension..<vectorDimension }

    /// Fits the statistics on a collection's raw descriptors (each of `layout.dimension`).
    /// Dimensions with (near-)zero spread get scale 0, so they contribute nothing.
    public init(fitting descriptors: [[Float]], layout: DescriptorLayout, weights: [DescriptorBlock: Double] = defaultWeights) {
        self.layout = layout
        self.weights = weights
        let d = layout.dimension
        var mean = [Double](repeating: 0, count: d), sq = [Double](repeating: 0, count: d)
        for x in descriptors { for j in 0..<min(d, x.count) { mean[j] += Double(x[j]); sq[j] += Double(x[j]) * Double(x[j]) } }
        let n = Double(max(descriptors.count, 1))
        var scale = [Float](repeating: 0, count: d), deviation = [Float](repeating: 0, count: d)
        for j in 0..<d {
            mean[j] /= n
            let sd = max(0, sq[j] / n - mean[j] * mean[j]).squareRoot()
            deviation[j] = sd > 1e-6 ? Float(sd) : 0
            let block = layout.blocks.first { $0.range.contains(j) }!
            let w = (weights[block.name] ?? 1) / Double(block.range.count).squareRoot()
            scale[j] = sd > 1e-6 ? Float(w / sd) : 0
        }
        self.mean = mean.map(Float.init)
        self.scale = scale
        self.deviation = deviation
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

    /// The similarity vector of one raw descriptor (``vectorDimension`` values): unit length, or all
    /// zeros when the descriptor equals the collection mean everywhere. The beat confidence is read
    /// from the descriptor's `tempo` block (its third value) for ``beatGate``.
    public func vector(_ descriptor: [Float]) -> [Float] {
        let d = mean.count
        let confidence = layout.block(.tempo).flatMap { $0.range.count >= 3 && $0.range.lowerBound + 2 < descriptor.count ? descriptor[$0.range.lowerBound + 2] : nil } ?? 1
        let (rhythmGain, timbreGain) = Self.gains(confidence: confidence.isFinite ? confidence : 0)
        let timbre = layout.block(.timbre)?.range ?? 0..<0
        var u = [Float](repeating: 0, count: d), z = [Float](repeating: 0, count: d)
        for j in 0..<min(d, descriptor.count) {
            let centred = descriptor[j] - mean[j]
            u[j] = centred * scale[j] * (timbre.contains(j) ? timbreGain : rhythmGain)
            z[j] = deviation[j] > 0 ? centred / deviation[j] : 0
        }
        let p = GrooveProjection.project(z)
        let a = GrooveProjection.alpha
        // Built in place at its exact size: a catalog keeps one per track (and per segment).
        var v = [Float]()
        v.reserveCapacity(u.count + p.count)
        v.append(contentsOf: Self.unit(u).lazy.map { $0 * (1 - a).squareRoot() })
        v.append(contentsOf: Self.unit(p).lazy.map { $0 * a.squareRoot() * rhythmGain })
        let norm = v.reduce(0) { $0 + $1 * $1 }.squareRoot()
        if norm > 0 { for j in v.indices { v[j] /= norm } }
        return v
    }

    /// `x / ‖x‖`, or `x` when it is all zeros.
    static func unit(_ x: [Float]) -> [Float] {
        let norm = x.reduce(0) { $0 + $1 * $1 }.squareRoot()
        return norm > 0 ? x.map { $0 / norm } : x
    }
}
