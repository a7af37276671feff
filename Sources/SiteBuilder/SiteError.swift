/// Why a site could not be written: the stage, the file concerned and what went wrong, as one line.
public struct SiteError: Error, CustomStringConvertible, Sendable, Equatable {
    /// What the builder was doing.
    public enum Stage: String, Sendable, Equatable {
        /// Checking the catalog document the site is built from.
        case catalog
        /// Loading, parsing and checking templates and assets.
        case templates
        /// Rendering a page.
        case render
        /// Linking or copying audio.
        case audio
        /// Writing files.
        case write
    }

    public var stage: Stage
    /// The file or track concerned.
    public var path: String
    /// The underlying problem.
    public var message: String

    public init(stage: Stage, path: String, message: String) {
        self.stage = stage
        self.path = path
        self.message = message
    }

    public var description: String { "site \(stage.rawValue) failed for \(path): \(message)" }
}
