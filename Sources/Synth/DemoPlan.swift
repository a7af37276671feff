import Support
/// The built-in demo dataset: every groove family at several tempi on rotating kits and
/// instruments, in mixed formats, rates and channel counts. Deterministic.
public enum DemoPlan {
    /// One file of the demo dataset.
    public struct Item: Sendable {
        public let spec: ClipSpec
        /// Relative path, e.g. `funk/funk-112bpm-electro.flac`.
        public let path: String
        /// Container/codec name understood by the writer: wav16, flac, ogg, mp3.
        public let format: String
        public let channels: Int
        public let title: String
        public let artist: String
        public let genre: String
    }

    static let tempi: [Double] = [84, 100, 118, 136]
    static let formats: [(String, String, Int)] = [("wav16", "wav", 22_050), ("flac", "flac", 44_100), ("ogg", "ogg", 48_000), ("mp3", "mp3", 44_100)]

    /// `perFamily` clips for each of the seven families (84 clips at the default 12).
    public static func items(perFamily: Int = 12, seconds: Double = 30) -> [Item] {
        var items: [Item] = []
        var rng = SplitMix64(seed: 2026)
        for (f, family) in GrooveFamily.allCases.enumerated() {
            for j in 0..<perFamily {
                let bpm = tempi[j % tempi.count] * rng.uniform(0.99, 1.01)
                let kit = DrumKit.allCases[(f + j) % DrumKit.allCases.count]
                let instrument = Instrument.allCases[(2 * f + j / 2) % Instrument.allCases.count]
                let (format, ext, rate) = formats[(f + j) % formats.count]
                let spec = ClipSpec(family: family, bpm: bpm, kit: kit, instrument: instrument, rootNote: 31 + rng.index(10),
                                    seconds: seconds, sampleRate: rate, gain: rng.uniform(0.4, 0.95), seed: UInt64(f * 100 + j + 1))
                let name = "\(family.rawValue)-\(Int(bpm.rounded()))bpm-\(kit.rawValue)-\(instrument.rawValue)-\(j + 1)"
                items.append(Item(spec: spec, path: "\(family.rawValue)/\(name).\(ext)", format: format, channels: j % 3 == 0 ? 1 : 2,
                                  title: "\(family.displayName) groove \(j + 1) (\(Int(bpm.rounded())) BPM)",
                                  artist: "Backbeat Demo \(kit.rawValue.capitalized) Kit", genre: family.displayName))
            }
        }
        return items
    }
}

extension GrooveFamily {
    /// A human name for titles.
    public var displayName: String {
        switch self {
        case .rock: "Rock"
        case .funk: "Funk"
        case .house: "House"
        case .halfTime: "Half-time"
        case .waltz: "Waltz"
        case .shuffle: "Shuffle"
        case .bossa: "Bossa nova"
        }
    }
}
