import Foundation
import Mustache

/// The templates and assets one site is built from: the embedded defaults, each replaced by the file
/// of the same relative path in an override folder when that folder has one.
struct TemplateSet: Sendable {
    /// Parsed templates, registered under their path without `.mustache` (`index`, `head`, …).
    let library: MustacheLibrary
    /// Files copied verbatim into the output, relative paths under `assets/`, sorted.
    let assets: [(path: String, contents: Data)]

    /// Templates every page needs; each must parse.
    static let requiredTemplates = ["head", "foot", "index", "track", "neighbours", "map", "about"]

    init(overridesDirectory: URL?) throws {
        var texts: [String: String] = [:]
        var assets: [String: Data] = [:]
        for (path, contents) in DefaultTemplates.files {
            if path.hasSuffix(".mustache") {
                texts[path] = contents
            } else if path.hasPrefix("assets/") {
                assets[path] = Data(contents.utf8)
            }
        }
        if let overridesDirectory {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: overridesDirectory.path, isDirectory: &isDirectory),
                  isDirectory.boolValue else {
                throw SiteError(stage: "templates", path: overridesDirectory.path, message: "not a folder")
            }
            for path in texts.keys {
                let url = overridesDirectory.appendingPathComponent(path)
                guard FileManager.default.fileExists(atPath: url.path) || Self.isLink(url) else { continue }
                guard !Self.isLink(url) else {
                    throw SiteError(stage: "templates", path: url.path, message: "is a symbolic link; template files must be regular files")
                }
                guard let data = try? Data(contentsOf: url), let text = String(data: data, encoding: .utf8) else {
                    throw SiteError(stage: "templates", path: url.path, message: "cannot be read as UTF-8 text")
                }
                texts[path] = text
            }
            for path in try Self.assetFiles(in: overridesDirectory.appendingPathComponent("assets")) {
                let url = overridesDirectory.appendingPathComponent("assets").appendingPathComponent(path)
                guard let data = try? Data(contentsOf: url) else {
                    throw SiteError(stage: "templates", path: url.path, message: "cannot be read")
                }
                assets["assets/" + path] = data
            }
        }
        HTMLEscaping.register
        var library = MustacheLibrary()
        for (path, text) in texts.sorted(by: { $0.key < $1.key }) {
            do {
                // Same line, not standalone: line numbers and output are unchanged.
                try library.register(HTMLEscaping.pragma + text, named: String(path.dropLast(".mustache".count)))
            } catch {
                let origin = overridesDirectory.map { $0.appendingPathComponent(path).path } ?? "built-in " + path
                throw SiteError(stage: "templates", path: origin, message: "not a valid Mustache template (\(error))")
            }
        }
        var parsed: [String: MustacheTemplate] = [:]
        for path in texts.keys {
            let name = String(path.dropLast(".mustache".count))
            parsed[name] = library.getTemplate(named: name)
        }
        if let (name, message) = PartialGraph.problem(in: parsed) {
            let origin = overridesDirectory.map { $0.appendingPathComponent(name + ".mustache").path } ?? "built-in " + name
            throw SiteError(stage: "templates", path: origin, message: message)
        }
        self.library = library
        self.assets = assets.sorted { Array($0.key.utf8).lexicographicallyPrecedes(Array($1.key.utf8)) }
            .map { (path: $0.key, contents: $0.value) }
    }

    /// Renders template `name` with `model` (a value whose stored properties the template names).
    func render(_ name: String, _ model: Any) throws -> String {
        guard let text = library.render(model, withTemplate: name) else {
            throw SiteError(stage: "render", path: name + ".mustache", message: "no such template")
        }
        return text
    }

    /// Regular files under `directory` (recursively), as `/`-separated relative paths, sorted;
    /// none when the folder does not exist. Hidden files are left out.
    private static func assetFiles(in directory: URL) throws -> [String] {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: directory.path, isDirectory: &isDirectory),
              isDirectory.boolValue else { return [] }
        guard let enumerator = FileManager.default.enumerator(at: directory, includingPropertiesForKeys: [.isRegularFileKey],
                                                              options: [.skipsHiddenFiles]) else { return [] }
        let base = SiteLinks.components(ofDirectory: directory)
        var found: [String] = []
        for case let url as URL in enumerator {
            guard !isLink(url) else {
                throw SiteError(stage: "templates", path: url.path, message: "is a symbolic link; assets must be regular files")
            }
            guard (try? url.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true else { continue }
            let parts = url.standardizedFileURL.resolvingSymlinksInPath().pathComponents.filter { $0 != "/" }
            guard parts.count > base.count, Array(parts.prefix(base.count)) == base else { continue }
            found.append(parts.dropFirst(base.count).joined(separator: "/"))
        }
        return found.sorted { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) }
    }

    /// Whether `url` itself is a symbolic link (not followed).
    static func isLink(_ url: URL) -> Bool {
        var info = stat()
        return lstat(url.path, &info) == 0 && info.st_mode & S_IFMT == S_IFLNK
    }
}
