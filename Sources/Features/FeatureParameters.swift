/// Every parameter that changes extracted features. Stored in a catalog so a later `query`
/// extracts identically; ``version`` changes whenever extracted values change.
public struct FeatureParameters: Codable, Sendable, Equatable, Hashable {
    /// Bumped whenever extracted values change, in definition or only in rounding (an FFT
    /// plan): invalidates caches, so cached and fresh builds stay byte-identical, and catalogs.
    public static let currentVersion = 9

    public var version: Int = FeatureParameters.currentVersion
    /// Analysis sample rate in Hz (librosa default 22,050).
    public var sampleRate: Int = 22_050
    /// STFT size in samples (2048 ≈ 93 ms at 22,050 Hz).
    public var nFFT: Int = 2_048
    /// STFT hop in samples (512 ≈ 23.2 ms, 43.07 frames/s).
    public var hop: Int = 512
    /// Mel bands (librosa default 128).
    public var melBands: Int = 128
    /// MFCCs kept (20 default; 40 reproduces the original project).
    public var mfccCount: Int = 20
    /// Tempo search range in BPM.
    public var minBPM: Double = 40
    public var maxBPM: Double = 240
    /// Segment window and hop, in seconds, for segment-level descriptors.
    public var segmentSeconds: Double = 6
    public var segmentHopSeconds: Double = 3

    public init() {}

    /// STFT frames per second.
    public var frameRate: Double { Double(sampleRate) / Double(hop) }

    /// Checks ranges up front; returns a message for the first bad value.
    public func validationError() -> String? {
        if sampleRate < 4_000 { return "sample rate must be ≥ 4000 Hz" }
        if nFFT < 64 || nFFT % 2 != 0 { return "n_fft must be even and ≥ 64" }
        if hop <= 0 || hop > nFFT { return "hop must be in 1…n_fft" }
        if melBands < 8 { return "mel bands must be ≥ 8" }
        if mfccCount < 2 || mfccCount > melBands { return "MFCC count must be in 2…mel bands" }
        if !(minBPM > 0 && maxBPM > minBPM * 2) { return "tempo range must span at least one octave" }
        if !(minBPM >= 10 && maxBPM <= 2_000) { return "tempo range must lie within 10…2000 BPM" }
        if !(segmentSeconds >= 0.5 && segmentHopSeconds >= 0.5 && segmentSeconds <= 3_600 && segmentHopSeconds <= 3_600) {
            return "segment window and hop must be 0.5…3600 s"
        }
        if sampleRate > 384_000 || nFFT > 1 << 16 || melBands > 1_024 { return "sample rate, n_fft or mel bands out of range" }
        return nil
    }
}
