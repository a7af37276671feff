/// The distance between two vectors.
///
/// Both metrics report a true distance (smaller is more similar):
/// - `euclidean`: `‖a − b‖₂`.
/// - `angular`: vectors are stored L2-normalised and the distance is `‖â − b̂‖₂ = sqrt(2 − 2·cos θ)`,
///   in `[0, 2]`, exactly as Spotify's Annoy reports it. Zero vectors have no direction and are refused
///   (`IndexError.zeroVector` / `.zeroQuery`).
///
/// Internally every index ranks by the *squared* distance computed from coordinate differences
/// (never `2 − 2·dot`: for near-duplicates that subtraction cancels catastrophically, cf. Annoy).
public enum Metric: UInt32, Sendable, CaseIterable, CustomStringConvertible {
    case angular = 1
    case euclidean = 2

    public var description: String {
        switch self {
        case .angular: return "angular"
        case .euclidean: return "euclidean"
        }
    }
}
