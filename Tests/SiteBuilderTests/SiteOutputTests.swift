import Catalog
import Foundation
import Mustache
import Testing
@testable import SiteBuilder

@Suite("Site output")
struct SiteOutputTests {
    private func build(_ fixture: SiteFixture, audio: AudioMode = .link, into output: URL? = nil) throws {
        try SiteBuilder.write(document: fixture.document, report: fixture.report, outputDirectory: output ?? fixture.output, files: try CatalogFiles(folder: output ?? fixture.output),
                              options: SiteOptions(datasetRoot: fixture.dataset, audio: audio))
    }

    @Test("writes every page of the layout")
    func layout() throws {
        let f = try SiteFixture()
        defer { f.remove() }
        try build(f)
        for name in ["index.html", "map.html", "about.html", "route.html", "assets/site.css", "assets/site.js"] {
            #expect(FileManager.default.fileExists(atPath: f.output.appendingPathComponent(name).path), "\(name)")
        }
        let pages = HTMLScan.pages(under: f.output.appendingPathComponent("tracks"))
        #expect(pages.map { $0.lastPathComponent }.sorted() == f.document.tracks.map { $0.id + ".html" }.sorted())
    }

    @Test("every href, src and data-src resolves to a file, in all audio modes", arguments: [AudioMode.link, .copy, .none])
    func linksResolve(audio: AudioMode) throws {
        let f = try SiteFixture()
        defer { f.remove() }
        try build(f, audio: audio)
        var checked = 0, audioLinks = 0
        for page in HTMLScan.pages(under: f.output) {
            let html = try String(contentsOf: page, encoding: .utf8)
            var links = HTMLScan.links(in: html)
            for block in HTMLScan.jsonBlocks(in: html) {
                let rows = try JSONSerialization.jsonObject(with: Data(block.utf8)) as? [[String: Any]] ?? []
                links += rows.compactMap { $0["audio"] as? String }
            }
            for link in links where !link.hasPrefix("#") {
                let target = try #require(HTMLScan.resolve(link, from: page.deletingLastPathComponent()),
                                          "\(link) in \(page.lastPathComponent) is not a relative URL")
                #expect(FileManager.default.fileExists(atPath: target.path), "\(link) in \(page.lastPathComponent)")
                if audio == .link && target.path.hasPrefix(f.dataset.standardizedFileURL.path) { audioLinks += 1 }
                if audio == .copy && target.path.contains("/audio/") { audioLinks += 1 }
                checked += 1
            }
        }
        #expect(checked > 100)
        if audio == .none { #expect(audioLinks == 0) } else { #expect(audioLinks >= 2 * f.document.tracks.count) }
    }

    @Test("every entry of every playlist opens from the playlist's own folder, in both audio modes", arguments: [AudioMode.link, .copy])
    func playlistsResolve(audio: AudioMode) throws {
        let f = try SiteFixture()
        defer { f.remove() }
        var doc = f.document
        for i in doc.tracks.indices { doc.tracks[i].radio = doc.tracks[i].top.map(\.id) }
        try SiteBuilder.write(document: doc, report: f.report, outputDirectory: f.output, files: try CatalogFiles(folder: f.output),
                              options: SiteOptions(datasetRoot: f.dataset, audio: audio))
        let output = f.output
        var entries = 0
        for track in doc.tracks {
            let file = output.appendingPathComponent(CatalogPaths.playlist(track.id))
            let folder = file.deletingLastPathComponent()
            let text = try String(contentsOf: file, encoding: .utf8)
            let lines = text.split(separator: "\n", omittingEmptySubsequences: false).dropLast()
            #expect(lines.first == "#EXTM3U")
            let locations = lines.filter { !$0.hasPrefix("#") }
            #expect(locations.count == 1 + track.radio.count, "the track, then its radio")
            #expect(lines.filter { $0.hasPrefix("#EXTINF:") }.count == locations.count)
            for location in locations {
                let target = try #require(HTMLScan.resolve(String(location), from: folder), "\(location)")
                #expect(FileManager.default.fileExists(atPath: target.path), "\(location) in \(track.id).m3u8")
                entries += 1
            }
            let page = try String(contentsOf: f.output.appendingPathComponent(CatalogPaths.trackPage(track.id)), encoding: .utf8)
            #expect(page.contains("href=\"../../\(CatalogPaths.playlist(track.id))\""))
        }
        #expect(entries > doc.tracks.count)
    }

    @Test("no audio, no playlists")
    func noAudioNoPlaylists() throws {
        let f = try SiteFixture()
        defer { f.remove() }
        try build(f, audio: .none)
        #expect(!FileManager.default.fileExists(atPath: f.output.appendingPathComponent("playlists").path))
        let page = try String(contentsOf: f.output.appendingPathComponent(CatalogPaths.trackPage(f.document.tracks[0].id)), encoding: .utf8)
        #expect(!page.contains(".m3u8"))
    }

    @Test("no external URL anywhere in the site")
    func noExternalURLs() throws {
        let f = try SiteFixture()
        defer { f.remove() }
        try build(f)
        for file in HTMLScan.allFiles(under: f.output) where ["html", "css", "js"].contains(file.pathExtension) {
            let text = try String(contentsOf: file, encoding: .utf8).lowercased()
            for bad in ["http://", "https://", "//cdn", "@import", "url(http"] {
                #expect(!text.contains(bad), "\(bad) in \(file.lastPathComponent)")
            }
        }
    }

    @Test("hostile file names and tags render as text")
    func hostileNamesEscaped() throws {
        let f = try SiteFixture()
        defer { f.remove() }
        try build(f)
        let about = try String(contentsOf: f.output.appendingPathComponent("about.html"), encoding: .utf8)
        #expect(about.contains("broken &lt;script&gt;alert(4)&lt;/script&gt;.mp3"))
        #expect(about.contains("&quot;bad header&quot; &amp; more"))
        for page in HTMLScan.pages(under: f.output) {
            var html = try String(contentsOf: page, encoding: .utf8)
            for block in HTMLScan.jsonBlocks(in: html) { html = html.replacingOccurrences(of: block, with: "") }
            for raw in ["<img src=x", "<script>alert", "<b>Friends", "onerror=alert(1)>", "\"\u{301} onmouseover"] {
                #expect(!html.contains(raw), "\(raw) unescaped in \(page.lastPathComponent)")
            }
            // Only the site's own scripts: the JSON block and assets/site.js.
            let scripts = html.components(separatedBy: "<script").count - 1
            #expect(scripts == (page.lastPathComponent == "index.html" ? 2 : 1), "\(page.lastPathComponent)")
        }
        let hostile = try #require(f.document.tracks.first { $0.title.hasPrefix("<img") })
        let page = try String(contentsOf: f.output.appendingPathComponent(CatalogPaths.trackPage(hostile.id)), encoding: .utf8)
        #expect(page.contains("<h1>&lt;img src=x onerror=alert(1)&gt;</h1>"))
        #expect(page.contains("%3Cimg%20src%3Dx%20onerror%3Dalert%281%29%3E.wav"))
        let quoted = try #require(f.document.tracks.first { $0.title.hasPrefix("He said") })
        let quotedPage = try String(contentsOf: f.output.appendingPathComponent(CatalogPaths.trackPage(quoted.id)), encoding: .utf8)
        #expect(quotedPage.contains("He said &quot;hi&quot; &amp; left &lt;/script&gt;"))
        #expect(quotedPage.contains("AC/DC &amp; &lt;b&gt;Friends&lt;/b&gt;"))
        // A quote followed by a combining mark is one Character but still a quote in an attribute.
        let combining = try #require(f.document.tracks.first { $0.title.hasPrefix("Combining") })
        let neighbourOf = try #require(f.document.tracks.first { $0.top.contains { $0.id == combining.id } })
        let listing = try String(contentsOf: f.output.appendingPathComponent(CatalogPaths.trackPage(neighbourOf.id)), encoding: .utf8)
        #expect(listing.contains("data-title=\"Combining &quot;\u{301} onmouseover=alert(5) x=&quot;\u{301}\""))
    }

    @Test("the JSON embedded in index.html parses and round-trips every title")
    func embeddedJSONParses() throws {
        let f = try SiteFixture()
        defer { f.remove() }
        try build(f)
        let html = try String(contentsOf: f.output.appendingPathComponent("index.html"), encoding: .utf8)
        let blocks = HTMLScan.jsonBlocks(in: html)
        #expect(blocks.count == 1)
        let block = try #require(blocks.first)
        for raw in ["<", ">", "&", "\u{2028}", "\u{2029}"] { #expect(!block.contains(raw), "raw \(raw) in JSON") }
        let table = try #require(try JSONSerialization.jsonObject(with: Data(block.utf8)) as? [String: Any])
        let columns = try #require(table["columns"] as? [String: [Any]])
        #expect(columns["id"]?.count == f.document.tracks.count)
        for (i, track) in f.document.tracks.enumerated() {
            #expect(columns["id"]?[i] as? String == track.id)
            #expect(columns["title"]?[i] as? String == track.title)
            #expect(columns["file"]?[i] as? String == track.file)
            #expect(abs((columns["bpm"]?[i] as? Double ?? -1) - track.tempoBPM) <= 0.051)
            #expect(abs((columns["duration"]?[i] as? Double ?? -1) - track.durationSeconds) <= 0.005)
        }
        let orders = try #require(table["order"] as? [String: [Int]])
        #expect(Set(orders.keys) == ["title", "artist", "duration", "bpm"])
        for order in orders.values { #expect(order.sorted() == Array(f.document.tracks.indices)) }
    }

    @Test("same input, byte-identical output; a sibling folder gives the same bytes")
    func deterministic() throws {
        let f = try SiteFixture()
        defer { f.remove() }
        try build(f)
        let first = try snapshot(f.output)
        try build(f)
        #expect(try snapshot(f.output) == first)
        let sibling = f.root.appendingPathComponent("site2", isDirectory: true)
        try FileManager.default.copyItem(at: f.output.appendingPathComponent("data"), to: sibling.appendingPathComponent("data"))
        try FileManager.default.copyItem(at: f.output.appendingPathComponent("plots"), to: sibling.appendingPathComponent("plots"))
        try build(f, into: sibling)
        #expect(try snapshot(sibling) == first)
    }

    private func snapshot(_ folder: URL) throws -> [String: Data] {
        let base = folder.standardizedFileURL.path
        var out: [String: Data] = [:]
        for file in HTMLScan.allFiles(under: folder) {
            out[String(file.standardizedFileURL.path.dropFirst(base.count))] = try Data(contentsOf: file)
        }
        return out
    }

    @Test("track pages show tempo, duration, similarity bars and link every neighbour")
    func trackPageContent() throws {
        let f = try SiteFixture()
        defer { f.remove() }
        try build(f)
        let track = f.document.tracks[1]
        let html = try String(contentsOf: f.output.appendingPathComponent(CatalogPaths.trackPage(track.id)), encoding: .utf8)
        #expect(html.contains(SiteFormat.tempo(track.tempoBPM)))
        #expect(html.contains(">" + SiteFormat.duration(track.durationSeconds) + "<"))
        for n in track.top + track.bottom {
            #expect(html.contains("href=\"../\(CatalogPaths.shard(of: n.id))/\(n.id).html\""))
            let s = SiteFormat.similarity(distance: n.distance)
            #expect(html.contains("width: \(SiteFormat.fixed(s * 100, digits: 1))%"))
        }
        #expect(html.components(separatedBy: "class=\"play\"").count - 1 == track.top.count + track.bottom.count)
        #expect(html.contains("<audio class=\"main-audio\""))
        #expect(html.contains("alt=\"MFCC heatmap of"))
        #expect(html.contains("width=\"640\" height=\"360\""))
    }

    @Test("about page lists parameters, stages in order, skipped files and data files")
    func aboutPage() throws {
        let f = try SiteFixture()
        defer { f.remove() }
        try build(f)
        let html = try String(contentsOf: f.output.appendingPathComponent("about.html"), encoding: .utf8)
        let stages = ["Time: scanning the dataset", "Time: feature extraction", "Time: index and neighbours",
                      "Time: writing data", "Time: site"]
        let positions = stages.compactMap { html.range(of: $0)?.lowerBound }
        #expect(positions.count == stages.count)
        #expect(positions == positions.sorted())
        #expect(html.contains("41.5 s") && html.contains("45.06 s") == false && html.contains("45.1 s"))
        #expect(html.contains("22050 Hz") && html.contains("silent.wav") && html.contains("1.000"))
        #expect(html.contains("<a href=\"data/vectors.npy\">") && html.contains("jq ") && html.contains("pd.read_csv"))
        #expect(!html.contains("neighbours.schema.json\">"))   // absent in the fixture, so not linked
    }

    @Test("pages of tracks that left the catalog are removed")
    func stalePagesRemoved() throws {
        let f = try SiteFixture()
        defer { f.remove() }
        // One of the flat layout before sharding, one in a shard folder of its own, one beside a
        // live page; a user's file of another kind and a hidden file stay.
        let stale = ["tracks/gone-0123456789.html", "tracks/zz/gone-01234567zz.html", CatalogPaths.trackPage(f.document.tracks[0].id) + "x.html"]
            .map { f.output.appendingPathComponent($0) }
        let kept = ["tracks/zz/notes.txt", "tracks/.hidden.html"].map { f.output.appendingPathComponent($0) }
        for url in stale + kept {
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data("old".utf8).write(to: url)
        }
        try build(f)
        for url in stale { #expect(!FileManager.default.fileExists(atPath: url.path), "\(url.path)") }
        for url in kept { #expect(FileManager.default.fileExists(atPath: url.path), "\(url.path)") }
        #expect(FileManager.default.fileExists(atPath: f.output.appendingPathComponent(CatalogPaths.trackPage(f.document.tracks[0].id)).path))
    }

    @Test("copy mode copies clips once, keeps their dates, and removes clips of removed tracks")
    func copyMode() throws {
        let f = try SiteFixture()
        defer { f.remove() }
        let stale = f.output.appendingPathComponent("audio/old-track.wav")
        try FileManager.default.createDirectory(at: stale.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data("old".utf8).write(to: stale)
        try build(f, audio: .copy)
        let track = f.document.tracks[0]
        let copy = f.output.appendingPathComponent(CatalogPaths.audioCopy(track.id, ext: ".wav"))
        let source = f.dataset.appendingPathComponent(track.file)
        #expect(try Data(contentsOf: copy) == Data(contentsOf: source))
        let before = try FileManager.default.attributesOfItem(atPath: copy.path)[.modificationDate] as? Date
        let sourceDate = try FileManager.default.attributesOfItem(atPath: source.path)[.modificationDate] as? Date
        let sourceTime = try #require(sourceDate)
        let gap = try #require(before?.timeIntervalSince(sourceTime))
        #expect(abs(gap) < 0.001, "copy date differs from the source by \(gap) s")
        // A second build finds the copy up to date and leaves it alone (same inode, same date).
        let inode = try FileManager.default.attributesOfItem(atPath: copy.path)[.systemFileNumber] as? NSNumber
        try build(f, audio: .copy)
        #expect(try FileManager.default.attributesOfItem(atPath: copy.path)[.systemFileNumber] as? NSNumber == inode)
        #expect(!FileManager.default.fileExists(atPath: stale.path))
        let upper = try #require(f.document.tracks.first { $0.file.hasSuffix(".WAV") })
        #expect(FileManager.default.fileExists(atPath: f.output.appendingPathComponent(CatalogPaths.audioCopy(upper.id, ext: ".wav")).path))
    }

    @Test("bad documents give a clear error, not a crash")
    func badInput() throws {
        let f = try SiteFixture()
        defer { f.remove() }
        var doc = f.document
        doc.tracks[0].id = "../evil"
        #expect(throws: SiteError.self) { try SiteBuilder.write(document: doc, report: f.report, outputDirectory: f.output, files: try CatalogFiles(folder: f.output),
                                                                options: SiteOptions(datasetRoot: f.dataset)) }
        doc = f.document
        doc.tracks[1].file = "../outside.wav"
        #expect(throws: SiteError.self) { try SiteBuilder.write(document: doc, report: f.report, outputDirectory: f.output, files: try CatalogFiles(folder: f.output),
                                                                options: SiteOptions(datasetRoot: f.dataset)) }
        doc = f.document
        doc.tracks[2].top.append(.init(id: "missing-0000000000", distance: 0.5, score: 0.5, why: doc.tracks[2].top[0].why))
        do {
            try SiteBuilder.write(document: doc, report: f.report, outputDirectory: f.output, files: try CatalogFiles(folder: f.output), options: SiteOptions(datasetRoot: f.dataset))
            Issue.record("expected an error")
        } catch let error as SiteError {
            #expect(error.description.contains("missing-0000000000"))
        }
        doc = f.document
        doc.tracks[3].id = doc.tracks[4].id
        #expect(throws: SiteError.self) { try SiteBuilder.write(document: doc, report: f.report, outputDirectory: f.output, files: try CatalogFiles(folder: f.output),
                                                                options: SiteOptions(datasetRoot: f.dataset)) }
    }

    @Test("every field of every page model is reachable by name from the templates")
    func modelsReachable() throws {
        let f = try SiteFixture()
        defer { f.remove() }
        let audio = try AudioSources(tracks: try SiteBuilder.validate(f.document), mode: .link, datasetRoot: f.dataset,
                                     outputDirectory: f.output)
        let context = SiteContext(document: f.document, report: f.report, files: try CatalogFiles(folder: f.output), audio: audio, audioEnabled: true)
        let models: [Any] = [context.indexPage(), context.mapPage(hasData: true), context.aboutPage(), try context.trackPage(at: 1)]
        var checked = 0
        func check(_ value: Any) {
            if let array = value as? [Any] { array.forEach(check); return }
            guard let parent = value as? MustacheParent else { return }
            for child in Mirror(reflecting: value).children {
                guard let label = child.label else { continue }
                let isNil = Mirror(reflecting: child.value).displayStyle == .optional && Mirror(reflecting: child.value).children.isEmpty
                #expect((parent.child(named: label) == nil) == isNil, "\(type(of: value)).\(label)")
                if let inner = parent.child(named: label), !isNil {
                    let optional = Mirror(reflecting: child.value)
                    let expected = optional.displayStyle == .optional ? optional.children.first?.value ?? child.value : child.value
                    #expect(String(describing: inner) == String(describing: expected), "\(type(of: value)).\(label) value")
                }
                if let inner = parent.child(named: label) { check(inner) }
                checked += 1
            }
        }
        models.forEach(check)
        #expect(checked > 60)
    }

    @Test("a track page names its versions and says why each neighbour matched, escaped, with a bar per part")
    func versionsAndReasons() throws {
        let f = try SiteFixture()
        defer { f.remove() }
        var doc = f.document
        doc.tracks[2].versions = [doc.tracks[3].id]
        try SiteBuilder.write(document: doc, report: f.report, outputDirectory: f.output, files: try CatalogFiles(folder: f.output), options: SiteOptions(datasetRoot: f.dataset))
        let page = try String(contentsOf: f.output.appendingPathComponent(CatalogPaths.trackPage(doc.tracks[2].id)), encoding: .utf8)
        #expect(page.contains("Also in the catalog as: <a href=\"../\(CatalogPaths.shard(of: doc.tracks[3].id))/\(doc.tracks[3].id).html\">"))
        let phrase = HTMLEscaping.escape(doc.tracks[2].top[0].why.phrase)
        #expect(page.components(separatedBy: "<span class=\"n-why\">\(phrase)</span>").count - 1 == doc.tracks[2].top.count + doc.tracks[2].bottom.count)
        #expect(page.contains("class=\"wb-groove\" style=\"width: 60.0%\""))
        #expect(page.contains("class=\"wb-pulse wb-neg\" style=\"width: 30.0%\""))
        #expect(!page.contains("wb-tempo\" style"), "a part with no share gets no bar")
        let other = try String(contentsOf: f.output.appendingPathComponent(CatalogPaths.trackPage(doc.tracks[4].id)), encoding: .utf8)
        #expect(!other.contains("Also in the catalog as"))
    }

    @Test("a track without a title is shown under its file name")
    func untitled() throws {
        let f = try SiteFixture()
        defer { f.remove() }
        var doc = f.document
        doc.tracks[5].title = "  "
        try SiteBuilder.write(document: doc, report: f.report, outputDirectory: f.output, files: try CatalogFiles(folder: f.output), options: SiteOptions(datasetRoot: f.dataset))
        let page = try String(contentsOf: f.output.appendingPathComponent(CatalogPaths.trackPage(doc.tracks[5].id)), encoding: .utf8)
        let name = try #require(doc.tracks[5].file.split(separator: "/").last)
        #expect(page.contains("<h1>\(HTMLEscaping.escape(String(name)))</h1>"))
    }

    @Test("an empty catalog still gives valid pages")
    func emptyCatalog() throws {
        let f = try SiteFixture()
        defer { f.remove() }
        var doc = f.document
        doc.tracks = []
        try SiteBuilder.write(document: doc, report: f.report, outputDirectory: f.output, files: try CatalogFiles(folder: f.output), options: SiteOptions(datasetRoot: f.dataset))
        let html = try String(contentsOf: f.output.appendingPathComponent("index.html"), encoding: .utf8)
        #expect(HTMLScan.jsonBlocks(in: html) == [#"{"columns":{"id":[],"title":[],"artist":[],"album":[],"genre":[],"file":[],"duration":[],"bpm":[],"audio":[]},"order":{"title":[],"artist":[],"duration":[],"bpm":[]}}"#])
        #expect(HTMLScan.pages(under: f.output.appendingPathComponent("tracks")).isEmpty)
    }
}
