import Features

/// "Versions": files of the same recording (identical bytes, or the same audio in another
/// encoding, level or sample rate). They are never each other's recommendations and are listed
/// together. Two sections of one piece, or two takes of one groove, are not versions.
///
/// A pair is a version pair when all of:
/// - it is close in the similarity space (cosine distance ≤ ``gate``): a cheap first filter, so
///   only a track's shortlist is fingerprinted;
/// - the files last as long as each other (within max(0.5 s, ``durationTolerance`` of the longer));
/// - their ``Fingerprint``s differ in at most ``maxBitErrorRate`` of bits at the best alignment
///   within ±``maxShiftSeconds`` (codec delays; short enough that a loop-based piece repeating every bar does not align with a later section of itself).
///
/// The threshold is calibrated by `bench-features versions` (`bench/RESULTS.md`): FLAC, MP3 128 k,
/// Opus 64 k, −12 dB and 48 kHz copies of a clip against two sections of one piece and other takes
/// of one groove.
public enum Versions {
    public static let gate = 0.2
    public static let durationTolerance = 0.01
    public static let maxBitErrorRate = 0.16
    public static let maxShiftSeconds = 0.5

    /// What the test reads of a track.
    public struct Evidence: Sendable {
        public var duration: Double
        public var fingerprint: [UInt32]
        public init(duration: Double, fingerprint: [UInt32]) {
            self.duration = duration
            self.fingerprint = fingerprint
        }
    }

    /// The largest fingerprint shift tried, in words, at `frameRate` STFT frames per second.
    public static func maxShift(frameRate: Double) -> Int {
        Int((maxShiftSeconds * frameRate / Double(Fingerprint.stride)).rounded(.up))
    }

    /// Whether `a` and `b`, at cosine distance `distance`, are versions of one recording.
    public static func same(_ a: Evidence, _ b: Evidence, distance: Double, frameRate: Double) -> Bool {
        guard distance <= gate else { return false }
        guard abs(a.duration - b.duration) <= max(0.5, durationTolerance * max(a.duration, b.duration)) else { return false }
        return Fingerprint.bitErrorRate(a.fingerprint, b.fingerprint, maxShift: maxShift(frameRate: frameRate), enough: maxBitErrorRate) <= maxBitErrorRate
    }
}
