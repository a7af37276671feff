import Foundation

/// How pages reference each track's audio clip.
public enum AudioMode: String, Sendable, CaseIterable {
    /// A relative link from each page to the clip inside the dataset folder; nothing is copied, so the
    /// site plays audio only while the dataset stays where it was (relative to the output folder).
    case link
    /// Copy every clip to `audio/<id>.<ext>` inside the output folder: a self-contained site.
    case copy
    /// No audio players at all.
    case none
}

/// Choices for one site build.
public struct SiteOptions: Sendable {
    /// A folder whose files replace the embedded defaults of the same relative path
    /// (`index.mustache`, `assets/site.css`, …); files it lacks fall back to the defaults.
    public var templatesDirectory: URL?
    /// How audio is referenced (default `.link`).
    public var audio: AudioMode
    /// The dataset folder that every `CatalogTrack.file` is relative to (absolute).
    public var datasetRoot: URL

    public init(datasetRoot: URL, audio: AudioMode = .link, templatesDirectory: URL? = nil) {
        self.datasetRoot = datasetRoot
        self.audio = audio
        self.templatesDirectory = templatesDirectory
    }
}
