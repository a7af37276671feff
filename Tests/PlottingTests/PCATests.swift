import Testing
@testable import Plotting

@Suite struct PCATests {
    @Test func recoversTheDominantDirectionWithSignConvention() throws {
        // Points along (3, -4, 0)/5 with small orthogonal noise.
        let noiseA = noise(count: 200, seed: 5), noiseB = noise(count: 200, seed: 6)
        let vectors: [[Float]] = (0..<200).map { i in
            let t = Float(i - 100) / 10
            return [3 * t / 5 + 0.01 * noiseA[i], -4 * t / 5, 0.02 * noiseB[i]]
        }
        let result = try PCA.fit(vectors, components: 2)
        let axis = result.axes[0]
        // Largest-magnitude entry (-4/5) is made positive: axis ≈ (-0.6, 0.8, 0).
        #expect(abs(axis[0] + 0.6) < 1e-3 && abs(axis[1] - 0.8) < 1e-3 && abs(axis[2]) < 1e-2)
        #expect(abs(zip(result.axes[0], result.axes[1]).reduce(0) { $0 + $1.0 * $1.1 }) < 1e-9)
        #expect(result.variances[0] > 100 * result.variances[1])
        #expect(result.variances[0] <= result.totalVariance * (1 + 1e-9))
        #expect(result.points.count == 200 && result.points[0].count == 2)
    }

    /// Fitted on a sample: the same as `fit` up to the sample size; beyond it, the same axes within a
    /// small angle on data with a clear structure, and every vector projected.
    @Test func sampledFit() throws {
        let small = (0..<50).map { i in noise(count: 8, seed: UInt64(i + 300)) }
        #expect(try PCA.fit(small, components: 2, sample: 50) == PCA.fit(small, components: 2))
        let n = 3_000
        let e = noise(count: n, seed: 9), f = noise(count: n, seed: 10), g = noise(count: n, seed: 11)
        let vectors: [[Float]] = (0..<n).map { i in [4 * e[i], 2 * f[i], 0.3 * g[i], 4 * e[i] + 0.1 * g[i]] }
        let full = try PCA.fit(vectors, components: 2), sampled = try PCA.fit(vectors, components: 2, sample: 500)
        #expect(sampled.points.count == n)
        for k in 0..<2 {
            let cosine = abs(zip(full.axes[k], sampled.axes[k]).reduce(0) { $0 + $1.0 * $1.1 })
            #expect(cosine > 0.99, "axis \(k): cos \(cosine)")
        }
        let again = try PCA.fit(vectors, components: 2, sample: 500)
        #expect(abs(sampled.points[7][0]) > 0 && again == sampled)
    }

    @Test func deterministicAcrossRuns() throws {
        let vectors = (0..<50).map { i in noise(count: 16, seed: UInt64(i + 100)) }
        #expect(try PCA.fit(vectors) == PCA.fit(vectors))
    }

    @Test func degenerateInputs() throws {
        #expect(try PCA.project([[1, 2, 3]]) == [[0, 0]])
        let constant = try PCA.fit([[Float]](repeating: [1, 1], count: 5))
        #expect(constant.variances == [0, 0])
        #expect(constant.points.allSatisfy { $0 == [0, 0] })
        #expect(throws: PlotError.self) { try PCA.project([]) }
        #expect(throws: PlotError.self) { try PCA.project([[1], [2]], components: 2) }
        #expect(throws: PlotError.self) { try PCA.project([[1, 2], [3]]) }
        #expect(throws: PlotError.self) { try PCA.project([[1, .nan], [3, 4]]) }
    }
}
