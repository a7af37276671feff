#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The distinct colours of a canvas when there are at most 256, with one index byte per pixel.
struct Palette {
    var colors: [RGB]
    var indices: [UInt8]

    /// nil when the canvas has more than 256 colours. Colours are numbered in order of first
    /// appearance (row-major scan), which makes the palette deterministic.
    static func extract(_ canvas: Canvas) -> Palette? {
        // Open-addressing hash table keyed by 0xRRGGBB (+1 so that 0 means empty), in raw
        // buffers: most pixels of a heatmap row differ from their left neighbour, so the lookup
        // is the hot path.
        let slots = 1024
        let keys = UnsafeMutableBufferPointer<UInt32>.allocate(capacity: slots)
        let values = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: slots)
        keys.initialize(repeating: 0)
        values.initialize(repeating: 0)
        defer { keys.deallocate(); values.deallocate() }
        var colors: [RGB] = []
        var indices = [UInt8](repeating: 0, count: canvas.width * canvas.height)
        var lastKey: UInt32 = 0
        var lastIndex: UInt8 = 0
        let ok = canvas.pixels.withUnsafeBufferPointer { px -> Bool in
            indices.withUnsafeMutableBufferPointer { out -> Bool in
                let width = canvas.width, rowBytes = 3 * width, stretch = 32
                for row in 0..<canvas.height {
                    var x = 0
                    while x < width {
                        let first = row * width + x, count = min(stretch, width - x)
                        x += count
                        // A stretch equal to the one above (heatmap cells are many rows tall)
                        // copies its indices: one memcmp instead of a lookup per pixel. Compared
                        // in stretches because colour bars and labels make whole rows differ.
                        if row > 0 && memcmp(px.baseAddress! + 3 * first, px.baseAddress! + 3 * first - rowBytes, 3 * count) == 0 {
                            (out.baseAddress! + first).update(from: out.baseAddress! + first - width, count: count)
                            continue
                        }
                        var i = 3 * first
                        for n in first..<(first + count) {
                            let key = (UInt32(px[i]) << 16 | UInt32(px[i + 1]) << 8 | UInt32(px[i + 2])) + 1
                            i += 3
                            if key == lastKey {
                                out[n] = lastIndex
                                continue
                            }
                            var slot = Int((key &* 2_654_435_761) >> 22) & (slots - 1)
                            while true {
                                let k = keys[slot]
                                if k == key { break }
                                if k == 0 {
                                    guard colors.count < 256 else { return false }
                                    keys[slot] = key
                                    values[slot] = UInt8(colors.count)
                                    let c = key - 1
                                    colors.append(RGB(UInt8(c >> 16), UInt8((c >> 8) & 0xFF), UInt8(c & 0xFF)))
                                    break
                                }
                                slot = (slot + 1) & (slots - 1)
                            }
                            lastKey = key
                            lastIndex = values[slot]
                            out[n] = lastIndex
                        }
                    }
                }
                return true
            }
        }
        return ok ? Palette(colors: colors, indices: indices) : nil
    }
}
