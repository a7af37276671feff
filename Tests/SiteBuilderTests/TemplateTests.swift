import Catalog
import Foundation
import Support
import Mustache
import Testing
@testable import SiteBuilder

@Suite("Templates")
struct TemplateTests {
    /// `site-templates/` of this checkout.
    static let sourceFolder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("site-templates")

    @Test("DefaultTemplates.swift matches site-templates/ (run scripts/embed-templates.py)")
    func embeddedInSync() throws {
        let onDisk = HTMLScan.allFiles(under: Self.sourceFolder).filter { !$0.lastPathComponent.hasPrefix(".") }
        let base = Self.sourceFolder.standardizedFileURL.path + "/"
        var disk: [String: String] = [:]
        for url in onDisk {
            disk[String(url.standardizedFileURL.path.dropFirst(base.count))] = try String(contentsOf: url, encoding: .utf8)
        }
        let embedded = Dictionary(uniqueKeysWithValues: DefaultTemplates.files.map { ($0.path, $0.contents) })
        #expect(Set(disk.keys) == Set(embedded.keys), "file lists differ: run scripts/embed-templates.py")
        for (path, text) in disk {
            #expect(embedded[path] == text, "\(path) differs from the embedded copy: run scripts/embed-templates.py")
        }
    }

    @Test("every default template parses and the required ones exist")
    func defaultsParse() throws {
        let set = try TemplateSet(overridesDirectory: nil)
        for name in TemplateSet.requiredTemplates { #expect(set.library.getTemplate(named: name) != nil, "\(name)") }
        #expect(set.assets.map(\.path) == ["assets/site.css", "assets/site.js"])
    }

    @Test("export writes the defaults, refuses to overwrite, and an override folder replaces single files")
    func exportAndOverride() throws {
        let f = try SiteFixture()
        defer { f.remove() }
        let folder = f.root.appendingPathComponent("my-templates")
        try SiteBuilder.exportTemplates(to: folder)
        for path in SiteBuilder.templateFileNames {
            #expect(FileManager.default.fileExists(atPath: folder.appendingPathComponent(path).path), "\(path)")
        }
        #expect(throws: SiteError.self) { try SiteBuilder.exportTemplates(to: folder) }
        try SiteBuilder.exportTemplates(to: folder, overwrite: true)

        // Keep only a changed map page, a changed stylesheet and an extra asset: the rest falls back.
        for path in SiteBuilder.templateFileNames { try FileManager.default.removeItem(at: folder.appendingPathComponent(path)) }
        try Data("<!DOCTYPE html><title>custom</title><p>{{trackCountText}} custom tracks</p>".utf8)
            .write(to: folder.appendingPathComponent("map.mustache"))
        try Data("body { color: teal; }".utf8).write(to: folder.appendingPathComponent("assets/site.css"))
        try Data([1, 2, 3]).write(to: folder.appendingPathComponent("assets/logo.bin"))
        try f.writeSite(SiteOptions(datasetRoot: f.dataset, audio: .none, templatesDirectory: folder))
        let map = try String(contentsOf: f.output.appendingPathComponent("map.html"), encoding: .utf8)
        #expect(map.contains("<p>\(f.document.tracks.count) custom tracks</p>"))
        #expect(try String(contentsOf: f.output.appendingPathComponent("assets/site.css"), encoding: .utf8) == "body { color: teal; }")
        #expect(try Data(contentsOf: f.output.appendingPathComponent("assets/logo.bin")) == Data([1, 2, 3]))
        let index = try String(contentsOf: f.output.appendingPathComponent("index.html"), encoding: .utf8)
        #expect(index.contains("id=\"catalog-data\""))
    }

    @Test("a broken override template is a clear error naming the file")
    func brokenOverride() throws {
        let f = try SiteFixture()
        defer { f.remove() }
        let folder = f.root.appendingPathComponent("broken")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try Data("{{#open}} never closed".utf8).write(to: folder.appendingPathComponent("about.mustache"))
        do {
            try f.writeSite(SiteOptions(datasetRoot: f.dataset, templatesDirectory: folder))
            Issue.record("expected an error")
        } catch let error as SiteError {
            #expect(error.stage == .templates && error.path.hasSuffix("about.mustache"))
        }
    }
}

@Suite("Formatting and links")
struct FormatTests {
    @Test func numbers() {
        #expect(SiteFormat.fixed(123.45, digits: 1) == "123.5")
        #expect(SiteFormat.fixed(-0.04, digits: 1) == "0.0")
        #expect(SiteFormat.fixed(-1.25, digits: 1) == "-1.3")
        #expect(SiteFormat.fixed(7, digits: 3) == "7.000")
        #expect(SiteFormat.fixed(.nan, digits: 2) == "–")
        #expect(SiteFormat.tempo(123.44) == "123.4 BPM")
        #expect(SiteFormat.tempo(0) == "no steady beat")
        #expect(SiteFormat.duration(29.6) == "0:30")
        #expect(SiteFormat.duration(605) == "10:05")
        #expect(SiteFormat.duration(3725) == "1:02:05")
        #expect(SiteFormat.grouped(3415) == "3,415")
        #expect(SiteFormat.grouped(1_234_567) == "1,234,567")
        #expect(SiteFormat.grouped(999) == "999")
        #expect(SiteFormat.longDuration(102_450) == "28 h 28 min")
        #expect(SiteFormat.similarity(distance: 0) == 1)
        #expect(SiteFormat.similarity(distance: 1) == 0.5)
        #expect(SiteFormat.similarity(distance: 2.5) == 0)
    }

    @Test func relativeLinks() {
        #expect(SiteLinks.relative(from: ["w", "out"], to: ["w", "data", "a b.wav"]) == "../data/a%20b.wav")
        #expect(SiteLinks.relative(from: ["w"], to: ["w", "ds", "x.wav"]) == "ds/x.wav")
        #expect(SiteLinks.relative(from: ["a", "b", "c"], to: ["d", "e.wav"]) == "../../../d/e.wav")
        #expect(SiteLinks.encodeSegment("#%?:\"'<>日") == "%23%25%3F%3A%22%27%3C%3E%E6%97%A5")
        #expect(SiteLinks.relativeFileComponents("../x.wav") == nil)
        #expect(SiteLinks.relativeFileComponents("/abs.wav") == nil)
        #expect(SiteLinks.relativeFileComponents("a//b.wav") == ["a", "b.wav"])
        #expect(SiteLinks.isSafeID("abc-123") && !SiteLinks.isSafeID("a/b") && !SiteLinks.isSafeID(""))
        #expect(AudioSources.fileExtension("Song.MP3") == ".mp3")
        #expect(AudioSources.fileExtension("noext") == "")
        #expect(AudioSources.fileExtension("weird.<x>") == "")
    }

    @Test func htmlEscapingIsBytewise() {
        #expect(HTMLEscaping.escape("plain ünï 日本") == "plain ünï 日本")
        #expect(HTMLEscaping.escape("a<b>&\"c'") == "a&lt;b&gt;&amp;&quot;c&#39;")
        #expect(HTMLEscaping.escape("\"\u{301}<\u{301}") == "&quot;\u{301}&lt;\u{301}")
    }

    @Test func embeddedJSONEscapes() throws {
        let nasty = "</script><!-- & \u{2028}\u{2029} \"q\" \\ \n\t\u{01}"
        let text = JSONValue.string(nasty).text
        #expect(text == #""\u003c/script\u003e\u003c!-- \u0026 \u2028\u2029 \"q\" \\ \n\t\u0001""#)
        let back = try JSONSerialization.jsonObject(with: Data(text.utf8), options: .fragmentsAllowed) as? String
        #expect(back == nasty)
        // One NaN rule: a value that is not a number is null in JSON and "–" on pages.
        #expect(JSONValue.object([("x", .number(.nan, decimals: 2)), ("y", .number(-0.0001, decimals: 2))]).text == #"{"x":null,"y":0.00}"#)
        #expect(SiteFormat.fixed(.infinity, digits: 1) == "–" && FixedDecimal.format(2.675, 2) == "2.68")
    }

    /// Templates cannot take the build down (issue #15, class 4): a partial that includes itself
    /// (even behind changed delimiters), a cycle through two templates, a chain deeper than the
    /// limit, a dynamic partial and a template that is a link are refused with one clear error.
    @Test("recursive, too deep or dynamic partials and linked templates are refused")
    func hostileTemplatesAreRefused() throws {
        let f = try SiteFixture()
        defer { f.remove() }
        let cases: [(String, [String: String])] = [
            ("itself", ["head.mustache": "<head>{{> head}}</head>"]),
            ("delimiters", ["foot.mustache": "{{=<% %>=}}<%> foot%>"]),
            ("in a section", ["foot.mustache": "{{#tracks}}{{> foot}}{{/tracks}}"]),
            ("two", ["head.mustache": "{{> foot}}", "foot.mustache": "{{> neighbours}}", "neighbours.mustache": "{{> head}}"]),
            ("dynamic", ["foot.mustache": "{{>*title}}"]),
        ]
        for (name, files) in cases {
            let folder = f.root.appendingPathComponent("t-\(name)")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            for (path, text) in files { try Data(text.utf8).write(to: folder.appendingPathComponent(path)) }
            do {
                _ = try TemplateSet(overridesDirectory: folder)
                Issue.record("\(name): accepted")
            } catch let error as SiteError {
                #expect(error.message.contains("includes itself") || error.message.contains("dynamic"), "\(name): \(error)")
            }
        }
        // A chain of nine custom partials is too deep; eight is fine.
        #expect(PartialGraph.problem(in: try Self.chain(8)) == nil)
        #expect(PartialGraph.problem(in: try Self.chain(9))?.message.contains("deep") == true)
        // A template file that is a symbolic link.
        let linked = f.root.appendingPathComponent("t-link")
        try FileManager.default.createDirectory(at: linked, withIntermediateDirectories: true)
        try Data("{{> head}}".utf8).write(to: f.root.appendingPathComponent("elsewhere.mustache"))
        try FileManager.default.createSymbolicLink(atPath: linked.appendingPathComponent("foot.mustache").path,
                                                   withDestinationPath: f.root.appendingPathComponent("elsewhere.mustache").path)
        #expect(throws: SiteError.self) { _ = try TemplateSet(overridesDirectory: linked) }
        // An assets folder that is a link, and a pipe among the assets.
        let linkedAssets = f.root.appendingPathComponent("t-assets-link")
        try FileManager.default.createDirectory(at: f.root.appendingPathComponent("real-assets"), withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: linkedAssets, withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: linkedAssets.appendingPathComponent("assets").path,
                                                   withDestinationPath: f.root.appendingPathComponent("real-assets").path)
        #expect(throws: SiteError.self) { _ = try TemplateSet(overridesDirectory: linkedAssets) }
        let piped = f.root.appendingPathComponent("t-pipe")
        try FileManager.default.createDirectory(at: piped.appendingPathComponent("assets"), withIntermediateDirectories: true)
        #expect(mkfifo(piped.appendingPathComponent("assets/x.css").path, 0o644) == 0)
        #expect(throws: SiteError.self) { _ = try TemplateSet(overridesDirectory: piped) }
    }

    /// A template that does not parse is named with the line, column and reason, not a dump.
    @Test("parse errors give line, column and reason")
    func parseErrorsAreReadable() throws {
        let f = try SiteFixture()
        defer { f.remove() }
        let folder = f.root.appendingPathComponent("t-parse")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try Data("<p>\n{{#tracks}}\n<b>{{title}}</b>\n".utf8).write(to: folder.appendingPathComponent("foot.mustache"))
        do {
            _ = try TemplateSet(overridesDirectory: folder)
            Issue.record("an unclosed section parsed")
        } catch let error as SiteError {
            #expect(error.message.contains("line ") && error.message.contains("never closed") && !error.message.contains("ParserError"), "\(error)")
        }
    }

    /// Templates `p0 … pN` where each includes the next.
    static func chain(_ n: Int) throws -> [String: MustacheTemplate] {
        var templates: [String: MustacheTemplate] = [:]
        for i in 0...n { templates["p\(i)"] = try MustacheTemplate(string: i < n ? "x{{> p\(i + 1)}}" : "end") }
        return templates
    }
}
