import NeighbourIndex

/// A track's place in another's list: its row, cosine distance `1 − cos`, and the hub-corrected
/// score the top lists are ranked by (``HubCorrection``).
public struct Recommendation: Sendable, Equatable {
    public var row: Int
    public var distance: Double
    public var score: Double
}

/// The published lists, chosen from the cosine shortlists of a ``NeighbourTable``:
/// 1. versions (``Versions``) are found among each track's shortlist and made symmetric;
/// 2. the shortlist is re-ranked by the CSLS score (``HubCorrection``), versions left out;
/// 3. artist/album caps (``ArtistSpread``) pick the first k;
/// bottom lists stay the plain least-similar lists (cosine), versions aside.
public struct Recommendations: Sendable {
    public var top: [[Recommendation]]
    public var bottom: [[Recommendation]]
    /// Rows that are versions of each row, ascending.
    public var versions: [[Int]]
    /// r(x) of every row (``HubCorrection/density(_:)``), stored for `query`.
    public var density: [Double]

    /// - Parameters:
    ///   - table: cosine shortlists (``HubCorrection/shortlist(k:count:)`` long) and bottom lists.
    ///   - evidence, groups: per row, what the version test and the caps read.
    public static func make(table: NeighbourTable, evidence: [Versions.Evidence], groups: [SpreadGroup], k: Int,
                     limits: SpreadLimits, frameRate: Double) -> Recommendations {
        let n = table.top.count
        let distances = table.top.map { $0.map { SimilaritySpace.cosineDistance($0.distance) } }
        let density = distances.map(HubCorrection.density)
        var versions = [Set<Int>](repeating: [], count: n)
        for i in 0..<n {
            for (c, d) in zip(table.top[i], distances[i]) where d <= Versions.gate && !versions[i].contains(c.index) {
                if Versions.same(evidence[i], evidence[c.index], distance: d, frameRate: frameRate) {
                    versions[i].insert(c.index)
                    versions[c.index].insert(i)
                }
            }
        }
        let top = (0..<n).map { i in
            let ranked = zip(table.top[i], distances[i]).filter { !versions[i].contains($0.0.index) }.map { c, d in
                Recommendation(row: c.index, distance: d, score: HubCorrection.score(distance: d, density[i], density[c.index]))
            }
            return rank(ranked, k: k, limits: limits) { groups[$0] }
        }
        let bottom = table.bottom.enumerated().map { i, list in
            list.filter { !versions[i].contains($0.index) }.map { c in
                let d = SimilaritySpace.cosineDistance(c.distance)
                return Recommendation(row: c.index, distance: d, score: HubCorrection.score(distance: d, density[i], density[c.index]))
            }
        }
        return Recommendations(top: top, bottom: bottom, versions: versions.map { $0.sorted() }, density: density)
    }

    /// Sorts candidates by score (best first; ties by distance, then row) and applies the caps.
    static func rank(_ candidates: [Recommendation], k: Int, limits: SpreadLimits, group: (Int) -> SpreadGroup) -> [Recommendation] {
        let sorted = candidates.sorted { a, b in
            a.score != b.score ? a.score > b.score : (a.distance != b.distance ? a.distance < b.distance : a.row < b.row)
        }
        let byRow = Dictionary(sorted.map { ($0.row, $0) }, uniquingKeysWith: { a, _ in a })
        return ArtistSpread.choose(sorted.map(\.row), k: k, limits: limits, group: group).map { byRow[$0]! }
    }
}
