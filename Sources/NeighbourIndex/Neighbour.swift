/// One search result: the item's row `index` in the indexed `VectorSet` and its `distance` to the query
/// (see `Metric` for the formula).
///
/// Stored in 8 bytes (the row as a 32-bit integer: indexes hold fewer than 2³¹ items), so the
/// all-pairs table of 100,000 items with 50 + 10 neighbours each is 48 MB, not 96.
public struct Neighbour: Sendable, Hashable, CustomStringConvertible {
    private let row: Int32
    /// Distance to the query under the index's metric.
    public let distance: Float

    /// Row of the item in the indexed vector set (0-based).
    public var index: Int { Int(row) }

    /// - Precondition: `0 ≤ index < 2³¹`.
    public init(index: Int, distance: Float) {
        precondition(index >= 0 && index <= Int(Int32.max), "a neighbour's row is in 0..<2³¹")
        self.row = Int32(index)
        self.distance = distance
    }

    public var description: String { "(\(index), \(distance))" }
}
