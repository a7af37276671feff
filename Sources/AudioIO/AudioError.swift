/// The one error type of ``AudioIO``: which file, at which stage, and why.
///
/// `description` is a single line suitable for a CLI, e.g.
/// `clip.wav: cannot open: File contains data in an unknown format.`
public struct AudioError: Error, CustomStringConvertible, Sendable, Equatable {
    /// What went wrong, coarse enough to test against.
    public enum Kind: String, Sendable, Equatable {
        /// The path does not exist.
        case notFound = "not found"
        /// The path is a directory, not a file.
        case isDirectory = "is a directory"
        /// The file exists but cannot be read (permissions, I/O error).
        case unreadable = "unreadable"
        /// The file has no bytes at all.
        case emptyFile = "empty file"
        /// libsndfile does not recognise the container or codec.
        case unsupportedFormat = "not a recognised audio format"
        /// The container is valid but holds no audio frames.
        case noAudio = "no audio frames"
        /// The stream ended early or a frame could not be decoded.
        case corrupt = "corrupt or truncated"
        /// Resampling failed (soxr's message).
        case resample = "resampling failed"
        /// Writing an encoded file failed.
        case write = "cannot write"
        /// A parameter was out of range (offset, duration, rate).
        case invalidArgument = "invalid argument"
    }

    /// The file concerned, as given by the caller.
    public let path: String
    public let kind: Kind
    /// The underlying library's own message (`sf_strerror`, soxr), or our detail.
    public let detail: String

    public init(path: String, kind: Kind, detail: String) {
        self.path = path
        self.kind = kind
        self.detail = detail
    }

    /// What went wrong, without the path: `kind (detail)`.
    public var reason: String { detail.isEmpty ? kind.rawValue : "\(kind.rawValue) (\(detail))" }

    public var description: String { "\(path): \(reason)" }
}
