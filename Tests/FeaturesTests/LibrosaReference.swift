import Foundation

/// The librosa 0.11 reference values in `Fixtures/librosa_reference.json`, made by
/// `Fixtures/make_librosa_fixtures.py`, and the analytic signals they were computed from.
struct LibrosaReference: Decodable {
    struct Signal: Decodable {
        let first_samples: [Double]
        let n_frames: Int
        let mel_frame_index: Int
        let mfcc: [[Double]]
        let mel_db_frame: [Double]
        let onset_strength: [Double]
        let mfcc40_mean: [Double]
        let float32_vs_float64: [String: Double]
    }
    let sample_rate: Int
    let n_samples: Int
    let signals: [String: Signal]

    static func load() throws -> LibrosaReference {
        guard let url = Bundle.module.url(forResource: "librosa_reference", withExtension: "json") else {
            throw CocoaError(.fileNoSuchFile)
        }
        return try JSONDecoder().decode(LibrosaReference.self, from: Data(contentsOf: url))
    }

    static let names = ["sine440", "chord", "chirp", "clicks", "noise", "am_noise"]

    /// The signal `name`, generated exactly as the Python script does (float64, one rounding).
    static func signal(_ name: String, sr: Int = 22_050, count: Int = 22_050) -> [Float] {
        let srD = Double(sr)
        func tone(_ f: Double, _ n: Int) -> Double { sin(2.0 * Double.pi * f * Double(n) / srD) }
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        func uniform() -> Double {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            z ^= z >> 31
            return Double(z >> 40) / 16_777_216.0 - 0.5
        }
        return (0..<count).map { n -> Float in
            let t = Double(n) / srD
            let v: Double
            switch name {
            case "sine440": v = 0.5 * tone(440, n)
            case "chord": v = 0.3 * tone(220, n) + 0.2 * tone(330, n) + 0.1 * tone(1760, n)
            case "chirp": v = 0.5 * sin(2.0 * Double.pi * (100.0 * t + 0.5 * (4000.0 - 100.0) * t * t))
            case "clicks": v = (n > 0 && n % 2205 == 0 && n / 2205 <= 9 ? 1.0 : 0.0) + 0.01 * tone(1000, n)
            case "noise": v = uniform()
            case "am_noise": v = uniform() * (0.5 + 0.5 * sin(2.0 * Double.pi * 4.0 * t))
            default: v = 0
            }
            return Float(v)
        }
    }
}
