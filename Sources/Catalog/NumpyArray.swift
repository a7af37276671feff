import Foundation
import Support

/// Writes NumPy `.npy` files (format version 1.0): a magic string, a Python-dict header padded
/// to a multiple of 64 bytes, then little-endian row-major data.
/// Reference: NumPy Enhancement Proposal 1, *A simple file format for NumPy arrays*.
public enum NumpyArray {
    /// The bytes of a 2-D float32 array, `rows × columns`, from row-major `values`.
    public static func float32(rows: Int, columns: Int, values: [Float]) -> Data {
        precondition(values.count == rows * columns, "values do not match the shape")
        var data = Data(header(rows: rows, columns: columns))
        let words = values.map { $0.bitPattern.littleEndian }
        words.withUnsafeBytes { data.append(contentsOf: $0) }
        return data
    }

    /// Writes a 2-D float32 array of `rows` (each `columns` long) to `stream` row by row, so no copy
    /// of the whole table is made (a 100,000 × 394 table is 158 MB); the same bytes as
    /// ``float32(rows:columns:values:)``.
    public static func writeFloat32(rows: [[Float]], columns: Int, to stream: AtomicFile.Stream) throws {
        try header(rows: rows.count, columns: columns).withUnsafeBytes { try stream.write(bytes: $0) }
        for row in rows {
            precondition(row.count == columns, "a row does not match the shape")
            let words = row.map { $0.bitPattern.littleEndian }
            try words.withUnsafeBytes { try stream.write(bytes: $0) }
        }
    }

    /// ``writeFloat32(rows:columns:to:)`` for row-major `values` (`rows × columns`).
    public static func writeFloat32<Values: RandomAccessCollection<Float>>(values: Values, rows: Int, columns: Int,
                                                                          to stream: AtomicFile.Stream) throws where Values.Index == Int {
        precondition(values.count == rows * columns, "values do not match the shape")
        try header(rows: rows, columns: columns).withUnsafeBytes { try stream.write(bytes: $0) }
        var start = values.startIndex
        while start < values.endIndex { // in pieces of 64 Ki values, so the byte-order copy stays small
            let end = min(values.endIndex, start + 65_536)
            let words = values[start..<end].map { $0.bitPattern.littleEndian }
            try words.withUnsafeBytes { try stream.write(bytes: $0) }
            start = end
        }
    }

    /// The magic string, version 1.0, header length and the header dict, padded with spaces to a
    /// multiple of 64 bytes and ending in a newline.
    static func header(rows: Int, columns: Int) -> [UInt8] {
        let dict = "{'descr': '<f4', 'fortran_order': False, 'shape': (\(rows), \(columns)), }"
        var header = Array(dict.utf8)
        // magic (6) + version (2) + header length (2) + header, padded with spaces, ending "\n".
        let unpadded = 10 + header.count + 1
        header += [UInt8](repeating: 0x20, count: (64 - unpadded % 64) % 64)
        header.append(0x0A)
        return [0x93] + Array("NUMPY".utf8) + [1, 0, UInt8(header.count & 0xFF), UInt8(header.count >> 8)] + header
    }
}

extension NumpyArray {
    /// Reads a 2-D little-endian float32 `.npy` written by ``float32(rows:columns:values:)``.
    /// - Throws: ``CatalogError`` (`.incompatible`) naming the file when it is not one.
    public static func readFloat32(_ url: URL) throws -> (rows: Int, columns: Int, values: [Float]) {
        try readFloat32(Data(contentsOf: url), path: url.path)
    }

    /// ``readFloat32(_:)`` on bytes already read (`path` names them in errors). Any byte string is
    /// safe to pass: the header is parsed defensively and the shape is checked against the length
    /// without overflow.
    public static func readFloat32(_ data: Data, path: String) throws -> (rows: Int, columns: Int, values: [Float]) {
        let corrupt = CatalogError(.incompatible, path: path, "not a 2-D little-endian float32 .npy array of the size its header gives")
        let bytes = [UInt8](data)
        guard bytes.count >= 10, Array(bytes.prefix(6)) == [0x93] + Array("NUMPY".utf8), bytes[6] == 1 else { throw corrupt }
        let headerLength = Int(bytes[8]) | Int(bytes[9]) << 8
        guard bytes.count >= 10 + headerLength else { throw corrupt }
        let header = String(decoding: bytes[10..<(10 + headerLength)], as: UTF8.self)
        guard header.contains("'descr': '<f4'"), header.contains("'fortran_order': False"),
              let open = header.range(of: "'shape': ("), let close = header[open.upperBound...].firstIndex(of: ")") else {
            throw corrupt
        }
        let dims = header[open.upperBound..<close].split(separator: ",").map { Int($0.trimmingCharacters(in: .whitespaces)) }
        guard dims.count == 2, let rows = dims[0], let columns = dims[1], rows >= 0, columns >= 0 else { throw corrupt }
        let (cells, overflow) = rows.multipliedReportingOverflow(by: columns)
        guard !overflow, cells <= (bytes.count - 10 - headerLength) / 4, bytes.count == 10 + headerLength + cells * 4 else { throw corrupt }
        let values = bytes[(10 + headerLength)...].withUnsafeBytes { raw in
            (0..<cells).map { Float(bitPattern: UInt32(littleEndian: raw.loadUnaligned(fromByteOffset: $0 * 4, as: UInt32.self))) }
        }
        return (rows, columns, values)
    }
}
