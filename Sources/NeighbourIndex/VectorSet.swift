/// A validated set of `count` vectors of `dimension` Floats, stored row-major in one contiguous array
/// (`values[row * dimension + component]`). Every value is finite; NaN or ±inf is refused with an
/// error naming the row and component.
public struct VectorSet: Sendable {
    /// Components per vector (≥ 1).
    public let dimension: Int
    /// Number of vectors (may be 0).
    public let count: Int
    /// Row-major values, `count × dimension` Floats (shared between copies of the set; see
    /// ``takePrepared(for:)``).
    private(set) var storage: AlignedBlock
    /// Whether every row already has unit L2 norm by ``normaliseRows()``'s arithmetic (the
    /// angular metric's preparation): an index then adopts the block as it is, shared, instead of
    /// normalising a copy.
    public private(set) var isNormalised = false

    /// Row-major values, `count × dimension` (a copy).
    public var values: [Float] { storage.array(of: Float.self) }

    /// Copies row-major `values` (`count × dimension`, count = values.count / dimension).
    /// - Throws: `IndexError.invalidDimension`, `.shapeMismatch`, `.nonFinite(row:component:)`.
    public init(dimension: Int, values: [Float]) throws {
        guard dimension > 0 else { throw IndexError.invalidDimension(dimension) }
        guard values.count % dimension == 0 else {
            throw IndexError.shapeMismatch(values: values.count, dimension: dimension)
        }
        try self.init(dimension: dimension, count: values.count / dimension) { out in
            _ = out.initialize(from: values)
        }
    }

    /// Builds a set from rows of equal length; `dimension` is needed only when `rows` may be empty.
    /// - Throws: `IndexError.raggedRow`, `.nonFinite`, `.invalidDimension`.
    public init(rows: [[Float]], dimension: Int? = nil) throws {
        let d = dimension ?? rows.first?.count ?? 0
        guard d > 0 else { throw IndexError.invalidDimension(d) }
        try self.init(dimension: d, count: rows.count) { out in
            for (r, row) in rows.enumerated() {
                guard row.count == d else { throw IndexError.raggedRow(row: r, length: row.count, expected: d) }
                _ = UnsafeMutableBufferPointer(rebasing: out[r * d ..< (r + 1) * d]).initialize(from: row)
            }
        }
    }

    /// `count` vectors written by `fill` straight into the set's storage (`count × dimension` Floats,
    /// row-major, zeroed): no intermediate array of the whole set.
    /// - Throws: what `fill` throws, `IndexError.invalidDimension`, `.nonFinite(row:component:)`.
    public init(dimension: Int, count: Int, fill: (UnsafeMutableBufferPointer<Float>) throws -> Void) throws {
        guard dimension > 0 else { throw IndexError.invalidDimension(dimension) }
        let block = try AlignedBlock(count: count * dimension, of: Float.self, fill: fill)
        if let bad = block.elements(as: Float.self).firstIndex(where: { !$0.isFinite }) {
            throw IndexError.nonFinite(row: bad / dimension, component: bad % dimension)
        }
        self.dimension = dimension
        self.count = count
        storage = block
    }

    /// The values, row-major, for reading.
    public func withValues<R>(_ body: (UnsafeBufferPointer<Float>) throws -> R) rethrows -> R {
        try body(UnsafeBufferPointer(storage.elements(as: Float.self)))
    }

    /// Row `i` as an array (a copy).
    public func row(_ i: Int) -> [Float] {
        Array(UnsafeBufferPointer(rebasing: storage.elements(as: Float.self)[i * dimension ..< (i + 1) * dimension]))
    }

    /// Row `i`, read in place (the pointer is valid only inside `body`).
    public func withRow<R>(_ i: Int, _ body: (UnsafeBufferPointer<Float>) throws -> R) rethrows -> R {
        try withExtendedLifetime(storage) {
            try body(UnsafeBufferPointer(rebasing: storage.elements(as: Float.self)[i * dimension ..< (i + 1) * dimension]))
        }
    }

    /// Scales every row to unit L2 norm in place, with exactly the arithmetic an angular index
    /// prepares its vectors with, and marks the set ``isNormalised``: an angular index over it then
    /// shares its block with every other copy of the set (a catalog keeps its vectors and its
    /// index's in one block: 158 MB at 100,000 × 394 instead of twice that).
    /// - Throws: `IndexError.zeroVector(row:)` for an all-zero row.
    public mutating func normaliseRows() throws {
        guard !isNormalised else { return }
        if !isKnownUniquelyReferenced(&storage) { storage = storage.copied() }
        try Self.prepare(storage, count: count, dimension: dimension, for: .angular)
        isNormalised = true
    }

    /// The values as stored by an index of `metric`: unchanged for euclidean, each row scaled to
    /// unit L2 norm for angular. A new block, except for a set already ``isNormalised`` under
    /// angular, whose block is shared as it is (blocks are read-only once an index holds them).
    /// - Throws: `IndexError.zeroVector(row:)` for an all-zero row under angular.
    func prepared(for metric: Metric) throws -> AlignedBlock {
        if metric == .angular && isNormalised { return storage }
        let out = storage.copied()
        try Self.prepare(out, count: count, dimension: dimension, for: metric)
        return out
    }

    /// ``prepared(for:)`` that takes this set's storage instead of copying it (the set is left
    /// empty): when no other copy of the set shares it, it is normalised in place, so an index build
    /// keeps one copy of the vectors instead of two (146 MB each at 100,000 × 364); a set already
    /// ``isNormalised`` is adopted as it is, even when shared.
    mutating func takePrepared(for metric: Metric) throws -> AlignedBlock {
        defer { storage = AlignedBlock(byteCount: 0) }
        if (metric == .angular && isNormalised) || !isKnownUniquelyReferenced(&storage) {
            return try prepared(for: metric)
        }
        try Self.prepare(storage, count: count, dimension: dimension, for: metric)
        return storage
    }

    static func prepare(_ block: AlignedBlock, count: Int, dimension d: Int, for metric: Metric) throws {
        guard metric == .angular else { return }
        let base = block.base.assumingMemoryBound(to: Float.self)
        for r in 0 ..< count {
            let p = base + r * d
            let norm = DistanceKernel.dot(p, p, d).squareRoot()
            guard norm > 0, norm.isFinite else { throw IndexError.zeroVector(row: r) }
            let inv = 1 / norm
            for c in 0 ..< d { p[c] *= inv }
        }
    }
}

extension VectorSet {
    /// `v` scaled to unit L2 norm with the arithmetic of ``normaliseRows()`` (so a vector normalised
    /// here equals the same row of a normalised set); `v` itself when it is empty, all zeros or not
    /// finite.
    public static func unitLength(_ v: [Float]) -> [Float] {
        (try? preparedQuery(v, metric: .angular, dimension: v.count)) ?? v
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
