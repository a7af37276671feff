import Catalog
import Foundation
import TestScratch
import Testing

@Suite struct ContentHashTests {
    func write(_ bytes: [UInt8], _ name: String) throws -> String {
        let dir = Scratch.root.appendingPathComponent("hash")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let url = dir.appendingPathComponent(name)
        try Data(bytes).write(to: url)
        return url.path
    }

    /// Every length around the 32-byte group and a multi-block file: stable, and distinct from
    /// the same bytes one shorter, one byte flipped anywhere, or zero-padded.
    @Test(arguments: [0, 1, 7, 8, 31, 32, 33, 63, 64, 65, 1 << 20, (1 << 20) + 5, 3 << 20])
    func distinguishesNearbyContents(_ count: Int) throws {
        let bytes = (0..<count).map { UInt8(truncatingIfNeeded: $0 &* 2_654_435_761 >> 7) }
        let path = try write(bytes, "a-\(count)")
        let h = try ContentHash.of(path: path)
        #expect(try ContentHash.of(path: path) == h)
        #expect(try ContentHash.of(path: write(bytes + [0], "pad-\(count)")) != h)
        if count > 0 {
            #expect(try ContentHash.of(path: write(Array(bytes.dropLast()), "short-\(count)")) != h)
            for spot in Set([0, count / 2, count - 1]) {
                var flipped = bytes
                flipped[spot] ^= 0x10
                #expect(try ContentHash.of(path: write(flipped, "flip-\(count)-\(spot)")) != h, "flip at \(spot)")
            }
        }
    }

    @Test func missingFileThrows() {
        #expect(throws: (any Error).self) { try ContentHash.of(path: "/nonexistent/backbeat/file.wav") }
    }
}
