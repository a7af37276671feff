/// Why a site could not be written: the stage, the file concerned and what went wrong, as one line.
public struct SiteError: Error, CustomStringConvertible, Sendable, Equatable {
    /// What the builder was doing (`templates`, `render`, `audio`, `write`, `catalog`).
    public var stage: String
    /// The file or track concerned.
    public var path: String
    /// The underlying problem.
    public var message: String

    public init(stage: String, path: String, message: String) {
        self.stage = stage
        self.path = path
        self.message = message
    }

    public var description: String { "site \(stage) failed for \(path): \(message)" }
}
