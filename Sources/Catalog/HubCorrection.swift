/// Hubness reduction by cross-domain similarity local scaling (CSLS): Conneau, Lample, Ranzato,
/// Denoyer & Jégou, *Word translation without parallel data*, ICLR 2018, a symmetric form of the
/// local scaling of Zelnik-Manor & Perona, *Self-tuning spectral clustering*, NIPS 2004.
///
/// In high-dimensional spaces a few points (here: pieces without a steady beat, near the middle
/// of the space) are close to everything and crowd every list: hubs (Radovanović et al., JMLR
/// 2010). CSLS discounts each point by its own neighbourhood's density
///
///     r(x) = mean cos(x, y) over the K = ``neighbours`` (25) nearest y of x
///     score(x, y) = cos(x, y) − (r(x) + r(y)) / 2        (CSLS / 2, in [−2, 2])
///
/// so a hub, similar to everything, must be *more* similar than usual to make a list. r is one
/// number per track, stored in the catalog, so `query` ranks a new file the same way in O(n) memory
/// (its own r is measured from its own nearest neighbours). Lists are re-ranked from a shortlist of
/// ``shortlist(k:count:)`` cosine neighbours: the correction moves a track by at most the difference
/// of two densities, so one far down the cosine ranking rarely has the score to enter a list.
public enum HubCorrection {
    /// K, the neighbours whose mean similarity measures a track's density. Conneau et al. use 10;
    /// on our real clips 25 and 50 both lowered the N10 skewness further (0.98 → 0.51 / 0.34) with
    /// the same-piece recall unchanged, and 25 did so on both halves of the set split by piece
    /// (`bench/RESULTS.md`). The shortlist is always at least 50, so r sees all K.
    public static let neighbours = 25

    /// Cosine candidates re-ranked for a list of `k` out of `count` tracks: enough to fill `k`
    /// after versions and artist/album caps are passed over, and never fewer than 50 (densities and
    /// versions are read from the shortlist, even for `k` = 0); at most `k + 200` beyond that, so a
    /// long list does not multiply the table's memory.
    public static func shortlist(k: Int, count: Int) -> Int {
        let k = max(1, min(k, count))
        return min(max(0, count - 1), max(50, min(5 * k, k + 200)))
    }

    /// r: the mean cosine similarity over the first ``neighbours`` of `cosineDistances` (nearest
    /// first, cosine distance `1 − cos`); 0 for an empty list.
    public static func density(_ cosineDistances: [Double]) -> Double {
        let near = cosineDistances.prefix(neighbours)
        guard !near.isEmpty else { return 0 }
        return near.reduce(0) { $0 + (1 - $1) } / Double(near.count)
    }

    /// The corrected similarity of a pair with cosine distance `distance` and densities `ra`, `rb`.
    public static func score(distance: Double, _ ra: Double, _ rb: Double) -> Double {
        (1 - distance) - (ra + rb) / 2
    }
}
