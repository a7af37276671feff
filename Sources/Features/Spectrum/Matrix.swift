/// A dense row-major Float matrix: `rows × columns`, element (r, c) at `data[r * columns + c]`.
public struct Matrix: Sendable, Equatable {
    public let rows: Int
    public let columns: Int
    public var data: [Float]

    public init(rows: Int, columns: Int, data: [Float]) {
        precondition(data.count == rows * columns, "Matrix data does not match its shape")
        self.rows = rows
        self.columns = columns
        self.data = data
    }

    public init(rows: Int, columns: Int, repeating value: Float = 0) {
        self.init(rows: rows, columns: columns, data: [Float](repeating: value, count: rows * columns))
    }

    public subscript(row: Int, column: Int) -> Float {
        get { data[row * columns + column] }
        set { data[row * columns + column] = newValue }
    }

    /// One row as an array.
    public func row(_ r: Int) -> [Float] { Array(data[r * columns..<(r + 1) * columns]) }
}
