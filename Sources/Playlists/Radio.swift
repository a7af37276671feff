import NeighbourIndex

/// A seed for a playlist: a unit similarity vector and its tempo, and its catalog row when it is a
/// catalog track (the row is then never played again, nor any version of it).
public struct PlaylistSeed: Sendable {
    public var vector: [Float]
    public var tempo: Double
    public var row: Int?
    public init(vector: [Float], tempo: Double, row: Int?) {
        self.vector = vector
        self.tempo = tempo
        self.row = row
    }
}

/// Why a playlist is shorter than asked, or why a route does not exist.
public struct PlaylistShortfall: Error, Sendable, Equatable, CustomStringConvertible {
    public let message: String
    public var description: String { message }
}

/// A radio: from one or more seeds, a list that keeps the groove and moves smoothly.
///
/// Greedy and deterministic: each next track is the candidate with the highest
/// `0.7 · cos(candidate, previous) + 0.3 · mean over seeds of cos(candidate, seed)` — similar to the
/// last track *and* to the seeds, so the list neither drifts nor jumps — among those that
///   - are neither a seed, nor a track already played, nor a version of one;
///   - change the tempo by at most ``PlaylistLimits/maxTempoStep`` from the previous track
///     (octave-aware, ``TempoStep``);
///   - keep the artist under ``PlaylistLimits/maxPerArtist``, and are not by the previous track's
///     artist unless nothing else is left.
/// Candidates are the ``candidates`` nearest tracks to the previous track and to the seeds' mean
/// (a build reads them from its shortlists); ties go to the lower row. (After the "mixers" of bliss and Lyrion, and AudioMuse's song
/// radio, with their users' complaints turned into limits: no jumps in style or tempo, no seed
/// coming back, no artist run.)
public enum Radio {
    /// Nearest tracks searched around the previous track and around the seeds at each step.
    public static let candidates = 100
    public static let seedWeight: Float = 0.3
    /// The seeds' share of a candidate's score (the previous track has the rest). 0.3 rather than
    /// 0.5 or 0.7: steps keep the groove more often (synthesised grooves with continuous tempi:
    /// 0.907 vs 0.886 / 0.842 of steps; `bench-features playlists`) while the seeds still hold
    /// the list to its start.

    /// Up to `length` rows after the seeds (the seeds themselves are not included), and why the
    /// list stopped early, if it did.
    public static func make(_ space: PlaylistSpace, seeds: [PlaylistSeed], length: Int,
                            limits: PlaylistLimits) throws -> (rows: [Int], shortfall: PlaylistShortfall?) {
        // A seed given twice (the same file, or two versions of one recording) counts once.
        var seen = Set<Int>()
        let seeds = seeds.filter { seed in seed.row.map { seen.insert(space.recordings[$0]).inserted } ?? true }
        guard !seeds.isEmpty, length > 0 else { return ([], nil) }
        var played = Set(seeds.compactMap { $0.row.map { space.recordings[$0] } })
        var artists: [String: Int] = [:]
        for seed in seeds { if let row = seed.row, let a = space.artists[row] { artists[a, default: 0] += 1 } }
        let centre = Self.mean(seeds.map(\.vector))
        var previous = (vector: seeds.last!.vector, tempo: seeds.last!.tempo, row: seeds.last!.row)
        let centreRow = seeds.count == 1 ? seeds[0].row : nil
        var rows: [Int] = []
        var seedSimilarity: [Int: Float] = [:]
        while rows.count < length {
            let pool = Self.sortedUnique(try space.near(row: previous.row, vector: previous.vector, k: candidates)
                                         + space.near(row: centreRow, vector: centre, k: candidates))
            var best: (score: Float, row: Int)?, sameArtist: (score: Float, row: Int)?
            let lastArtist = previous.row.flatMap { space.artists[$0] }
            for row in pool where !played.contains(space.recordings[row]) {
                guard TempoStep.relative(from: previous.tempo, to: space.tempos[row]) <= limits.maxTempoStep + 1e-9 else { continue }
                if limits.maxPerArtist > 0, let a = space.artists[row], artists[a, default: 0] >= limits.maxPerArtist { continue }
                // Similarity to the seeds does not change from step to step: computed once per row.
                let toSeeds = seedSimilarity[row] ?? {
                    let s = seeds.reduce(Float(0)) { $0 + space.index.dot(row, $1.vector) } / Float(seeds.count)
                    seedSimilarity[row] = s
                    return s
                }()
                let score = (1 - seedWeight) * space.index.dot(row, previous.vector) + seedWeight * toSeeds
                if lastArtist != nil && space.artists[row] == lastArtist {
                    if sameArtist == nil || score > sameArtist!.score { sameArtist = (score, row) }
                } else if best == nil || score > best!.score {
                    best = (score, row)
                }
            }
            guard let next = best ?? sameArtist else {
                if played.count >= space.recordingCount {
                    return (rows, PlaylistShortfall(message: "stopped after \(rows.count) of \(length) tracks: every track of the catalog is in the list"))
                }
                return (rows, PlaylistShortfall(message: "stopped after \(rows.count) of \(length) tracks: no unplayed track among the nearest is within \(Int((limits.maxTempoStep * 100).rounded())) % of the last tempo\(limits.maxPerArtist > 0 ? " and under \(limits.maxPerArtist) per artist" : ""); raise --max-tempo-step or --max-per-artist"))
            }
            rows.append(next.row)
            played.insert(space.recordings[next.row])
            if let a = space.artists[next.row] { artists[a, default: 0] += 1 }
            previous = (space.index.storedVector(next.row), space.tempos[next.row], next.row)
        }
        return (rows, nil)
    }

    /// The distinct values of `rows`, ascending: a sort of about 100 rows, no hashing (a build makes
    /// every track's radio, step by step).
    static func sortedUnique(_ rows: [Int]) -> [Int] {
        var out = rows.sorted()
        var kept = 0
        for row in out where kept == 0 || out[kept - 1] != row {
            out[kept] = row
            kept += 1
        }
        out.removeSubrange(kept...)
        return out
    }

    /// The unit mean of unit vectors (the first when they cancel out).
    static func mean(_ vectors: [[Float]]) -> [Float] {
        var m = [Float](repeating: 0, count: vectors.first?.count ?? 0)
        for v in vectors { for i in m.indices where i < v.count { m[i] += v[i] } }
        let norm = m.reduce(0) { $0 + $1 * $1 }.squareRoot()
        return norm > 1e-6 ? m.map { $0 / norm } : (vectors.first ?? m)
    }
}
