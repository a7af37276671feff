import CPNG

/// A decoded PNG as RGB8 pixels, read with libpng's simplified API (which handles libpng
/// errors internally and reports them as a message). Used by tests and callers that verify output.
public struct PNGImage: Sendable, Equatable {
    public let width: Int
    public let height: Int
    /// r, g, b per pixel, row-major from the top-left.
    public let pixels: [UInt8]
    /// Whether the file stored a colour-mapped (palette) image.
    public let isPalette: Bool

    /// The colour at (x, y); callers must stay inside the image.
    public func pixel(x: Int, y: Int) -> RGB {
        let i = (y * width + x) * 3
        return RGB(pixels[i], pixels[i + 1], pixels[i + 2])
    }

    /// Decodes the PNG file at `path` to RGB8.
    public static func read(_ path: String) throws -> PNGImage {
        var image = png_image()
        image.version = png_uint_32(PNG_IMAGE_VERSION)
        guard png_image_begin_read_from_file(&image, path) != 0 else {
            throw PlotError.readFailed(path: path, reason: message(&image))
        }
        return try finish(&image, path: path)
    }

    /// Decodes PNG bytes held in memory.
    public static func decode(_ bytes: [UInt8]) throws -> PNGImage {
        // The simplified reader keeps a pointer to the memory until finish, so both happen here.
        try bytes.withUnsafeBytes { raw in
            var image = png_image()
            image.version = png_uint_32(PNG_IMAGE_VERSION)
            guard png_image_begin_read_from_memory(&image, raw.baseAddress, raw.count) != 0 else {
                throw PlotError.readFailed(path: "<memory>", reason: message(&image))
            }
            return try finish(&image, path: "<memory>")
        }
    }

    private static func finish(_ image: inout png_image, path: String) throws -> PNGImage {
        let isPalette = image.format & png_uint_32(PNG_FORMAT_FLAG_COLORMAP) != 0
        image.format = png_uint_32(PNG_FORMAT_RGB)
        let width = Int(image.width), height = Int(image.height)
        guard width > 0, height > 0, width <= 1 << 15, height <= 1 << 15 else {
            png_image_free(&image)
            throw PlotError.readFailed(path: path, reason: "unsupported size \(width)x\(height)")
        }
        var pixels = [UInt8](repeating: 0, count: width * height * 3)
        let ok = pixels.withUnsafeMutableBytes { png_image_finish_read(&image, nil, $0.baseAddress, 0, nil) }
        guard ok != 0 else {
            let reason = message(&image)
            png_image_free(&image)
            throw PlotError.readFailed(path: path, reason: reason)
        }
        return PNGImage(width: width, height: height, pixels: pixels, isPalette: isPalette)
    }

    private static func message(_ image: inout png_image) -> String {
        withUnsafeBytes(of: &image.message) { raw in
            let bytes = raw.prefix { $0 != 0 }
            return String(decoding: bytes, as: UTF8.self)
        }
    }
}
