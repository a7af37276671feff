/// Every failure of the NeighbourIndex module, each with a one-line human-readable description.
public enum IndexError: Error, Equatable, Sendable, CustomStringConvertible {
    /// A vector set or query was given a dimension of zero or less.
    case invalidDimension(Int)
    /// The flat value array does not hold a whole number of rows.
    case shapeMismatch(values: Int, dimension: Int)
    /// Row `row` has a different length than the first row.
    case raggedRow(row: Int, length: Int, expected: Int)
    /// Row `row` holds a NaN or infinite value at component `component`.
    case nonFinite(row: Int, component: Int)
    /// Row `row` is all zeros, which has no direction under the angular metric.
    case zeroVector(row: Int)
    /// A query has the wrong length.
    case queryDimension(got: Int, expected: Int)
    /// A query holds a NaN or infinite value.
    case nonFiniteQuery(component: Int)
    /// A query is all zeros under the angular metric.
    case zeroQuery
    /// A parameter is out of its valid range.
    case invalidParameter(name: String, value: Int, reason: String)
    /// The index file could not be opened, read, mapped or written.
    case io(path: String, message: String)
    /// The file does not start with the index magic bytes.
    case badMagic(path: String)
    /// The file was written by an unknown format version.
    case unsupportedVersion(path: String, version: UInt32)
    /// The file is shorter (or longer) than its header says.
    case truncated(path: String, expected: UInt64, actual: UInt64)
    /// A checksum did not match: the file is corrupted.
    case corrupted(path: String, detail: String)
    /// The file holds an index for another metric than the caller expects.
    case metricMismatch(path: String, stored: Metric, expected: Metric)
    /// The file holds an index of another dimension than the caller expects.
    case dimensionMismatch(path: String, stored: Int, expected: Int)

    public var description: String {
        switch self {
        case .invalidDimension(let d): return "vector dimension must be positive, got \(d)"
        case .shapeMismatch(let v, let d): return "\(v) values do not form rows of dimension \(d)"
        case .raggedRow(let r, let l, let e): return "row \(r) has \(l) values, expected \(e)"
        case .nonFinite(let r, let c): return "row \(r) has a NaN or infinite value at component \(c)"
        case .zeroVector(let r): return "row \(r) is a zero vector, which has no direction under the angular metric"
        case .queryDimension(let g, let e): return "query has \(g) values, the index expects \(e)"
        case .nonFiniteQuery(let c): return "query has a NaN or infinite value at component \(c)"
        case .zeroQuery: return "query is a zero vector, which has no direction under the angular metric"
        case .invalidParameter(let n, let v, let r): return "parameter \(n) = \(v) is invalid: \(r)"
        case .io(let p, let m): return "\(p): \(m)"
        case .badMagic(let p): return "\(p): not a Backbeat neighbour index (wrong magic bytes)"
        case .unsupportedVersion(let p, let v): return "\(p): unsupported index format version \(v)"
        case .truncated(let p, let e, let a): return "\(p): index file is \(a) bytes, header says \(e) (truncated or damaged)"
        case .corrupted(let p, let d): return "\(p): index file is corrupted (\(d))"
        case .metricMismatch(let p, let s, let e): return "\(p): index uses the \(s) metric, expected \(e)"
        case .dimensionMismatch(let p, let s, let e): return "\(p): index has dimension \(s), expected \(e)"
        }
    }
}
