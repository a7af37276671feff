import Foundation
import Support
import Testing
@testable import Catalog

/// Large outputs are written in pieces: the bytes equal the one-piece writers', and a failed
/// write leaves nothing behind.
@Suite struct StreamedWriteTests {
    @Test func aStreamedFileHoldsEveryPieceAndAppearsWhole() throws {
        let folder = TestDataset.temporaryDirectory("stream")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let target = folder.appendingPathComponent("big.txt")
        let pieces = (0..<3_000).map { "line \($0) " + String(repeating: "ü", count: $0 % 700) + "\n" } // > 1 MiB: several flushes
        try AtomicFile.stream(to: target) { file in for p in pieces { try file.write(p) } }
        #expect(try String(contentsOf: target, encoding: .utf8) == pieces.joined())

        struct Stop: Error {}
        #expect(throws: Stop.self) {
            try AtomicFile.stream(to: target) { file in
                try file.write(String(repeating: "x", count: 3 << 20))
                throw Stop()
            }
        }
        #expect(try String(contentsOf: target, encoding: .utf8) == pieces.joined(), "a failed write keeps the old file")
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["big.txt"], "no temporary file is left")
    }

    @Test func streamedNumpyBytesEqualTheOnePieceWriter() throws {
        let folder = TestDataset.temporaryDirectory("npy")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let rows: [[Float]] = (0..<70_000).map { i in [Float(i), -Float(i) / 3, .pi * Float(i % 7)] }
        let expected = NumpyArray.float32(rows: rows.count, columns: 3, values: rows.flatMap { $0 })
        let a = folder.appendingPathComponent("a.npy"), b = folder.appendingPathComponent("b.npy")
        try AtomicFile.stream(to: a) { try NumpyArray.writeFloat32(rows: rows, columns: 3, to: $0) }
        try AtomicFile.stream(to: b) { try NumpyArray.writeFloat32(values: rows.flatMap { $0 }, rows: rows.count, columns: 3, to: $0) }
        #expect(try Data(contentsOf: a) == expected && Data(contentsOf: b) == expected)
        let back = try NumpyArray.readFloat32(a)
        #expect(back.rows == rows.count && back.columns == 3 && back.values[3 * 69_999 + 1] == -69_999 / 3)
    }
}
