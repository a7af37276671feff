import CPNG
import Foundation
import Support

/// PNG encoding with libpng: 8-bit palette when the canvas has at most 256 colours, numbered in
/// first-seen order so the palette is deterministic; RGB8 with adaptive filtering otherwise. No
/// tIME or other time-dependent chunk, so the same canvas always gives the same bytes.
///
/// Palette images are compressed by default with zlib's run-length strategy (`Z_RLE`: matches at
/// distance 1 only, no hash chains) and libpng's choice per row between the None and Up filters,
/// so a row equal to the one above costs a single run. On the per-track plots that encodes
/// 25-40 % faster than the level-4 default strategy for about the same bytes (bench-plots prints
/// the table); plots are flat areas and straight lines, which is where run-length wins.
/// With `runLength: false` the zlib level decides (the default strategy, filter None): level 9
/// saves about 15 % of the bytes at 4-9x the time.
public enum PNGEncoder {
    /// The default zlib compression level (0...9).
    public static let defaultLevel = 4

    /// The encoded PNG file bytes. `level` is the zlib compression level, clamped to 0...9 (0
    /// stores); `runLength` selects `Z_RLE` with None/Up row filters for palette images (RGB
    /// images always use the default strategy and adaptive filters).
    public static func encode(_ canvas: Canvas, level: Int = defaultLevel, runLength: Bool = true) -> [UInt8] {
        let palette = Palette.extract(canvas)
        let sink = ByteSink()
        let box = Unmanaged.passRetained(sink)
        defer { box.release() }
        // libpng reports errors by longjmp, which Swift cannot catch. With an in-memory sink and
        // parameters validated here (sides 1...8192, 8-bit RGB or palette), no input can trigger
        // one; a libpng error would be an internal fault and stops with its message.
        guard let png = png_create_write_struct(PNG_LIBPNG_VER_STRING, nil, pngError, pngWarning) else {
            fatalError("libpng: png_create_write_struct failed (out of memory)")
        }
        var pngOpt: png_structp? = png
        guard let info = png_create_info_struct(png) else {
            png_destroy_write_struct(&pngOpt, nil)
            fatalError("libpng: png_create_info_struct failed (out of memory)")
        }
        var infoOpt: png_infop? = info
        defer { png_destroy_write_struct(&pngOpt, &infoOpt) }

        png_set_write_fn(png, box.toOpaque(), pngWrite, pngFlush)
        png_set_compression_level(png, Int32(min(max(level, 0), 9)))
        png_set_compression_mem_level(png, 9)
        let w = png_uint_32(canvas.width), h = png_uint_32(canvas.height)
        if let palette {
            png_set_IHDR(png, info, w, h, 8, PNG_COLOR_TYPE_PALETTE, PNG_INTERLACE_NONE,
                         PNG_COMPRESSION_TYPE_DEFAULT, PNG_FILTER_TYPE_DEFAULT)
            var entries = palette.colors.map { png_color(red: $0.r, green: $0.g, blue: $0.b) }
            png_set_PLTE(png, info, &entries, Int32(entries.count))
            if runLength {
                png_set_compression_strategy(png, 3) // Z_RLE (zlib.h, which png.h does not include)
                png_set_filter(png, PNG_FILTER_TYPE_BASE, PNG_FILTER_NONE | PNG_FILTER_UP)
            } else {
                png_set_filter(png, PNG_FILTER_TYPE_BASE, PNG_FILTER_NONE)
            }
        } else {
            png_set_IHDR(png, info, w, h, 8, PNG_COLOR_TYPE_RGB, PNG_INTERLACE_NONE,
                         PNG_COMPRESSION_TYPE_DEFAULT, PNG_FILTER_TYPE_DEFAULT)
            png_set_filter(png, PNG_FILTER_TYPE_BASE,
                           PNG_FILTER_NONE | PNG_FILTER_SUB | PNG_FILTER_UP | PNG_FILTER_AVG | PNG_FILTER_PAETH)
        }
        png_write_info(png, info)
        if let palette {
            palette.indices.withUnsafeBufferPointer { p in
                for row in 0..<canvas.height {
                    let line = p.baseAddress! + row * canvas.width
                    if runLength && row > 0 {
                        // libpng's own choice between the filters costs more than the deflate;
                        // the same rule in a vectorised loop gives the same bytes. Row 0 keeps both filters:
                        // libpng sizes its row buffers for the filters set at the first row.
                        let up = RowFilter.prefersUp(line, above: line - canvas.width, count: canvas.width)
                        png_set_filter(png, PNG_FILTER_TYPE_BASE, up ? PNG_FILTER_UP : PNG_FILTER_NONE)
                    }
                    png_write_row(png, line)
                }
            }
        } else {
            canvas.pixels.withUnsafeBufferPointer { p in
                for row in 0..<canvas.height {
                    png_write_row(png, p.baseAddress! + row * canvas.width * 3)
                }
            }
        }
        png_write_end(png, info)
        return sink.bytes
    }

    /// Encodes `canvas` and writes it to `path` atomically (a temporary file in the same folder,
    /// then rename), so readers never see a half-written PNG.
    public static func write(_ canvas: Canvas, to path: String, level: Int = defaultLevel) throws {
        let bytes = encode(canvas, level: level)
        do { try AtomicFile.write(Data(bytes), to: URL(fileURLWithPath: path)) } catch {
            throw PlotError.writeFailed(path: path, reason: ErrorText.line(error))
        }
    }
}

/// Collects libpng's output in memory.
final class ByteSink {
    var bytes: [UInt8] = []
}

private let pngWrite: @convention(c) (png_structp?, png_bytep?, Int) -> Void = { png, data, length in
    guard let png, let data, let io = png_get_io_ptr(png) else { return }
    let sink = Unmanaged<ByteSink>.fromOpaque(io).takeUnretainedValue()
    sink.bytes.append(contentsOf: UnsafeBufferPointer(start: data, count: length))
}

private let pngFlush: @convention(c) (png_structp?) -> Void = { _ in }

private let pngError: @convention(c) (png_structp?, png_const_charp?) -> Void = { _, message in
    fatalError("libpng: " + (message.map { String(cString: $0) } ?? "unknown error"))
}

private let pngWarning: @convention(c) (png_structp?, png_const_charp?) -> Void = { _, _ in }
