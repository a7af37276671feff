/// A robust audio fingerprint: tells two files of the *same recording* (another codec, level or
/// sample rate) from two recordings that merely sound alike (two sections of one piece, two takes
/// of one groove).
///
/// After Haitsma & Kalker, *A highly robust audio fingerprinting system*, ISMIR 2002: per time
/// step n one 32-bit word whose bit m is the sign of the energy difference between neighbouring
/// bands m, m+1, differenced in time:
///
///     F(n, m) = 1  ⇔  [E(n, m) − E(n, m+1)] − [E(n−1, m) − E(n−1, m+1)] > 0
///
/// Here E is the dB mel energy in 33 bands spanning 300–3,000 Hz, averaged over a sliding window
/// of ``window`` STFT frames (≈ 0.19 s at the default hop) taken every ``stride`` frames (≈ 46 ms):
/// signs of differences ignore gain, and resampling and perceptual codecs keep the coarse spectral
/// shape, so versions of one recording differ in ≈ 5–20 % of bits while unrelated audio differs in
/// ≈ 50 % (``bitErrorRate(_:_:maxShift:)``). Only the first ``seconds`` seconds are kept (≈ 2.6 KB).
public enum Fingerprint {
    /// Bits per word (bands − 1).
    public static let bits = 32
    /// Band range in Hz (the original's 300–2,000 Hz, extended to 3 kHz for our 22 kHz analysis).
    public static let range: (Double, Double) = (300, 3_000)
    /// Frames averaged per step, and frames between steps.
    public static let window = 8
    public static let stride = 2
    /// Seconds of audio fingerprinted, from the start of the analysed audio.
    public static let seconds = 30.0

    /// Fingerprint words of a frame-major dB mel spectrogram (`frames × bands`) whose band centres
    /// are `centres` (Hz), at `frameRate` frames per second. Empty when fewer than two steps fit or
    /// fewer than 2 mel bands lie in ``range``.
    public static func compute(melDB: Matrix, centres: [Double], frameRate: Double) -> [UInt32] {
        let inRange = centres.indices.filter { centres[$0] >= range.0 && centres[$0] < range.1 }
        guard let first = inRange.first, inRange.count >= 2 else { return [] }
        let groups = min(bits + 1, inRange.count)
        let frames = min(melDB.rows, Int(seconds * frameRate))
        let steps = frames >= window ? (frames - window) / stride + 1 : 0
        guard steps >= 2 else { return [] }
        // Per-frame energy of each group: the mean dB of its mel bands.
        var energy = [Float](repeating: 0, count: frames * groups)
        for t in 0..<frames {
            for g in 0..<groups {
                let lo = first + g * inRange.count / groups, hi = first + (g + 1) * inRange.count / groups
                var s: Float = 0
                for b in lo..<hi { s += melDB[t, b] }
                energy[t * groups + g] = s / Float(hi - lo)
            }
        }
        var previous = [Float](repeating: 0, count: groups), current = previous
        var words: [UInt32] = []
        words.reserveCapacity(steps - 1)
        for n in 0..<steps {
            for g in 0..<groups {
                var s: Float = 0
                for t in (n * stride)..<(n * stride + window) { s += energy[t * groups + g] }
                current[g] = s / Float(window)
            }
            if n > 0 {
                var word: UInt32 = 0
                for m in 0..<(groups - 1) where (current[m] - current[m + 1]) - (previous[m] - previous[m + 1]) > 0 {
                    word |= 1 << UInt32(m)
                }
                words.append(word)
            }
            swap(&previous, &current)
        }
        return words
    }

    /// The fewest words two fingerprints must share (at their best alignment) to be compared
    /// (≈ 3 s): shorter overlaps say too little.
    public static let minimumOverlap = 64

    /// The smallest share of differing bits between `a` and `b` over relative shifts of up to
    /// `maxShift` words either way, counting only positions where at least one word is non-zero
    /// (digital silence carries no information). 0.5 when they cannot be compared (too short, or
    /// fewer than ``minimumOverlap`` informative positions at every shift). With `enough`, it returns
    /// as soon as a shift reaches it (a yes/no test needs no better shift).
    public static func bitErrorRate(_ a: [UInt32], _ b: [UInt32], maxShift: Int, enough: Double = -1) -> Double {
        var best = 0.5
        guard !a.isEmpty, !b.isEmpty else { return best }
        // A yes/no test (`enough` given) rejects unrelated audio on the first 2 × minimumOverlap words
        // first: versions differ in ≈ 5–20 % of bits there too, unrelated audio in ≈ 50 %.
        if enough >= 0, a.count > 3 * minimumOverlap, b.count > 3 * minimumOverlap {
            let probe = bitErrorRate(Array(a.prefix(2 * minimumOverlap + maxShift)), Array(b.prefix(2 * minimumOverlap + maxShift)), maxShift: maxShift)
            if probe > max(0.35, 2 * enough) { return probe }
        }
        for shift in -maxShift...maxShift {
            // Word i of a meets word i + shift of b.
            let start = max(0, -shift), end = min(a.count, b.count - shift)
            guard end - start >= minimumOverlap else { continue }
            var differing = 0, informative = 0
            for i in start..<end {
                let x = a[i], y = b[i + shift]
                if x | y != 0 {
                    informative += 1
                    differing += (x ^ y).nonzeroBitCount
                }
            }
            guard informative >= minimumOverlap else { continue }
            best = min(best, Double(differing) / Double(informative * bits))
            if best <= enough { return best }
        }
        return best
    }
}
