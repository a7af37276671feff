import Foundation
import Support
import Mustache

/// The templates and assets one site is built from: the embedded defaults, each replaced by the file
/// of the same relative path in an override folder when that folder has one.
struct TemplateSet: Sendable {
    /// Parsed templates, registered under their path without `.mustache` (`index`, `head`, …).
    let library: MustacheLibrary
    /// Files copied verbatim into the output, relative paths under `assets/`, sorted.
    let assets: [(path: String, contents: Data)]

    /// Templates every page needs; each must parse.
    static let requiredTemplates = ["head", "foot", "index", "track", "neighbours", "map", "about", "route"]

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
        if let overridesDirectory { try Self.readOverrides(overridesDirectory, texts: &texts, assets: &assets) }
        library = try Self.parse(texts, origin: { name in
            overridesDirectory.map { $0.appendingPathComponent(name + ".mustache").path } ?? "built-in " + name + ".mustache"
        })
        self.assets = assets.sorted { UTF8Order.precedes($0.key, $1.key) }.map { (path: $0.key, contents: $0.value) }
    }

    /// Replaces the defaults with the override folder's templates and assets of the same paths.
    static func readOverrides(_ folder: URL, texts: inout [String: String], assets: inout [String: Data]) throws {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder.path, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw SiteError(stage: .templates, path: folder.path, message: "not a folder")
        }
        for path in texts.keys {
            let url = folder.appendingPathComponent(path)
            var info = stat()
            guard lstat(url.path, &info) == 0 else { continue }
            guard info.st_mode & S_IFMT == S_IFREG else {
                let what = info.st_mode & S_IFMT == S_IFLNK ? "a symbolic link" : "not a regular file"
                throw SiteError(stage: .templates, path: url.path, message: "is \(what); template files must be regular files")
            }
            guard let data = try? Data(contentsOf: url), let text = String(data: data, encoding: .utf8) else {
                throw SiteError(stage: .templates, path: url.path, message: "cannot be read as UTF-8 text")
            }
            texts[path] = text
        }
        for path in try assetFiles(in: folder.appendingPathComponent("assets")) {
            let url = folder.appendingPathComponent("assets").appendingPathComponent(path)
            guard let data = try? Data(contentsOf: url) else {
                throw SiteError(stage: .templates, path: url.path, message: "cannot be read")
            }
            assets["assets/" + path] = data
        }
    }

    /// Parses and registers the templates (path → text), then checks their partials
    /// (``PartialGraph``); `origin` names a template (by name) in errors.
    static func parse(_ texts: [String: String], origin: (String) -> String) throws -> MustacheLibrary {
        HTMLEscaping.register
        var library = MustacheLibrary()
        for (path, text) in texts.sorted(by: { $0.key < $1.key }) {
            let name = String(path.dropLast(".mustache".count))
            do {
                // Same line, not standalone: line numbers and output are unchanged.
                try library.register(HTMLEscaping.pragma + text, named: name)
            } catch {
                throw SiteError(stage: .templates, path: origin(name), message: "not a valid Mustache template (\(describe(error)))")
            }
        }
        let parsed = Dictionary(uniqueKeysWithValues: texts.keys.compactMap { path -> (String, MustacheTemplate)? in
            let name = String(path.dropLast(".mustache".count))
            return library.getTemplate(named: name).map { (name, $0) }
        })
        if let (name, message) = PartialGraph.problem(in: parsed) {
            throw SiteError(stage: .templates, path: origin(name), message: message)
        }
        return library
    }

    /// Renders template `name` with `model` (a value whose stored properties the template names).
    func render(_ name: String, _ model: Any) throws -> String {
        guard let text = library.render(model, withTemplate: name) else {
            throw SiteError(stage: .render, path: name + ".mustache", message: "no such template")
        }
        return text
    }

    /// Regular files under `directory` (recursively), as `/`-separated relative paths, sorted;
    /// none when the folder does not exist. Hidden files are left out.
    private static func assetFiles(in directory: URL) throws -> [String] {
        guard !isLink(directory) else {
            throw SiteError(stage: .templates, path: directory.path, message: "is a symbolic link; the assets folder must be a real folder")
        }
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: directory.path, isDirectory: &isDirectory),
              isDirectory.boolValue else { return [] }
        guard let enumerator = FileManager.default.enumerator(at: directory, includingPropertiesForKeys: [.isRegularFileKey],
                                                              options: [.skipsHiddenFiles]) else { return [] }
        let base = SiteLinks.components(ofDirectory: directory)
        var found: [String] = []
        for case let url as URL in enumerator {
            guard !isLink(url) else {
                throw SiteError(stage: .templates, path: url.path, message: "is a symbolic link; assets must be regular files")
            }
            var info = stat()
            guard lstat(url.path, &info) == 0, info.st_mode & S_IFMT == S_IFREG || info.st_mode & S_IFMT == S_IFDIR else {
                throw SiteError(stage: .templates, path: url.path, message: "is not a regular file (a pipe, socket or device); assets must be regular files")
            }
            guard info.st_mode & S_IFMT == S_IFREG else { continue }
            let parts = url.standardizedFileURL.resolvingSymlinksInPath().pathComponents.filter { $0 != "/" }
            guard parts.count > base.count, Array(parts.prefix(base.count)) == base else { continue }
            found.append(parts.dropFirst(base.count).joined(separator: "/"))
        }
        return found.sorted(by: UTF8Order.precedes)
    }

    /// A Mustache parse error as `line L, column C: reason`.
    static func describe(_ error: any Error) -> String {
        guard let parse = error as? MustacheTemplate.ParserError else { return String(describing: error) }
        let reason: String
        switch parse.error {
        case MustacheTemplate.Error.sectionCloseNameIncorrect: reason = "a section is closed with another name than it was opened with"
        case MustacheTemplate.Error.unfinishedName: reason = "a tag's name is unfinished or has characters names cannot have"
        case MustacheTemplate.Error.expectedSectionEnd: reason = "a section is never closed"
        case MustacheTemplate.Error.invalidSetDelimiter: reason = "a set-delimiter tag is malformed"
        case MustacheTemplate.Error.transformAppliedToInheritanceSection: reason = "a transform is applied to an inheritance section"
        case MustacheTemplate.Error.illegalTokenInsideInheritSection, MustacheTemplate.Error.textInsideInheritSection:
            reason = "an inheritance section holds something other than blocks"
        case MustacheTemplate.Error.invalidConfigVariableSyntax, MustacheTemplate.Error.unrecognisedConfigVariable:
            reason = "a pragma is malformed or unknown"
        default: reason = "a tag is not closed"
        }
        // The escaping pragma is prepended on the first line: columns there count from the template's start.
        let column = parse.context.lineNumber == 1 ? max(1, parse.context.columnNumber - HTMLEscaping.pragma.count) : parse.context.columnNumber
        return "line \(parse.context.lineNumber), column \(column): \(reason)"
    }

    /// Whether `url` itself is a symbolic link (not followed).
    static func isLink(_ url: URL) -> Bool {
        var info = stat()
        return lstat(url.path, &info) == 0 && info.st_mode & S_IFMT == S_IFLNK
    }
}
