import Features
import NeighbourIndex
import Testing
@testable import Catalog

@Suite struct GrooveColourTests {
    /// Three groove kinds, each a direction in the groove part, with tempo and timbre parts that vary
    /// at random: hues group by groove kind and ignore the rest.
    @Test func alikeGroovesGetAlikeHues() throws {
        let layout = DescriptorLayout(mfccCount: 20)
        let width = layout.dimension + 30
        let grooveColumns = layout.blocks.filter { MatchPart.of($0.name) == .groove }.flatMap { Array($0.range) }
        var state: UInt64 = 11
        func noise() -> Float {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Float(Double(state >> 11) / Double(1 << 53) - 0.5)
        }
        var vectors: [[Float]] = [], kinds: [Int] = []
        for i in 0..<300 {
            let kind = i % 3
            var v = (0..<width).map { _ in noise() * 2 } // everything varies…
            for (j, c) in grooveColumns.enumerated() { v[c] = noise() * 0.1 + (j % 3 == kind ? 1 : 0) } // …but the groove is the kind's
            vectors.append(v)
            kinds.append(kind)
        }
        let hues = GrooveColour.hues(vectors: try VectorSet(rows: vectors), layout: layout)
        #expect(hues.count == vectors.count && hues.allSatisfy { (0..<360).contains($0) })
        func apart(_ a: Int, _ b: Int) -> Int { let d = abs(a - b) % 360; return min(d, 360 - d) }
        let centre = (0..<3).map { k in hues[k] }
        for (h, k) in zip(hues, kinds) { #expect(apart(h, centre[k]) < 30, "within a kind: \(h) vs \(centre[k])") }
        #expect(apart(centre[0], centre[1]) > 60 && apart(centre[1], centre[2]) > 60 && apart(centre[0], centre[2]) > 60)
        #expect(GrooveColour.hues(vectors: try VectorSet(rows: Array(vectors.prefix(2))), layout: layout).isEmpty)
        #expect(GrooveColour.hues(vectors: try VectorSet(rows: vectors), layout: layout) == hues, "deterministic")
    }
}
