import Foundation
import Support
import TestScratch
import Testing
@testable import NeighbourIndex

@Suite struct IndexFileTests {
    let set: VectorSet
    let dir: String

    init() throws {
        set = try VectorSet(dimension: 12, values: clusteredVectors(500, 12))
        dir = Scratch.directory("index").path
    }

    func indexes() throws -> [any NeighbourSearcher] {
        [try ExactIndex(vectors: set, metric: .angular),
         try ForestIndex(vectors: set, metric: .euclidean, trees: 5, searchK: 300, seed: 4),
         try LSHIndex(vectors: set, metric: .angular, tables: 4, bits: 8, probes: 3, seed: 4)]
    }

    @Test func roundTripSearchesIdentically() throws {
        for (i, index) in try indexes().enumerated() {
            let path = "\(dir)/rt\(i).idx"
            try IndexFile.write(index, to: path)
            for verification in [IndexFile.Verification.full, .headerOnly] {
                let loaded = try IndexFile.load(path, metric: index.metric, dimension: 12, verification: verification)
                #expect(type(of: loaded) == type(of: index))
                #expect(loaded.image.serialized() == index.image.serialized())
                let q = set.row(17)
                #expect(try loaded.search(q, k: 8) == index.search(q, k: 8))
                #expect(try loaded.farthest(q, k: 3) == index.farthest(q, k: 3))
                try IndexFile.verify(loaded.image)
            }
        }
        #expect(!FileManager.default.fileExists(atPath: "\(dir)/rt0.idx.tmp-\(getpid())"))
    }

    func written() throws -> (String, [UInt8]) {
        let path = "\(dir)/f.idx"
        try IndexFile.write(try ForestIndex(vectors: set, metric: .angular, trees: 3, seed: 1), to: path)
        return (path, Array(try Data(contentsOf: URL(fileURLWithPath: path))))
    }

    func rewrite(_ path: String, _ bytes: [UInt8]) throws { try Data(bytes).write(to: URL(fileURLWithPath: path)) }

    @Test func corruptedPayloadRefused() throws {
        let (path, bytes) = try written()
        var bad = bytes
        bad[bad.count / 2] ^= 0x40
        try rewrite(path, bad)
        #expect(throws: IndexError.corrupted(path: path, detail: "payload checksum mismatch")) {
            try IndexFile.load(path)
        }
        // Header-only loading accepts it (O(1)), searching stays in bounds, verify() catches it.
        let loaded = try IndexFile.load(path, verification: .headerOnly)
        _ = try loaded.search(set.row(3), k: 10)
        #expect(throws: IndexError.self) { try IndexFile.verify(loaded.image) }
    }

    @Test func damagedStructureNeverCrashesHeaderOnlySearch() throws {
        let (path, bytes) = try written()
        var bad = bytes
        // Scribble over everything after the vectors: roots, children, planes, leaves, items.
        let vectorEnd = 256 + 500 * 12 * 4
        var r = SplitMix64(seed: 1)
        for i in vectorEnd ..< bad.count { bad[i] = UInt8(truncatingIfNeeded: r.next()) }
        try rewrite(path, bad)
        let loaded = try IndexFile.load(path, verification: .headerOnly)
        for i in 0 ..< 20 { _ = try loaded.search(set.row(i), k: 10) }
        _ = try loaded.neighbourTable(k: 3, bottomK: 3)
    }

    @Test func corruptedHeaderRefused() throws {
        let (path, bytes) = try written()
        var bad = bytes
        bad[30] ^= 1  // inside the count field
        try rewrite(path, bad)
        #expect(throws: IndexError.corrupted(path: path, detail: "header checksum mismatch")) {
            try IndexFile.load(path)
        }
    }

    @Test func truncatedRefused() throws {
        let (path, bytes) = try written()
        try rewrite(path, Array(bytes.prefix(bytes.count - 100)))
        #expect(throws: IndexError.truncated(path: path, expected: UInt64(bytes.count), actual: UInt64(bytes.count - 100))) {
            try IndexFile.load(path)
        }
        try rewrite(path, Array(bytes.prefix(100)))
        #expect(throws: IndexError.truncated(path: path, expected: 256, actual: 100)) { try IndexFile.load(path) }
        try rewrite(path, [])
        #expect(throws: IndexError.badMagic(path: path)) { try IndexFile.load(path) }
    }

    @Test func wrongMagicMetricDimensionRefused() throws {
        let (path, bytes) = try written()
        #expect(throws: IndexError.metricMismatch(path: path, stored: .angular, expected: .euclidean)) {
            try IndexFile.load(path, metric: .euclidean)
        }
        #expect(throws: IndexError.dimensionMismatch(path: path, stored: 12, expected: 13)) {
            try IndexFile.load(path, metric: .angular, dimension: 13)
        }
        var bad = bytes
        bad[0] = UInt8(ascii: "X")
        try rewrite(path, bad)
        #expect(throws: IndexError.badMagic(path: path)) { try IndexFile.load(path) }
        try rewrite(path, Array("not an index at all, just some text that is long enough".utf8))
        #expect(throws: IndexError.badMagic(path: path)) { try IndexFile.load(path) }
        #expect(throws: IndexError.self) { try IndexFile.load("\(dir)/missing.idx") }
        #expect(throws: IndexError.self) { try IndexFile.write(try ExactIndex(vectors: set, metric: .angular), to: "/nonexistent-dir/x.idx") }
    }

    @Test func sameSeedSameFileBytes() throws {
        let a = "\(dir)/a.idx", b = "\(dir)/b.idx"
        try IndexFile.write(try ForestIndex(vectors: set, metric: .angular, trees: 4, seed: 11, threads: 1), to: a)
        try IndexFile.write(try ForestIndex(vectors: set, metric: .angular, trees: 4, seed: 11, threads: 2), to: b)
        #expect(try Data(contentsOf: URL(fileURLWithPath: a)) == Data(contentsOf: URL(fileURLWithPath: b)))
    }
}

/// The payload checksum is computed over an image's chunks (header, sections, padding): fed in any
/// split it equals one pass over the concatenation, partial words included.
@Suite struct ChunkedChecksumTests {
    @Test func anySplitGivesTheOnePassChecksum() {
        var rng = SplitMix64(seed: 4)
        let bytes = (0 ..< 1_003).map { _ in UInt8(truncatingIfNeeded: rng.next()) }
        let whole = bytes.withUnsafeBytes { Checksum.fnv1a64Words($0.baseAddress!, byteCount: $0.count) }
        for cuts in [[1, 2, 3, 500], [7, 8, 9, 15, 16, 17], [999, 1000, 1001, 1002], [0, 0, 64]] {
            var hasher = Checksum.WordHasher()
            var start = 0
            bytes.withUnsafeBytes { all in
                for end in cuts + [bytes.count] {
                    hasher.feed(UnsafeRawBufferPointer(rebasing: all[start ..< end]))
                    start = end
                }
            }
            #expect(hasher.value == whole, "cuts \(cuts)")
        }
    }
}
