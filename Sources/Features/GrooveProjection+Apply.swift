import Foundation

extension GrooveProjection {
    /// The matrix, `inputDimension × dimensions` row-major, decoded once from ``encoded``.
    static let matrix: [Float] = {
        let text = encoded.filter { !$0.isWhitespace }
        guard let data = Data(base64Encoded: text), data.count == 4 * inputDimension * dimensions else {
            preconditionFailure("GrooveProjection.encoded is damaged: regenerate it with bench/python/groove_projection.py")
        }
        return data.withUnsafeBytes { raw in
            (0..<(inputDimension * dimensions)).map { Float(bitPattern: UInt32(littleEndian: raw.loadUnaligned(fromByteOffset: 4 * $0, as: UInt32.self))) }
        }
    }()

    /// `Pᵀ z` for a standardised descriptor `z` (``inputDimension`` values; others give zeros).
    public static func project(_ z: [Float]) -> [Float] {
        var out = [Float](repeating: 0, count: dimensions)
        guard z.count == inputDimension else { return out }
        matrix.withUnsafeBufferPointer { m in
            for i in 0..<inputDimension where z[i] != 0 {
                let row = m.baseAddress! + i * dimensions, zi = z[i]
                for k in 0..<dimensions { out[k] += zi * row[k] }
            }
        }
        return out
    }
}
