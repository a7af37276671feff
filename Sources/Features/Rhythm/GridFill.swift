/// Beat-grid fill: how much of a metrical grid carries strong onsets (stage 1 and 2 of
/// ``TempoEstimator``).
extension TempoEstimator {
    /// How fully a beat grid of `period` frames is occupied by accents: the mean over grid
    /// points of `min(1, accent / cap)`. 1 when every beat carries a strong onset; lower when
    /// beats are empty.
    ///
    /// The grid is fitted locally: the signal is cut into equal windows of about
    /// ``fillWindowSeconds`` (at least four periods), each takes its own best phase, and the
    /// period is tried at ``fillPeriodOffsets`` around `period` (the best is kept). One grid
    /// over a whole track drifts off the onsets when the period is off by a fraction of a grid
    /// step (up to 0.36 %, 0.65 s over a 3-minute track; 120 BPM sits 0.11 % from its nearest
    /// grid point, 0.2 s), or when a performance drifts slowly in tempo (a few tenths of a
    /// percent over a track are followed; larger drifts still lower the fill). Then a true beat
    /// level scores as empty while a level that happens to sit exactly on a grid point keeps its
    /// phase: on full-length recordings at an exact 120 BPM that made the non-metrical 80 BPM
    /// (three eighths, exactly on the grid) win over 120.
    static func fill(_ a: [Float], period: Double, frameRate: Double) -> Double {
        let m = a.withUnsafeBufferPointer { dilate($0) }
        return m.withUnsafeBufferPointer { fill(dilated: $0, period: period, frameRate: frameRate) }
    }

    /// ``fill(_:period:frameRate:)`` of a signal already passed through ``dilate(_:)``, so a
    /// search over many periods dilates once.
    static func fill(dilated p: UnsafeBufferPointer<Float>, period: Double, frameRate: Double) -> Double {
        guard period >= 2, frameRate > 0, Double(p.count) > 2 * period else { return 0 }
        // Equal windows of about fillWindowSeconds, each at least four periods long.
        let byLength = (Double(p.count) / (fillWindowSeconds * frameRate)).rounded()
        let windows = max(1, min(Int(byLength), Int(Double(p.count) / (4 * period))))
        let starts = (0..<windows).map { $0 * p.count / windows }
        var best = 0.0
        for offset in fillPeriodOffsets {
            let q = period * (1 + offset)
            var total = 0.0, points = 0.0
            for (k, start) in starts.enumerated() {
                let end = k + 1 < starts.count ? starts[k + 1] : p.count
                let g = gridMean(dilated: UnsafeBufferPointer(rebasing: p[start..<end]), period: q)
                let n = Double(end - start) / q
                total += g.mean * n
                points += n
            }
            if points > 0 { best = max(best, total / points) }
        }
        return best
    }

    /// Window length in seconds for ``fill(_:period:frameRate:)`` (about 60 beats at 120 BPM).
    static let fillWindowSeconds = 30.0
    /// Relative period offsets tried by ``fill(_:period:frameRate:)``: a third of a grid step
    /// (2^(1/96) − 1 ≈ 0.72 %) either side, so the period is within 0.12 % of the best.
    static let fillPeriodOffsets = [-0.0024, 0, 0.0024]

    /// Mean of `a` on the grid `phase + k·period` (each point the peak within ±1 frame, which
    /// tolerates rounding and humanised timing), for the given phase or, when `phase` is nil,
    /// the best one; ≥ 0. Shared by ``fill(_:period:frameRate:)`` and ``MetricalLevelEvidence``.
    static func gridMean(_ a: [Float], period: Double, phase: Int? = nil) -> (mean: Double, phase: Int) {
        let m = a.withUnsafeBufferPointer { dilate($0) }
        return m.withUnsafeBufferPointer { gridMean(dilated: $0, period: period, phase: phase) }
    }

    /// ``gridMean(_:period:phase:)`` of a dilated signal: grid points read it at the nearest frame.
    static func gridMean(dilated p: UnsafeBufferPointer<Float>, period: Double, phase: Int? = nil) -> (mean: Double, phase: Int) {
        guard period >= 1, p.count > 1 else { return (0, 0) }
        let phases = phase.map { $0...$0 } ?? 0...(Int(period.rounded(.up)) - 1)
        let limit = Double(p.count - 1)
        var best = (mean: 0.0, phase: phases.lowerBound)
        for ph in phases {
            var sum = 0.0, count = 0
            var t = Double(ph)
            while t < limit {
                // Int(t + 0.5) is t rounded half up for t ≥ 0, one instruction; `rounded()`
                // is a libm call on baseline x86-64.
                sum += Double(p[Int(t + 0.5)])
                count += 1
                t += period
            }
            if count > 0 && sum / Double(count) > best.mean { best = (sum / Double(count), ph) }
        }
        return best
    }

    /// `m[i] = max(a[i − 1], a[i], a[i + 1])` (neighbours that exist): the peak within ±1 frame.
    static func dilate(_ a: UnsafeBufferPointer<Float>) -> [Float] {
        guard a.count > 1 else { return Array(a) }
        var m = [Float](repeating: 0, count: a.count)
        m[0] = max(a[0], a[1])
        for i in 1..<(a.count - 1) { m[i] = max(a[i - 1], max(a[i], a[i + 1])) }
        m[a.count - 1] = max(a[a.count - 2], a[a.count - 1])
        return m
    }
}
