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
        let versionGroups = VersionGroups(table, evidence: evidence, frameRate: frameRate)
        // r from the nearest tracks that are not the same recording: four copies of one file would
        // otherwise raise its density and push it down every other list.
        let density = (0..<n).map { i in
            HubCorrection.density(table.top[i].filter { !versionGroups.areVersions(i, $0.index) }.map { SimilaritySpace.cosineDistance($0.distance) })
        }
        func pick(_ i: Int, _ c: Neighbour) -> Recommendation {
            let d = SimilaritySpace.cosineDistance(c.distance)
            return Recommendation(row: c.index, distance: d, score: HubCorrection.score(distance: d, density[i], density[c.index]))
        }
        let top = (0..<n).map { i in
            rank(table.top[i].filter { !versionGroups.areVersions(i, $0.index) }.map { pick(i, $0) }, k: k, limits: limits) { groups[$0] }
        }
        let bottom = (0..<n).map { i in table.bottom[i].filter { !versionGroups.areVersions(i, $0.index) }.map { pick(i, $0) } }
        return Recommendations(top: top, bottom: bottom, versions: versionGroups.lists(), density: density)
    }

    /// Version groups: pairs of the shortlists that pass ``Versions/same(_:_:distance:frameRate:)``,
    /// closed under "is a version of" (A~B and B~C put A, B and C in one group even when A and C
    /// differ a little more), so the groups, and the lists they leave out, agree for every member.
    /// The groups are connected components (union-find, each group named by its smallest row): they
    /// do not depend on the order pairs are met in. One integer a row, not a set: at 100,000 tracks
    /// the sets were 0.14 GB.
    struct VersionGroups {
        /// The smallest row of each row's group.
        let root: [Int]

        init(_ table: NeighbourTable, evidence: [Versions.Evidence], frameRate: Double) {
            let n = table.top.count
            var parent = Array(0..<n)
            func find(_ x: Int) -> Int {
                var x = x
                while parent[x] != x { parent[x] = parent[parent[x]]; x = parent[x] }
                return x
            }
            for i in 0..<n {
                for c in table.top[i] {
                    let d = SimilaritySpace.cosineDistance(c.distance)
                    guard d <= Versions.gate else { break } // nearest first: the rest are farther
                    let (a, b) = (find(i), find(c.index))
                    if a != b && Versions.same(evidence[i], evidence[c.index], distance: d, frameRate: frameRate) {
                        parent[max(a, b)] = min(a, b)
                    }
                }
            }
            root = (0..<n).map(find)
        }

        /// Whether `j` is another version of `i` (same group, another row).
        func areVersions(_ i: Int, _ j: Int) -> Bool { i != j && root[i] == root[j] }

        /// Every row's other versions, ascending (empty for a row alone in its group).
        func lists() -> [[Int]] {
            var members: [Int: [Int]] = [:]
            var size = [Int](repeating: 0, count: root.count)
            for r in root { size[r] += 1 }
            for (i, r) in root.enumerated() where size[r] > 1 { members[r, default: []].append(i) }
            return root.indices.map { i in size[root[i]] > 1 ? members[root[i]]!.filter { $0 != i } : [] }
        }
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
