import Features
import Foundation

/// The parts of the descriptor a listener can name, each a group of ``DescriptorBlock``s.
public enum MatchPart: String, CaseIterable, Sendable, Codable {
    /// The beat-relative rhythm pattern (which drums play where in the bar, swing, metre):
    /// `pattern-*`, `scale` and the learned groove projection (``GrooveProjection``).
    case groove
    /// The beat histograms: how strongly the music pulses at each absolute tempo and subdivision.
    case pulse
    /// The octave-folded tempo and its confidence (`tempo`).
    case tempo
    /// The sound: MFCC means and spreads (`timbre`).
    case timbre

    /// The part a block belongs to.
    public static func of(_ block: DescriptorBlock) -> MatchPart {
        switch block {
        case .patternLow, .patternMid, .patternHigh, .patternCross, .scale: return .groove
        case .histogramAccent, .histogramLow, .histogramMid, .histogramHigh: return .pulse
        case .tempo: return .tempo
        case .timbre: return .timbre
        }
    }

    /// What a listener calls it (the site's bar labels).
    public var label: String {
        switch self {
        case .groove: return "groove"
        case .pulse: return "pulse"
        case .tempo: return "tempo"
        case .timbre: return "instruments"
        }
    }
}

/// Why two tracks were matched: how much each ``MatchPart`` contributed to their similarity, and a
/// short phrase that says it in words.
///
/// Similarity vectors are unit length, so their cosine is a sum over blocks,
/// `cos(a, b) = Σ_P c_P` with `c_P = Σ_{j ∈ P} a_j b_j`. A part's **share** is `c_P / Σ_Q |c_Q|`:
/// the shares' magnitudes add up to 1, and a negative share is a part that pulled the pair apart.
/// A part's **agreement** is the cosine of the two tracks' sub-vectors on that part alone
/// (`c_P / (‖a_P‖ ‖b_P‖)`, in [−1, 1]; 0 when a part weighs nothing): how alike they are on it,
/// whatever its weight. The phrase reads the groove and timbre agreements and the two tempi.
public struct MatchReason: Sendable, Equatable, Codable {
    public var shares: PartValues
    public var phrase: String

    public init(shares: PartValues, phrase: String) {
        self.shares = shares
        self.phrase = phrase
    }

    /// The published form (`why` in `neighbours.json`): the phrase and one share per part. The
    /// agreements (``parts(_:_:layout:)``) are what the phrase says; they are not kept (a catalog
    /// holds a reason for every listed pair: 2 million at 100,000 tracks).
    enum CodingKeys: String, CodingKey { case phrase, groove, pulse, tempo, timbre }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        phrase = try c.decode(String.self, forKey: .phrase)
        shares = [.groove: try c.decode(Double.self, forKey: .groove), .pulse: try c.decode(Double.self, forKey: .pulse),
                  .tempo: try c.decode(Double.self, forKey: .tempo), .timbre: try c.decode(Double.self, forKey: .timbre)]
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(phrase, forKey: .phrase)
        for part in MatchPart.allCases { try c.encode(shares[part] ?? 0, forKey: CodingKeys(rawValue: part.rawValue)!) }
    }

    /// Agreement thresholds of the phrase: at or above `same` a part is "the same", at or above
    /// `similar` "similar", below it "different" (`bench/RESULTS.md`: same-groove pairs of the
    /// synthesised sets agree at a median of ≈ 0.7 on the groove, different grooves at ≈ 0).
    public static let same = 0.5
    public static let similar = 0.2

    /// Explains the match of similarity vectors `a` and `b` (same length, laid out by `layout`) whose
    /// tempi are `tempoA` (the track whose list this is) and `tempoB`, in BPM (0: no steady beat).
    /// Values past the layout's blocks (the learned projection of ``SimilarityModel``) count as groove.
    public static func explain(_ a: [Float], _ b: [Float], layout: DescriptorLayout, tempoA: Double, tempoB: Double) -> MatchReason {
        a.withUnsafeBufferPointer { a in b.withUnsafeBufferPointer { b in explain(a, b, layout: layout, tempoA: tempoA, tempoB: tempoB) } }
    }

    /// ``explain(_:_:layout:tempoA:tempoB:)`` of vectors read in place (rows of a catalog's vector set).
    static func explain(_ a: UnsafeBufferPointer<Float>, _ b: UnsafeBufferPointer<Float>, layout: DescriptorLayout,
                        tempoA: Double, tempoB: Double) -> MatchReason {
        let (shares, agreement) = parts(a, b, layout: layout)
        return MatchReason(shares: shares,
                           phrase: phrase(groove: agreement[.groove]!, timbre: agreement[.timbre]!, tempoA: tempoA, tempoB: tempoB))
    }

    /// Each part's share of the cosine of `a` and `b`, and their agreement on it (see the type's notes).
    public static func parts(_ a: [Float], _ b: [Float], layout: DescriptorLayout) -> (shares: PartValues, agreement: PartValues) {
        a.withUnsafeBufferPointer { a in b.withUnsafeBufferPointer { b in parts(a, b, layout: layout) } }
    }

    static func parts(_ a: UnsafeBufferPointer<Float>, _ b: UnsafeBufferPointer<Float>, layout: DescriptorLayout)
        -> (shares: PartValues, agreement: PartValues) {
        let parts = MatchPart.allCases
        var dot = [Double](repeating: 0, count: parts.count), na = dot, nb = dot
        let ranges = layout.blocks.map { (MatchPart.of($0.name), $0.range) } + [(MatchPart.groove, layout.dimension..<max(layout.dimension, min(a.count, b.count)))]
        for (part, range) in ranges {
            let p = parts.firstIndex(of: part)!
            var d = 0.0, x = 0.0, y = 0.0
            for j in range where j < a.count && j < b.count {
                d += Double(a[j]) * Double(b[j])
                x += Double(a[j]) * Double(a[j])
                y += Double(b[j]) * Double(b[j])
            }
            dot[p] += d; na[p] += x; nb[p] += y
        }
        let total = dot.reduce(0.0) { $0 + abs($1) }
        var shares = PartValues(), agreement = PartValues()
        for (p, part) in parts.enumerated() {
            let c = dot[p], norms = (na[p] * nb[p]).squareRoot()
            shares[part] = total > 0 ? c / total : 0
            agreement[part] = norms > 0 ? max(-1, min(1, c / norms)) : 0
        }
        return (shares, agreement)
    }

    /// "same groove, tempo 2 % apart, different instruments".
    static func phrase(groove: Double, timbre: Double, tempoA: Double, tempoB: Double) -> String {
        func level(_ x: Double, _ noun: String, same: String, similar: String) -> String {
            x >= Self.same ? "\(same) \(noun)" : (x >= Self.similar ? "\(similar) \(noun)" : "different \(noun)")
        }
        return [level(groove, "groove", same: "same", similar: "similar"), tempoPhrase(tempoA, tempoB),
                level(timbre, "instruments", same: "similar", similar: "somewhat similar")].joined(separator: ", ")
    }

    /// How two tempi relate, in words: "same tempo" (within 1 %), "tempo 12 % apart" (relative to
    /// `a`), "double tempo" / "half tempo" (within 4 % of a factor 2), "no steady beat".
    static func tempoPhrase(_ a: Double, _ b: Double) -> String {
        guard a > 0, b > 0 else { return a > 0 || b > 0 ? "one without a steady beat" : "neither with a steady beat" }
        let ratio = b / a
        if abs(ratio / 2 - 1) < 0.04 { return "double tempo" }
        if abs(ratio * 2 - 1) < 0.04 { return "half tempo" }
        let apart = abs(ratio - 1)
        return apart < 0.01 ? "same tempo" : "tempo \(max(1, Int((apart * 100).rounded()))) % apart"
    }
}

/// One value per ``MatchPart``, stored inline (32 bytes; NaN marks a part never set). A catalog
/// holds two per neighbour: at 100,000 tracks × 20 neighbours, dictionaries cost ~0.5 GB more.
public struct PartValues: Sendable, Equatable, ExpressibleByDictionaryLiteral, CustomStringConvertible {
    private var values: (Double, Double, Double, Double) = (.nan, .nan, .nan, .nan)

    public init() {}

    public init(dictionaryLiteral elements: (MatchPart, Double)...) {
        for (part, value) in elements { self[part] = value }
    }

    /// The value of `part`; nil when it was never set (or set to NaN or nil).
    public subscript(part: MatchPart) -> Double? {
        get {
            let v: Double
            switch part {
            case .groove: v = values.0
            case .pulse: v = values.1
            case .tempo: v = values.2
            case .timbre: v = values.3
            }
            return v.isNaN ? nil : v
        }
        set {
            let v = newValue ?? .nan
            switch part {
            case .groove: values.0 = v
            case .pulse: values.1 = v
            case .tempo: values.2 = v
            case .timbre: values.3 = v
            }
        }
    }

    public static func == (a: PartValues, b: PartValues) -> Bool {
        MatchPart.allCases.allSatisfy { a[$0] == b[$0] }
    }

    public var description: String {
        "[" + MatchPart.allCases.compactMap { p in self[p].map { "\(p.rawValue): \($0)" } }.joined(separator: ", ") + "]"
    }
}
