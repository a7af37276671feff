import Support
import Testing
@testable import MapLayout

@Suite struct MapLayoutTests {
    /// `clusters` Gaussian blobs in `d` dimensions (centres N(0, 1), spread 0.3), `n` points.
    func blobs(_ n: Int, _ d: Int, clusters: Int, seed: UInt64) -> [[Double]] {
        var r = SplitMix64(seed: seed)
        let centres = (0 ..< clusters).map { _ in (0 ..< d).map { _ in Double(r.gaussianFloat()) } }
        return (0 ..< n).map { i in centres[i % clusters].map { $0 + 0.3 * Double(r.gaussianFloat()) } }
    }

    func nearest(_ x: [[Double]], k: Int) -> [[Int]] {
        x.indices.map { i -> [Int] in
            var d: [(Double, Int)] = []
            for j in x.indices where j != i {
                var s = 0.0
                for c in x[i].indices { s += (x[i][c] - x[j][c]) * (x[i][c] - x[j][c]) }
                d.append((s, j))
            }
            d.sort { $0.0 < $1.0 || ($0.0 == $1.0 && $0.1 < $1.1) }
            return d.prefix(k).map(\.1)
        }
    }

    /// Two coordinates of 20-d data (standing in for PCA: the first two axes of isotropic blobs)
    /// mix the blobs; the graph layout keeps each point's map neighbours among its true ones.
    /// Measured: 0.61 for the two axes, 1.00 for the layout.
    @Test func layoutPreservesNeighbourhoodsBetterThanAProjection() {
        let x = blobs(300, 20, clusters: 12, seed: 3)
        let full = nearest(x, k: 30)
        let projection = x.map { [$0[0], $0[1]] }
        let laid = MapLayout.layout(neighbours: full.map { Array($0.prefix(10)) }, initial: projection, epochs: 150, seed: 4)
        let before = MapLayout.preservation(points: projection, full: full)
        let after = MapLayout.preservation(points: laid, full: full)
        #expect(after >= 0.7 && after > before + 0.3, "projection \(before), layout \(after)")
        #expect(laid.allSatisfy { $0.count == 2 && $0[0].isFinite && $0[1].isFinite })
    }

    @Test func sameInputSameLayoutBitForBit() {
        let x = blobs(120, 8, clusters: 4, seed: 9)
        let lists = nearest(x, k: 8)
        let start = x.map { [$0[0], $0[1]] }
        let one = MapLayout.layout(neighbours: lists, initial: start, epochs: 40, seed: 7)
        #expect(one == MapLayout.layout(neighbours: lists, initial: start, epochs: 40, seed: 7))
        #expect(one != MapLayout.layout(neighbours: lists, initial: start, epochs: 40, seed: 8))
    }

    @Test func degenerateInputs() {
        #expect(MapLayout.layout(neighbours: [], initial: []).isEmpty)
        #expect(MapLayout.layout(neighbours: [[1], [0]], initial: [[0, 0], [1, 1]]) == [[0, 0], [1, 1]])
        // Out-of-range and self indices are ignored; identical starting points do not produce NaN.
        let same = MapLayout.layout(neighbours: [[0, 1, 9], [0, -1], [1]], initial: [[1, 1], [1, 1], [1, 1]], epochs: 20)
        #expect(same.allSatisfy { $0.allSatisfy(\.isFinite) })
        #expect(MapLayout.preservation(points: [[0, 0]], full: [[]]) == 1)
    }
}
