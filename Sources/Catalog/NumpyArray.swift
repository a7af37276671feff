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
        let words = values.map { $0.bitPattern.littleEndian }
        words.withUnsafeBytes { data.append(contentsOf: $0) }
        return data
    }
}

extension NumpyArray {
    /// Reads a 2-D little-endian float32 `.npy` written by ``float32(rows:columns:values:)``.
    public static func readFloat32(_ url: URL) throws -> (rows: Int, columns: Int, values: [Float]) {
        let data = try Data(contentsOf: url)
        guard data.count >= 10, Array(data.prefix(6)) == [0x93] + Array("NUMPY".utf8) else {
            throw CocoaError(.fileReadCorruptFile, userInfo: [NSFilePathErrorKey: url.path])
        }
        let headerLength = Int(data[8]) | Int(data[9]) << 8
        guard data.count >= 10 + headerLength else { throw CocoaError(.fileReadCorruptFile, userInfo: [NSFilePathErrorKey: url.path]) }
        let header = String(decoding: data[10..<(10 + headerLength)], as: UTF8.self)
        guard header.contains("'<f4'"), let open = header.range(of: "'shape': ("), let close = header[open.upperBound...].firstIndex(of: ")") else {
            throw CocoaError(.fileReadCorruptFile, userInfo: [NSFilePathErrorKey: url.path])
        }
        let dims = header[open.upperBound..<close].split(separator: ",").compactMap { Int($0.trimmingCharacters(in: .whitespaces)) }
        guard dims.count == 2, data.count == 10 + headerLength + dims[0] * dims[1] * 4 else {
            throw CocoaError(.fileReadCorruptFile, userInfo: [NSFilePathErrorKey: url.path])
        }
        let values = data[(10 + headerLength)...].withUnsafeBytes { raw in
            (0..<(dims[0] * dims[1])).map { Float(bitPattern: UInt32(littleEndian: raw.loadUnaligned(fromByteOffset: $0 * 4, as: UInt32.self))) }
        }
        return (dims[0], dims[1], values)
    }
}
