import Foundation

/// A figure that renders to a canvas of fixed pixel size.
public protocol Plot: Sendable {
    /// Canvas width and height in pixels.
    var width: Int { get }
    var height: Int { get }
    /// Draws the figure. Throws `PlotError.invalidInput` for data that cannot be drawn.
    func render() throws -> Canvas
}

extension Plot {
    /// The figure as PNG file bytes (see `PNGEncoder`).
    public func pngData() throws -> [UInt8] {
        PNGEncoder.encode(try render())
    }

    /// Renders and writes the figure to `path` atomically.
    public func write(to path: String) throws {
        try PNGEncoder.write(try render(), to: path)
    }

    /// Renders and writes the figure to a file URL atomically.
    public func write(to url: URL) throws {
        try write(to: url.path)
    }
}
