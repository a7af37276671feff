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
                    if block.isFull || t == power.rows - 1 {
                        apply(block, into: o.baseAddress! + (t + 1 - block.count) * bands)
                        block.clear()
                    }
                }
            }
        }
        return out
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
                    let columns = UnsafeRawPointer(block.storage)
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

/// Up to eight power spectra stored bin-major (`bins × 8`, frame j in lane j), the layout
/// ``MelFilterbank`` reads eight frames at a time from. Owns its buffer: make one per call.
struct FrameBlock: ~Copyable {
    static let lanes = 8
    let bins: Int
    let storage: UnsafeMutablePointer<SIMD8<Float>>
    private(set) var count = 0

    init(bins: Int) {
        self.bins = bins
        storage = .allocate(capacity: bins)
        storage.initialize(repeating: SIMD8(), count: bins)
    }

    deinit { storage.deallocate() }

    var isFull: Bool { count == Self.lanes }

    /// Adds one frame of `bins` values as the next lane.
    mutating func add(_ frame: UnsafePointer<Float>) {
        precondition(count < Self.lanes, "frame block is full")
        var dst = UnsafeMutableRawPointer(storage).assumingMemoryBound(to: Float.self) + count
        var src = frame
        let end = frame + bins
        while src < end {
            dst.pointee = src.pointee
            dst += Self.lanes
            src += 1
        }
        count += 1
    }

    /// Adds the next lane by letting `write` fill it: `write` gets lane j's first value; bin k
    /// goes `k · lanes` floats further.
    mutating func fill(_ write: (UnsafeMutablePointer<Float>) -> Void) {
        precondition(count < Self.lanes, "frame block is full")
        write(UnsafeMutableRawPointer(storage).assumingMemoryBound(to: Float.self) + count)
        count += 1
    }

    mutating func clear() { count = 0 }
}
