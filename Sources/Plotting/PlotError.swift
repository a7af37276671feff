/// The one error type of the Plotting module. `description` is a single line suitable for a CLI.
public enum PlotError: Error, Equatable, Sendable, CustomStringConvertible {
    /// Input data that cannot be drawn (empty, mismatched shapes, non-positive rates...).
    case invalidInput(plot: String, reason: String)
    /// Encoding or writing a PNG failed; `path` is the destination, `reason` the system message.
    case writeFailed(path: String, reason: String)
    /// Reading or decoding a PNG failed; `reason` carries libpng's message.
    case readFailed(path: String, reason: String)

    public var description: String {
        switch self {
        case let .invalidInput(plot, reason): return "plot \(plot): \(reason)"
        case let .writeFailed(path, reason): return "cannot write PNG \(path): \(reason)"
        case let .readFailed(path, reason): return "cannot read PNG \(path): \(reason)"
        }
    }
}
