import Foundation
import NeighbourIndex

/// A smooth route from one track to another: `steps` transitions through `steps − 1` tracks in
/// between, each a near neighbour of the one before, with the tempo moving monotonically from the
/// first track's to the last's.
///
/// Searches the vectors, not the stored top-k lists (which may not connect two distant tracks):
/// at step i the route aims at `w_i = (1 − i/steps) · a + (i/steps) · b` (made unit length, the
/// straight line between the two ends, as AudioMuse's song path interpolates centroids) and at the
/// tempo `t_i = t_a · (t_b / t_a)^(i/steps)` (geometric, octave-folded), and takes, among all
/// tracks, the one with the highest `cos(x, w_i) + cos(x, previous) − scheduleWeight · |log2(t_x / t_i)|`
/// that is new (nor a version of a track on the route), within ``PlaylistLimits/maxTempoStep`` of
/// the previous tempo and of `t_i`, does not turn the tempo back (steps against the overall
/// direction of more than 1 % are refused), leaves the rest of the way reachable and keeps the
/// artist rules (cap; not the artist just played, nor at the last step TO's, while another track is
/// left). Deterministic; ties go to the lower row.
public enum Route {
    /// The cost of one octave off the tempo schedule, in units of cosine similarity (6 % off costs
    /// about 0.34): keeps a route on schedule so later steps still find tracks (`bench-features
    /// playlists`: routes found between random pairs of synthesised grooves with continuous tempi
    /// 94.5 % → 96.0 %, of the arrangements 96.0 % → 97.0 %; the site's route page uses the same).
    public static let scheduleWeight = 4.0
    /// The rows between `from` and `to` (both excluded), or why no route exists within the limits.
    public static func find(_ space: PlaylistSpace, from: PlaylistSeed, to: PlaylistSeed, steps: Int,
                            limits: PlaylistLimits) throws -> Result<[Int], PlaylistShortfall> {
        guard steps >= 1 else { return .failure(PlaylistShortfall(message: "--steps must be at least 1")) }
        if let a = from.row, let b = to.row, space.recordings[a] == space.recordings[b] {
            return .failure(PlaylistShortfall(message: "FROM and TO are the same recording: choose two different tracks"))
        }
        guard let total = TempoStep.octaves(from: from.tempo, to: to.tempo) else {
            return .failure(PlaylistShortfall(message: "one end has a steady beat and the other none: no tempo path joins them"))
        }
        // The smallest per-step change that reaches the far tempo in `steps` steps.
        let needed = exp2(abs(total) / Double(steps)) - 1
        if needed > limits.maxTempoStep + 1e-9 {
            var message = String(format: "the tempi are %.0f %% apart (octave-folded): %d steps need a tempo step of %.1f %%; raise --max-tempo-step to %.1f",
                                 (exp2(abs(total)) - 1) * 100, steps, needed * 100, needed * 100 + 0.05)
            if limits.maxTempoStep > 0 {
                let fewest = (abs(total) / log2(1 + limits.maxTempoStep)).rounded(.up)
                if fewest <= 1_000 { message += " or --steps to \(Int(fewest))" }
            }
            return .failure(PlaylistShortfall(message: message))
        }
        var used = Set([from.row, to.row].compactMap { $0.map { space.recordings[$0] } })
        var artists: [String: Int] = [:]
        for row in [from.row, to.row].compactMap({ $0 }) { if let a = space.artists[row] { artists[a, default: 0] += 1 } }
        var previous: (vector: [Float], tempo: Double, row: Int?) = (from.vector, from.tempo, from.row)
        var rows: [Int] = []
        for i in 1..<steps {
            let f = Float(i) / Float(steps)
            let aim = Radio.mean([zip(from.vector, to.vector).map { (1 - f) * $0 + f * $1 }])
            let target = from.tempo > 0 ? from.tempo * exp2(total * Double(f)) : 0
            let best = step(space, aim: aim, previous: previous, target: target, total: total, to: to, left: steps - i,
                                used: used, artists: artists, limits: limits)
            guard let next = best else {
                return .failure(PlaylistShortfall(message: "no route within the limits: at step \(i) of \(steps) no new track in the catalog keeps the tempo within \(Int((limits.maxTempoStep * 100).rounded())) % and moving towards the end\(limits.maxPerArtist > 0 ? " under \(limits.maxPerArtist) per artist" : ""); raise --max-tempo-step\(limits.maxPerArtist > 0 ? " or --max-per-artist" : "") or change --steps"))
            }
            rows.append(next.row)
            used.insert(space.recordings[next.row])
            if let a = space.artists[next.row] { artists[a, default: 0] += 1 }
            previous = (space.index.storedVector(next.row), space.tempos[next.row], next.row)
        }
        return .success(rows)
    }

    /// The best next track of the whole catalog that keeps every limit, or nil. Every track is
    /// scored (n · d per step: 0.4 G multiply-adds for a route of 10 over 100,000 tracks), as the
    /// site's route page does, so the two agree.
    static func step(_ space: PlaylistSpace, aim: [Float], previous: (vector: [Float], tempo: Double, row: Int?), target: Double,
                     total: Double, to: PlaylistSeed, left: Int, used: Set<Int>, artists: [String: Int],
                     limits: PlaylistLimits) -> (score: Float, row: Int)? {
        var best: (score: Float, row: Int)?, sameArtist: (score: Float, row: Int)?
        let lastArtist = previous.row.flatMap { space.artists[$0] }
        // At the last step the next track is TO: its artist must not come twice in a row either.
        let nextArtist = left == 1 ? to.row.flatMap { space.artists[$0] } : nil
        for row in 0..<space.count where !used.contains(space.recordings[row]) {
            guard let step = TempoStep.octaves(from: previous.tempo, to: space.tempos[row]),
                  exp2(abs(step)) - 1 <= limits.maxTempoStep + 1e-9,
                  total == 0 ? abs(step) <= log2(1.01) : step * total.sign.factor >= -log2(1.01) else { continue }
            // On schedule: within one step of the tempo this step aims at, so the route neither
            // races to the far tempo (and runs out of tracks there) nor lags behind.
            guard let late = TempoStep.octaves(from: target, to: space.tempos[row]),
                  exp2(abs(late)) - 1 <= limits.maxTempoStep + 1e-9 else { continue }
            // The rest of the way must stay reachable: what is left within the remaining steps.
            guard let rest = TempoStep.octaves(from: space.tempos[row], to: to.tempo),
                  exp2(abs(rest) / Double(left)) - 1 <= limits.maxTempoStep + 1e-9,
                  total == 0 ? abs(rest) <= log2(1.01) : rest * total.sign.factor >= -log2(1.01) else { continue }
            if limits.maxPerArtist > 0, let a = space.artists[row], artists[a, default: 0] >= limits.maxPerArtist { continue }
            // Off the tempo schedule costs: a route that lags or races leaves later steps no track.
            let score = space.index.dot(row, aim) + space.index.dot(row, previous.vector) - Float(scheduleWeight * abs(late))
            if let a = space.artists[row], a == lastArtist || a == nextArtist {
                if sameArtist == nil || score > sameArtist!.score { sameArtist = (score, row) }
            } else if best == nil || score > best!.score {
                best = (score, row)
            }
        }
        return best ?? sameArtist
    }
}

extension FloatingPointSign {
    /// +1 or −1.
    var factor: Double { self == .minus ? -1 : 1 }
}
