import Catalog
import Foundation

/// How pages reference each track's audio clip.
public enum AudioMode: String, Sendable, CaseIterable {
    /// A relative link from each page to the clip inside the dataset folder; nothing is copied, so the
    /// site plays audio only while the dataset stays where it was (relative to the output folder).
    case link
    /// Copy every clip to `audio/<shard>/<id>.<ext>` inside the output folder: a self-contained site.
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

extension SiteOptions {
    /// A string that changes whenever the site these options write would: the audio mode and the
    /// content of every file of the templates folder (path and SHA-256), for the build's inputs key
    /// (`BuildOptions.outputKey`). A file that cannot be read makes the key unique, so the build runs.
    public var outputKey: String {
        var text = "audio=\(audio)"
        guard let folder = templatesDirectory else { return text + ";templates=built-in" }
        let files = (FileManager.default.enumerator(atPath: folder.path)?.allObjects as? [String] ?? []).sorted()
        for file in files {
            let path = folder.appendingPathComponent(file).path
            var isDir: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDir), !isDir.boolValue else { continue }
            text += ";\(file)=" + ((try? ContentHash.of(path: path)) ?? UUID().uuidString)
        }
        return text
    }
}
