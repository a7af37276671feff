/// Small vectorised kernels shared by the front end and the rhythm features.
enum VectorOps {
    /// Σ a[i]·b[i] with eight SIMD lanes (summation order differs from a scalar loop by
    /// rounding only, ~1e-7 relative).
    @inline(__always)
    static func dot(_ a: UnsafePointer<Float>, _ b: UnsafePointer<Float>, _ n: Int) -> Float {
        var acc = SIMD8<Float>()
        var i = 0
        while i + 8 <= n {
            let x = UnsafeRawPointer(a + i).loadUnaligned(as: SIMD8<Float>.self)
            let y = UnsafeRawPointer(b + i).loadUnaligned(as: SIMD8<Float>.self)
            acc += x * y
            i += 8
        }
        var sum = acc.sum()
        while i < n {
            sum += a[i] * b[i]
            i += 1
        }
        return sum
    }

    /// The largest element (−∞ for an empty buffer; NaN never wins), eight lanes at a time by
    /// compare-and-select (the stdlib's pointwiseMax on SIMD8 is not inlined).
    static func max(_ p: UnsafeBufferPointer<Float>) -> Float {
        guard let base = p.baseAddress else { return -.infinity }
        var lanes = SIMD8<Float>(repeating: -.infinity)
        var i = 0
        while i + 8 <= p.count {
            let v = UnsafeRawPointer(base + i).loadUnaligned(as: SIMD8<Float>.self)
            lanes = lanes.replacing(with: v, where: v .> lanes)
            i += 8
        }
        var m = lanes.max()
        while i < p.count {
            if p[i] > m { m = p[i] }
            i += 1
        }
        return m
    }

    /// How many elements are NaN or ±∞ (exponent bits all set). Counts without an early exit,
    /// so the loop vectorises (an `allSatisfy(\.isFinite)` over a 30 s clip stops at nothing
    /// and runs one element at a time).
    static func nonFiniteCount(_ x: [Float]) -> Int {
        x.withUnsafeBufferPointer { p in
            // Exponent all ones is the only case where adding one to it carries into bit 31.
            var n: UInt32 = 0
            for i in 0..<p.count { n &+= ((p[i].bitPattern & 0x7F80_0000) &+ 0x0080_0000) >> 31 }
            return Int(n)
        }
    }
}
