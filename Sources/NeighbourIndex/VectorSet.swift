/// A validated set of `count` vectors of `dimension` Floats, stored row-major in one contiguous array
/// (`values[row * dimension + component]`). Every value is finite; NaN or ±inf is refused with an
/// error naming the row and component.
public struct VectorSet: Sendable {
    /// Components per vector (≥ 1).
    public let dimension: Int
    /// Number of vectors (may be 0).
    public let count: Int
    /// Row-major values, `count × dimension`.
    public private(set) var values: [Float]

    /// Wraps row-major `values` (`count × dimension`, count = values.count / dimension).
    /// - Throws: `IndexError.invalidDimension`, `.shapeMismatch`, `.nonFinite(row:component:)`.
    public init(dimension: Int, values: [Float]) throws {
        guard dimension > 0 else { throw IndexError.invalidDimension(dimension) }
        guard values.count % dimension == 0 else {
            throw IndexError.shapeMismatch(values: values.count, dimension: dimension)
        }
        if let bad = values.firstIndex(where: { !$0.isFinite }) {
            throw IndexError.nonFinite(row: bad / dimension, component: bad % dimension)
        }
        self.dimension = dimension
        self.count = values.count / dimension
        self.values = values
    }

    /// Builds a set from rows of equal length; `dimension` is needed only when `rows` may be empty.
    /// - Throws: `IndexError.raggedRow`, `.nonFinite`, `.invalidDimension`.
    public init(rows: [[Float]], dimension: Int? = nil) throws {
        let d = dimension ?? rows.first?.count ?? 0
        var flat: [Float] = []
        flat.reserveCapacity(rows.count * d)
        for (r, row) in rows.enumerated() {
            guard row.count == d else { throw IndexError.raggedRow(row: r, length: row.count, expected: d) }
            flat.append(contentsOf: row)
        }
        try self.init(dimension: d, values: flat)
    }

    /// Row `i` as an array (a copy).
    public func row(_ i: Int) -> [Float] { Array(values[i * dimension ..< (i + 1) * dimension]) }

    /// The values as stored by an index of `metric`: unchanged for euclidean, each row scaled to unit
    /// L2 norm for angular. - Throws: `IndexError.zeroVector(row:)` for an all-zero row under angular.
    func prepared(for metric: Metric) throws -> [Float] {
        var out = values
        try Self.prepare(&out, count: count, dimension: dimension, for: metric)
        return out
    }

    /// ``prepared(for:)`` that takes this set's values instead of copying them (the set is left
    /// empty): when nothing else holds them, they are normalised in place, so an index build keeps
    /// one copy of the vectors instead of two (158 MB each at 100,000 × 394).
    mutating func takePrepared(for metric: Metric) throws -> [Float] {
        var out = values
        values = []
        try Self.prepare(&out, count: count, dimension: dimension, for: metric)
        return out
    }

    static func prepare(_ values: inout [Float], count: Int, dimension d: Int, for metric: Metric) throws {
        guard metric == .angular else { return }
        try values.withUnsafeMutableBufferPointer { buf in
            guard let base = buf.baseAddress else { return }
            for r in 0 ..< count {
                let p = base + r * d
                let norm = DistanceKernel.dot(p, p, d).squareRoot()
                guard norm > 0, norm.isFinite else { throw IndexError.zeroVector(row: r) }
                let inv = 1 / norm
                for c in 0 ..< d { p[c] *= inv }
            }
        }
    }
}

/// Validates and prepares one query for an index of `metric` and `dimension`.
func preparedQuery(_ q: [Float], metric: Metric, dimension: Int) throws -> [Float] {
    guard q.count == dimension else { throw IndexError.queryDimension(got: q.count, expected: dimension) }
    if let bad = q.firstIndex(where: { !$0.isFinite }) { throw IndexError.nonFiniteQuery(component: bad) }
    guard metric == .angular else { return q }
    var out = q
    // Same normalisation arithmetic as `VectorSet.prepared`, so a stored row queried again is identical.
    let norm = q.withUnsafeBufferPointer { buf -> Float in
        guard let p = buf.baseAddress else { return 0 }
        return DistanceKernel.dot(p, p, dimension)
    }.squareRoot()
    guard norm > 0, norm.isFinite else { throw IndexError.zeroQuery }
    let inv = 1 / norm
    for c in 0 ..< dimension { out[c] *= inv }
    return out
}
