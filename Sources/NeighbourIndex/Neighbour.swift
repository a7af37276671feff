/// One search result: the item's row `index` in the indexed `VectorSet` and its `distance` to the query
/// (see `Metric` for the formula).
public struct Neighbour: Sendable, Hashable, CustomStringConvertible {
    /// Row of the item in the indexed vector set (0-based).
    public let index: Int
    /// Distance to the query under the index's metric.
    public let distance: Float

    public init(index: Int, distance: Float) {
        self.index = index
        self.distance = distance
    }

    public var description: String { "(\(index), \(distance))" }
}
