import Catalog
import Testing

@Suite struct TrackAnalyzerTests {
    /// The vectorised peak equals the scalar definition for every length around the lane
    /// width, with the peak anywhere, negative, and with NaN present.
    @Test(arguments: [0, 1, 7, 8, 9, 15, 16, 17, 1_001])
    func peakMatchesScalar(_ count: Int) {
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15 &* UInt64(count + 1)
        func next() -> Float {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Float(Int64(bitPattern: state >> 11) % 2_000_001 - 1_000_000) / 1_000_000
        }
        for spot in [0, count / 2, max(0, count - 1)] {
            var x = (0..<count).map { _ in next() * 0.5 }
            if count > 0 { x[spot] = -0.9 }
            if count > 2 { x[(spot + 1) % count] = .nan }
            let expected = x.reduce(Float(0)) { $1.isNaN ? $0 : max($0, abs($1)) }
            #expect(TrackAnalyzer.peak(x) == expected, "count \(count), peak at \(spot)")
        }
    }
}
