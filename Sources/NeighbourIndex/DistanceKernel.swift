/// SIMD distance kernels over contiguous `Float` rows.
///
/// One `SIMD16<Float>` accumulator is four independent SSE registers, so the additions pipeline
/// without an explicit multi-accumulator unroll. We use `acc += t * t` rather than `addingProduct`:
/// on a generic x86-64 target `addingProduct` becomes a libm `fmaf` call per lane.
/// Every path (single pair and the 4-row block) uses the same summation order, so a distance is
/// bit-identical whichever code path computed it — tie-breaks then agree between exact and approximate.
enum DistanceKernel {
    /// Pairwise horizontal sum (16 → 8 → 4 → 2 → 1). `SIMD16.sum()` adds the lanes one after another
    /// — 15 dependent additions, which dominated the cost of a 64-d distance.
    @inline(__always)
    static func hsum(_ v: SIMD16<Float>) -> Float {
        let a = v.lowHalf + v.highHalf
        let b = a.lowHalf + a.highHalf
        let c = b.lowHalf + b.highHalf
        return c[0] + c[1]
    }

    /// `‖a − b‖²` over `d` components.
    @inline(__always)
    static func squaredL2(_ a: UnsafePointer<Float>, _ b: UnsafePointer<Float>, _ d: Int) -> Float {
        let ra = UnsafeRawPointer(a), rb = UnsafeRawPointer(b)
        var acc = SIMD16<Float>()
        var i = 0
        while i + 16 <= d {
            let t = ra.loadUnaligned(fromByteOffset: i &* 4, as: SIMD16<Float>.self)
                - rb.loadUnaligned(fromByteOffset: i &* 4, as: SIMD16<Float>.self)
            acc += t * t
            i &+= 16
        }
        var s = hsum(acc)
        while i < d {
            let t = a[i] - b[i]
            s += t * t
            i &+= 1
        }
        return s
    }

    /// `a · b` over `d` components.
    @inline(__always)
    static func dot(_ a: UnsafePointer<Float>, _ b: UnsafePointer<Float>, _ d: Int) -> Float {
        let ra = UnsafeRawPointer(a), rb = UnsafeRawPointer(b)
        var acc = SIMD16<Float>()
        var i = 0
        while i + 16 <= d {
            acc += ra.loadUnaligned(fromByteOffset: i &* 4, as: SIMD16<Float>.self)
                * rb.loadUnaligned(fromByteOffset: i &* 4, as: SIMD16<Float>.self)
            i &+= 16
        }
        var s = hsum(acc)
        while i < d {
            s += a[i] * b[i]
            i &+= 1
        }
        return s
    }

    /// Squared distances from one row `x` to four rows `q0…q3` at once (each `x` chunk is loaded once).
    /// Results are bit-identical to four `squaredL2` calls.
    @inline(__always)
    static func squaredL2x4(
        _ x: UnsafePointer<Float>, _ q0: UnsafePointer<Float>, _ q1: UnsafePointer<Float>,
        _ q2: UnsafePointer<Float>, _ q3: UnsafePointer<Float>, _ d: Int
    ) -> SIMD4<Float> {
        let rx = UnsafeRawPointer(x)
        let r0 = UnsafeRawPointer(q0), r1 = UnsafeRawPointer(q1)
        let r2 = UnsafeRawPointer(q2), r3 = UnsafeRawPointer(q3)
        var a0 = SIMD16<Float>(), a1 = SIMD16<Float>(), a2 = SIMD16<Float>(), a3 = SIMD16<Float>()
        var i = 0
        while i + 16 <= d {
            let o = i &* 4
            let v = rx.loadUnaligned(fromByteOffset: o, as: SIMD16<Float>.self)
            let t0 = r0.loadUnaligned(fromByteOffset: o, as: SIMD16<Float>.self) - v
            let t1 = r1.loadUnaligned(fromByteOffset: o, as: SIMD16<Float>.self) - v
            let t2 = r2.loadUnaligned(fromByteOffset: o, as: SIMD16<Float>.self) - v
            let t3 = r3.loadUnaligned(fromByteOffset: o, as: SIMD16<Float>.self) - v
            a0 += t0 * t0
            a1 += t1 * t1
            a2 += t2 * t2
            a3 += t3 * t3
            i &+= 16
        }
        var s = SIMD4<Float>(hsum(a0), hsum(a1), hsum(a2), hsum(a3))
        while i < d {
            // (q − x)² == (x − q)² exactly in IEEE arithmetic, so this matches squaredL2(x, q).
            let t = SIMD4<Float>(q0[i], q1[i], q2[i], q3[i]) - SIMD4<Float>(repeating: x[i])
            s += t * t
            i &+= 1
        }
        return s
    }

    /// Dot products of one row `x` with four rows `q0…q3` at once (same summation order as `dot`).
    @inline(__always)
    static func dotx4(
        _ x: UnsafePointer<Float>, _ q0: UnsafePointer<Float>, _ q1: UnsafePointer<Float>,
        _ q2: UnsafePointer<Float>, _ q3: UnsafePointer<Float>, _ d: Int
    ) -> SIMD4<Float> {
        let rx = UnsafeRawPointer(x)
        let r0 = UnsafeRawPointer(q0), r1 = UnsafeRawPointer(q1)
        let r2 = UnsafeRawPointer(q2), r3 = UnsafeRawPointer(q3)
        var a0 = SIMD16<Float>(), a1 = SIMD16<Float>(), a2 = SIMD16<Float>(), a3 = SIMD16<Float>()
        var i = 0
        while i + 16 <= d {
            let o = i &* 4
            let v = rx.loadUnaligned(fromByteOffset: o, as: SIMD16<Float>.self)
            a0 += r0.loadUnaligned(fromByteOffset: o, as: SIMD16<Float>.self) * v
            a1 += r1.loadUnaligned(fromByteOffset: o, as: SIMD16<Float>.self) * v
            a2 += r2.loadUnaligned(fromByteOffset: o, as: SIMD16<Float>.self) * v
            a3 += r3.loadUnaligned(fromByteOffset: o, as: SIMD16<Float>.self) * v
            i &+= 16
        }
        var s = SIMD4<Float>(hsum(a0), hsum(a1), hsum(a2), hsum(a3))
        while i < d {
            s += SIMD4<Float>(q0[i], q1[i], q2[i], q3[i]) * SIMD4<Float>(repeating: x[i])
            i &+= 1
        }
        return s
    }
}
