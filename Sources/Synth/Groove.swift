/// Drum voices a groove can use; each kit renders every voice in its own timbre.
public enum DrumVoice: Int, CaseIterable, Sendable {
    case kick, snare, closedHat, openHat, clap, rim
}

/// One drum hit within a bar: grid step, voice and velocity in (0, 1].
public struct DrumHit: Sendable {
    public let step: Int
    public let voice: DrumVoice
    public let velocity: Double
}

/// Groove families: metre, subdivision and where each voice falls. The labelled tempo is
/// always the quarter-note (beat) rate; the families cover straight, swung, triple metre,
/// syncopated, half-time and four-on-the-floor feels.
public enum GrooveFamily: String, CaseIterable, Sendable, Codable {
    case rock, funk, house, halfTime = "halftime", waltz, shuffle, bossa

    /// Beats (quarter notes) per bar.
    public var beatsPerBar: Int { self == .waltz ? 3 : 4 }
    /// Grid steps per beat: 3 for the triplet-based shuffle, 4 (sixteenths) otherwise.
    public var stepsPerBeat: Int { self == .shuffle ? 3 : 4 }
    public var stepsPerBar: Int { beatsPerBar * stepsPerBeat }

    /// The hits of one bar.
    public var pattern: [DrumHit] {
        func hits(_ voice: DrumVoice, _ steps: [Int], _ velocity: Double = 1) -> [DrumHit] {
            steps.map { DrumHit(step: $0, voice: voice, velocity: velocity) }
        }
        switch self {
        case .rock:
            return hits(.kick, [0, 8, 10]) + hits(.snare, [4, 12]) + hits(.closedHat, [0, 2, 4, 6, 8, 10, 12, 14], 0.7)
        case .funk:
            return hits(.kick, [0, 3, 6, 10]) + hits(.snare, [4, 12]) + hits(.snare, [7, 9, 15], 0.3)
                + hits(.closedHat, Array(0..<16), 0.45) + hits(.openHat, [14], 0.6)
        case .house:
            return hits(.kick, [0, 4, 8, 12]) + hits(.clap, [4, 12], 0.8) + hits(.openHat, [2, 6, 10, 14], 0.7)
                + hits(.closedHat, [1, 3, 5, 7, 9, 11, 13, 15], 0.3)
        case .halfTime:
            return hits(.kick, [0, 7]) + hits(.snare, [8]) + hits(.closedHat, [0, 2, 4, 6, 8, 10, 12, 14], 0.65)
        case .waltz:
            return hits(.kick, [0]) + hits(.snare, [4, 8], 0.7) + hits(.closedHat, [0, 2, 4, 6, 8, 10], 0.55)
        case .shuffle:
            return hits(.kick, [0, 6, 8]) + hits(.snare, [3, 9]) + hits(.closedHat, [0, 2, 3, 5, 6, 8, 9, 11], 0.6)
        case .bossa:
            return hits(.kick, [0, 3, 4, 7, 8, 11, 12, 15], 0.8) + hits(.rim, [0, 3, 6, 10, 12], 0.8)
                + hits(.closedHat, [0, 2, 4, 6, 8, 10, 12, 14], 0.5)
        }
    }

    /// Steps where the bass instrument plays (the kick line, which anchors the groove).
    public var bassSteps: [Int] { pattern.filter { $0.voice == .kick }.map(\.step) }
}
