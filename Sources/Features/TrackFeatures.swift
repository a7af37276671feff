/// Everything the catalog keeps about one clip (compact and `Codable`, so it can be cached).
public struct TrackFeatures: Sendable, Codable, Equatable {
    /// Analysed duration in seconds.
    public var duration: Double
    /// Beat tempo in BPM (0 when none was found) and its confidence in [0, 1].
    public var tempo: Double
    public var tempoConfidence: Double
    /// Beat times in seconds (dynamic-programming tracker).
    public var beats: [Double]
    /// Per-coefficient mean and standard deviation of the MFCCs over time.
    public var mfccMean: [Float]
    public var mfccStd: [Float]
    /// Mean onset strength (full band), a rough "busyness" summary.
    public var onsetMean: Float
    /// The raw, unstandardised descriptor (see ``DescriptorLayout``).
    public var descriptor: [Float]
    /// Segment descriptors over sliding windows.
    public var segments: [Segment]
    /// The first 30 s as a ``Fingerprint`` (tells versions of one recording apart from look-alikes).
    public var fingerprint: [UInt32]

    public struct Segment: Sendable, Codable, Equatable {
        public var start: Double
        public var end: Double
        public var descriptor: [Float]

        public init(start: Double, end: Double, descriptor: [Float]) {
            self.start = start
            self.end = end
            self.descriptor = descriptor
        }
    }

    public init(duration: Double, tempo: Double, tempoConfidence: Double, beats: [Double], mfccMean: [Float],
                mfccStd: [Float], onsetMean: Float, descriptor: [Float], segments: [Segment], fingerprint: [UInt32] = []) {
        self.duration = duration
        self.tempo = tempo
        self.tempoConfidence = tempoConfidence
        self.beats = beats
        self.mfccMean = mfccMean
        self.mfccStd = mfccStd
        self.onsetMean = onsetMean
        self.descriptor = descriptor
        self.segments = segments
        self.fingerprint = fingerprint
    }
}

/// Transient detail for plots: too large to cache, recomputed when plots are redrawn.
public struct AnalysisDetail: Sendable {
    /// MFCCs, coefficient-major `mfccCount × frames`.
    public let mfcc: Matrix
    /// Full-band onset strength per frame.
    public let onsetEnvelope: [Float]
    public let frameRate: Double
    public let tempo: TempoEstimate
}
