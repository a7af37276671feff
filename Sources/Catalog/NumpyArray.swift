import Foundation

/// Writes NumPy `.npy` files (format version 1.0): a magic string, a Python-dict header padded
/// to a multiple of 64 bytes, then little-endian row-major data.
/// Reference: NumPy Enhancement Proposal 1, *A simple file format for NumPy arrays*.
public enum NumpyArray {
    /// The bytes of a 2-D float32 array, `rows × columns`, from row-major `values`.
    public static func float32(rows: Int, columns: Int, values: [Float]) -> Data {
        precondition(values.count == rows * columns, "values do not match the shape")
        let dict = "{'descr': '<f4', 'fortran_order': False, 'shape': (\(rows), \(columns)), }"
        var header = Array(dict.utf8)
        // magic (6) + version (2) + header length (2) + header, padded with spaces, ending "\n".
        let unpadded = 10 + header.count + 1
        header += [UInt8](repeating: 0x20, count: (64 - unpadded % 64) % 64)
        header.append(0x0A)
        var data = Data([0x93] + Array("NUMPY".utf8) + [1, 0])
        data.append(contentsOf: [UInt8(header.count & 0xFF), UInt8(header.count >> 8)])
        data.append(contentsOf: header)
        values.withUnsafeBufferPointer { buffer in
            for v in buffer {
                var le = v.bitPattern.littleEndian
                withUnsafeBytes(of: &le) { data.append(contentsOf: $0) }
            }
        }
        return data
    }
}
