import Foundation

/// Beat positions by dynamic programming, after Ellis, *Beat tracking by dynamic
/// programming*, JNMR 36(1), 2007 (librosa `beat.beat_track`).
///
/// Maximises Σ accent(beatᵢ) − α Σ log²(Δᵢ / period) over beat sequences; α is the tightness
/// (librosa uses 100). Returns beat frame indices, increasing.
public enum BeatTracker {
    public static func track(accent: [Float], period: Double, tightness: Double = 100) -> [Int] {
        let n = accent.count
        guard period >= 1, n > Int(2 * period) else { return [] }
        // Smooth the accent with a Gaussian of width period/32 and normalise (Ellis §3.2).
        let sd = accent.reduce(0) { $0 + Double($1) * Double($1) }.squareRoot() / Double(n).squareRoot()
        let local = accent.map { sd > 0 ? Double($0) / sd : 0 }
        var score = [Double](repeating: 0, count: n)
        var back = [Int](repeating: -1, count: n)
        let lo = Int((period / 2).rounded()), hi = Int((2 * period).rounded())
        // The transition penalty depends only on the interval: one table per clip, as librosa's
        // `txwt`, instead of a log per (frame, predecessor) pair.
        let penalty = (0...max(hi, lo)).map { interval -> Double in
            let d = log(Double(interval) / period)
            return tightness * d * d
        }
        for t in 0..<n {
            var best = -Double.infinity, arg = -1
            if t >= lo {
                for prev in max(0, t - hi)...(t - lo) {
                    let s = score[prev] - penalty[t - prev]
                    if s > best { best = s; arg = prev }
                }
            }
            if arg >= 0 && best > 0 {
                score[t] = local[t] + best
                back[t] = arg
            } else {
                score[t] = local[t]
            }
        }
        // Start the backtrace from the best-scoring frame in the last period.
        let tailStart = max(0, n - Int(period.rounded()))
        var t = (tailStart..<n).max { score[$0] < score[$1] || (score[$0] == score[$1] && $0 > $1) } ?? n - 1
        var beats: [Int] = []
        while t >= 0 {
            beats.append(t)
            t = back[t]
        }
        return beats.reversed()
    }
}
