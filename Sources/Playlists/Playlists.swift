import Foundation
import NeighbourIndex

/// What playlists are chosen from: a catalog's similarity vectors (through its index), and per track
/// its tempo, its artist group and its recording (versions share one).
public struct PlaylistSpace: Sendable {
    public let index: any NeighbourSearcher
    /// Beat tempo in BPM per row (0: no steady beat).
    public let tempos: [Double]
    /// Artist group per row (nil: untagged, never grouped).
    public let artists: [String?]
    /// Recording per row: rows with the same number are versions of one recording.
    public let recordings: [Int]
    /// Each row's nearest rows, when known (a build's shortlists, the table's own lists: shared, not
    /// copied): the radio then reads its candidates from them instead of searching the index, so a
    /// build can make every track's radio.
    public let shortlists: [[Neighbour]]?
    /// Distinct recordings among the rows (a radio that has played them all says so), counted once:
    /// counting them at every radio that ran short hashed every row each time (5 % of a 20 k build).
    public let recordingCount: Int

    public init(index: any NeighbourSearcher, tempos: [Double], artists: [String?], recordings: [Int], shortlists: [[Neighbour]]? = nil) {
        self.index = index
        self.tempos = tempos
        self.artists = artists
        self.recordings = recordings
        self.shortlists = shortlists
        recordingCount = Set(recordings).count
    }

    /// Candidates near a row (its shortlist when known) or near a vector (an index search).
    func near(row: Int?, vector: [Float], k: Int) throws -> [Int] {
        if let row, let shortlists { return shortlists[row].map(\.index) }
        return try index.search(vector, k: min(k, count)).map(\.index)
    }

    var count: Int { tempos.count }
}

/// The limits every step of a playlist keeps.
public struct PlaylistLimits: Sendable, Equatable {
    /// Largest tempo change between consecutive tracks, relative (0.06: 6 %), octave-aware
    /// (``TempoStep``).
    public var maxTempoStep: Double
    /// At most this many tracks of one artist in a playlist (0: no cap). Independently of it, a
    /// track never follows one by the same artist while another candidate is left.
    public var maxPerArtist: Int
    /// 6 % per step (a DJ's pitch fader range, where tempo changes stay unnoticed) and 5 tracks of an
    /// artist in a radio of 20.
    public static let defaults = PlaylistLimits(maxTempoStep: 0.06, maxPerArtist: 5)
    public init(maxTempoStep: Double, maxPerArtist: Int) {
        self.maxTempoStep = maxTempoStep
        self.maxPerArtist = maxPerArtist
    }
}

/// Tempo changes that a listener hears as small: 60 and 120 BPM are the same pulse counted in two
/// ways, so a step is measured between octave-folded tempi.
public enum TempoStep {
    /// The signed step from `a` to `b` in octaves, folded into [−½, ½] (log2 of the folded ratio);
    /// nil when exactly one of them has no steady beat (tempo 0), 0 when neither has.
    public static func octaves(from a: Double, to b: Double) -> Double? {
        if a <= 0 || b <= 0 { return a <= 0 && b <= 0 ? 0 : nil }
        var x = log2(b / a)
        x -= x.rounded() // nearest octave: −½ … ½
        return x
    }

    /// The relative size of the step, `2^|octaves| − 1` (0.06 for 6 %); infinity when incompatible.
    public static func relative(from a: Double, to b: Double) -> Double {
        guard let x = octaves(from: a, to: b) else { return .infinity }
        return exp2(abs(x)) - 1
    }
}
