import AudioIO
import Features
import Foundation

/// Decode + features for one file: the single code path `build`, `query` and `features` share.
///
/// Holds a ``FeatureExtractor`` (FFT plans, tables): one analyzer per worker thread.
public final class TrackAnalyzer {
    public let parameters: FeatureParameters
    /// Decode at most this many seconds from the start of each file (`nil`: all of it).
    public let maxSeconds: Double?
    let decoder: AudioDecoder
    let extractor: FeatureExtractor

    public init(parameters: FeatureParameters = FeatureParameters(), maxSeconds: Double? = nil) {
        self.parameters = parameters
        self.maxSeconds = maxSeconds
        decoder = AudioDecoder(targetRate: parameters.sampleRate)
        extractor = FeatureExtractor(parameters: parameters)
    }

    /// The result of analysing one file.
    public struct Analysis: Sendable {
        public let info: AudioInfo
        public let features: TrackFeatures
        public let detail: AnalysisDetail
    }

    /// Shortest clip worth analysing, in seconds (one bar at 60 BPM).
    public static let minimumSeconds = 4.0

    /// Decodes and analyses `path`.
    /// - Throws: ``AudioError`` for undecodable files; ``CatalogError`` (`.analysis`) for clips too short
    ///   or silent to describe.
    public func analyze(path: String) throws -> Analysis {
        let audio = try decoder.decode(path: path, maxDuration: maxSeconds)
        if audio.duration < Self.minimumSeconds {
            throw CatalogError(.analysis, path: path, String(format: "too short (%.2f s; at least %.0f s needed)", audio.duration, Self.minimumSeconds))
        }
        let peak = audio.peak
        if peak < 1e-4 {
            throw CatalogError(.analysis, path: path, String(format: "silent (peak %.1f dBFS)", 20 * log10(max(Double(peak), 1e-12))))
        }
        let (features, detail) = extractor.extract(audio.samples)
        return Analysis(info: audio.info, features: features, detail: detail)
    }
}

extension TrackAnalyzer {
    /// The largest |sample| of `x` (NaN ignored; 0 for an empty array), eight lanes at a time.
    public static func peak(_ x: [Float]) -> Float {
        x.withUnsafeBufferPointer { Peak.of($0) }
    }
}
