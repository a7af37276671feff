import Foundation

/// A mel filterbank with the Slaney (Auditory Toolbox) mel scale and area normalisation:
/// librosa `filters.mel(htk=False, norm="slaney")`.
///
/// Band `m` is a triangle between mel-spaced edges `f[m]`, `f[m+2]` peaking at `f[m+1]`, scaled
/// by `2 / (f[m+2] − f[m])`. Weights are computed in Double, stored as Float (as librosa).
/// Stored sparsely: each band keeps only its non-zero bin range.
/// Reference: Slaney, *Auditory Toolbox* v2, 1998.
public struct MelFilterbank: Sendable {
    public let bands: Int
    public let bins: Int
    /// First non-zero bin of each band.
    let start: [Int]
    /// Weights of each band from `start[m]`, concatenated; `offset[m]` indexes into it.
    let weights: [Float]
    let offset: [Int]

    public init(sampleRate: Int, nFFT: Int, bands: Int = 128, fmin: Double = 0, fmax: Double? = nil) {
        self.bands = bands
        let bins = nFFT / 2 + 1
        self.bins = bins
        let top = fmax ?? Double(sampleRate) / 2
        let melMin = MelFilterbank.hzToMel(fmin), melMax = MelFilterbank.hzToMel(top)
        let edges = (0..<(bands + 2)).map { MelFilterbank.melToHz(melMin + (melMax - melMin) * Double($0) / Double(bands + 1)) }
        let freqs = (0..<bins).map { Double(sampleRate) / 2 * Double($0) / Double(bins - 1) }
        var start: [Int] = [], weights: [Float] = [], offset: [Int] = []
        for m in 0..<bands {
            let lowerWidth = edges[m + 1] - edges[m], upperWidth = edges[m + 2] - edges[m + 1]
            let norm = 2 / (edges[m + 2] - edges[m])
            var row: [Float] = []
            var first = -1
            for (k, f) in freqs.enumerated() {
                let lower = (f - edges[m]) / lowerWidth
                let upper = (edges[m + 2] - f) / upperWidth
                let w = max(0, min(lower, upper)) * norm
                if w > 0 {
                    if first < 0 { first = k }
                    // Keep interior zeros so the range stays contiguous.
                    while first + row.count < k { row.append(0) }
                    row.append(Float(w))
                }
            }
            offset.append(weights.count)
            start.append(max(first, 0))
            weights += row
        }
        offset.append(weights.count)
        self.start = start
        self.weights = weights
        self.offset = offset
    }

    /// Centre frequency of each band in Hz.
    public static func centreFrequencies(bands: Int, sampleRate: Int) -> [Double] {
        let melMax = hzToMel(Double(sampleRate) / 2)
        return (1...bands).map { melToHz(melMax * Double($0) / Double(bands + 1)) }
    }

    /// Applies the bank to a frame-major power spectrogram (`frames × bins`) and returns the
    /// mel power spectrogram, frame-major `frames × bands`.
    public func apply(_ power: Matrix) -> Matrix {
        precondition(power.columns == bins, "spectrogram has \(power.columns) bins, bank expects \(bins)")
        var out = Matrix(rows: power.rows, columns: bands)
        var block = FrameBlock(bins: bins)
        power.data.withUnsafeBufferPointer { p in
            out.data.withUnsafeMutableBufferPointer { o in
                for t in 0..<power.rows {
                    block.add(p.baseAddress! + t * bins)
                    flush(&block, after: t, of: power.rows, into: o.baseAddress!)
                }
            }
        }
        return out
    }

    /// Once frame `t` of `frames` is in `block`: when the block is full or `t` is the last
    /// frame, writes the block's mel values to their rows of `out` (frame-major, `frames ×
    /// bands`) and empties it.
    func flush(_ block: inout FrameBlock, after t: Int, of frames: Int, into out: UnsafeMutablePointer<Float>) {
        guard block.isFull || t == frames - 1 else { return }
        apply(block, into: out + (t + 1 - block.count) * bands)
        block.clear()
    }

    /// Applies the bank to the frames in `block` and writes their mel values, frame-major
    /// (`block.count × bands`), to `out`.
    ///
    /// Eight frames at once, one per SIMD lane: each band is a short run of weights, so lanes
    /// over frames keep every lane busy where lanes over bins would mostly hold a remainder.
    /// Each lane sums its band in bin order (the order of a scalar loop), whatever the block.
    func apply(_ block: borrowing FrameBlock, into out: UnsafeMutablePointer<Float>) {
        weights.withUnsafeBufferPointer { w in
            start.withUnsafeBufferPointer { start in
                offset.withUnsafeBufferPointer { offset in
                    let columns = UnsafeRawPointer(block.binMajor())
                    for m in 0..<bands {
                        var acc = SIMD8<Float>()
                        var column = columns + start[m] * MemoryLayout<SIMD8<Float>>.stride
                        for i in offset[m]..<offset[m + 1] {
                            acc += SIMD8(repeating: w[i]) * column.load(as: SIMD8<Float>.self)
                            column += MemoryLayout<SIMD8<Float>>.stride
                        }
                        for j in 0..<block.count { out[j * bands + m] = acc[j] }
                    }
                }
            }
        }
    }

    // Slaney mel scale: linear below 1 kHz (200/3 Hz per mel), logarithmic above.
    static let fSp = 200.0 / 3, minLogHz = 1000.0, minLogMel = 15.0, logStep = log(6.4) / 27

    public static func hzToMel(_ f: Double) -> Double {
        f >= minLogHz ? minLogMel + log(f / minLogHz) / logStep : f / fSp
    }

    public static func melToHz(_ m: Double) -> Double {
        m >= minLogMel ? minLogHz * exp(logStep * (m - minLogMel)) : fSp * m
    }
}

/// Up to eight power spectra, collected frame by frame and read by ``MelFilterbank`` bin-major
/// (`bins × 8`, frame j in lane j). Frames are written contiguously (where the power spectrum
/// is computed with full vectors) and transposed four frames by four bins at a time when the
/// bank reads them. Owns its buffers: make one per call.
struct FrameBlock: ~Copyable {
    static let lanes = 8
    let bins: Int
    /// Frame-major: frame j at `staging + j · bins`.
    private let staging: UnsafeMutablePointer<Float>
    /// Bin-major: bin k's eight frames in `columns[k]`.
    private let columns: UnsafeMutablePointer<SIMD8<Float>>
    private(set) var count = 0

    init(bins: Int) {
        self.bins = bins
        staging = .allocate(capacity: bins * Self.lanes)
        staging.initialize(repeating: 0, count: bins * Self.lanes)
        columns = .allocate(capacity: bins)
        columns.initialize(repeating: SIMD8(), count: bins)
    }

    deinit {
        staging.deallocate()
        columns.deallocate()
    }

    var isFull: Bool { count == Self.lanes }

    /// Adds one frame of `bins` values.
    mutating func add(_ frame: UnsafePointer<Float>) {
        let n = bins
        fill { $0.update(from: frame, count: n) }
    }

    /// Adds the next frame by letting `write` fill its `bins` contiguous values.
    mutating func fill(_ write: (UnsafeMutablePointer<Float>) -> Void) {
        precondition(count < Self.lanes, "frame block is full")
        write(staging + count * bins)
        count += 1
    }

    mutating func clear() { count = 0 }

    /// The frames bin-major (lanes at and past ``count`` hold stale values). Transposes 4 × 4
    /// tiles with two rounds of even/odd lane selection (shuffles, no per-lane stores).
    func binMajor() -> UnsafePointer<SIMD8<Float>> {
        let out = UnsafeMutableRawPointer(columns).assumingMemoryBound(to: Float.self)
        var k = 0
        while k + 4 <= bins {
            for group in 0..<2 {
                let f = 4 * group
                let r0 = UnsafeRawPointer(staging + f * bins + k).loadUnaligned(as: SIMD4<Float>.self)
                let r1 = UnsafeRawPointer(staging + (f + 1) * bins + k).loadUnaligned(as: SIMD4<Float>.self)
                let r2 = UnsafeRawPointer(staging + (f + 2) * bins + k).loadUnaligned(as: SIMD4<Float>.self)
                let r3 = UnsafeRawPointer(staging + (f + 3) * bins + k).loadUnaligned(as: SIMD4<Float>.self)
                let ab = SIMD8(lowHalf: r0, highHalf: r1), cd = SIMD8(lowHalf: r2, highHalf: r3)
                let even = SIMD8(lowHalf: ab.evenHalf, highHalf: cd.evenHalf) // bins k, k+2
                let odd = SIMD8(lowHalf: ab.oddHalf, highHalf: cd.oddHalf) // bins k+1, k+3
                let base = UnsafeMutableRawPointer(out + k * Self.lanes + f)
                base.storeBytes(of: even.evenHalf, as: SIMD4<Float>.self)
                base.storeBytes(of: odd.evenHalf, toByteOffset: 32, as: SIMD4<Float>.self)
                base.storeBytes(of: even.oddHalf, toByteOffset: 64, as: SIMD4<Float>.self)
                base.storeBytes(of: odd.oddHalf, toByteOffset: 96, as: SIMD4<Float>.self)
            }
            k += 4
        }
        while k < bins {
            for j in 0..<Self.lanes { out[k * Self.lanes + j] = staging[j * bins + k] }
            k += 1
        }
        return UnsafePointer(columns)
    }
}
