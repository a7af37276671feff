import Catalog
import Foundation
import TestScratch
import Testing
@testable import SiteBuilder

/// Loads pages in headless Chromium from file:// (Debian package `chromium`; scripts/test installs it).
/// Screenshots are also copied to `$BACKBEAT_SCREENSHOTS` when that is set, to look at.
@Suite("Browser (headless Chromium)", .serialized)
struct BrowserTests {
    struct Run {
        var dom: String
        var console: [String]
    }

    static func chromium() throws -> String {
        let candidates = [ProcessInfo.processInfo.environment["CHROMIUM"], "/usr/bin/chromium", "/usr/bin/chromium-browser"]
        guard let path = candidates.compactMap({ $0 }).first(where: { FileManager.default.isExecutableFile(atPath: $0) }) else {
            throw BrowserMissing()
        }
        return path
    }

    struct BrowserMissing: Error, CustomStringConvertible {
        var description: String {
            "headless Chromium not found: install the Debian package (scripts/install-deps.sh chromium, or apt-get install -y chromium) or set CHROMIUM"
        }
    }

    /// Runs Chromium on `url` with `arguments`; returns stdout and the console lines of stderr.
    static func run(_ url: URL, _ arguments: [String], fragment: String = "") throws -> Run {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: try chromium())
        let profile = Scratch.directory("chromium")
        defer { try? FileManager.default.removeItem(at: profile) }
        process.arguments = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--mute-audio",
                             "--user-data-dir=\(profile.path)", "--enable-logging=stderr", "--v=0",
                             "--virtual-time-budget=4000"] + arguments + [url.absoluteString + fragment]
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        // Read both pipes while the process runs, so a full pipe cannot block it.
        nonisolated(unsafe) var errData = Data()
        let group = DispatchGroup()
        group.enter()
        DispatchQueue.global().async {
            errData = err.fileHandleForReading.readDataToEndOfFile()
            group.leave()
        }
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        group.wait()
        process.waitUntilExit()
        let stderr = String(decoding: errData, as: UTF8.self)
        let console = stderr.split(separator: "\n").map(String.init)
            .filter { $0.contains(":CONSOLE") || $0.contains("Uncaught") }
        return Run(dom: String(decoding: outData, as: UTF8.self), console: console)
    }

    static func rows(in dom: String) -> Int {
        guard let start = dom.range(of: "<tbody id=\"track-rows\">"),
              let end = dom.range(of: "</tbody>", range: start.upperBound..<dom.endIndex) else { return -1 }
        return dom[start.upperBound..<end.lowerBound].components(separatedBy: "<tr>").count - 1
    }

    @Test("index.html renders one row per track, paginates at 100, filters from #q=, no console errors")
    func indexPage() throws {
        let f = try SiteFixture(trackCount: 250)
        defer { f.remove() }
        try f.writeSite()
        let index = f.output.appendingPathComponent("index.html")
        let full = try Self.run(index, ["--dump-dom"])
        #expect(full.console.isEmpty, "console: \(full.console)")
        #expect(full.dom.contains("data-ready=\"true\""), "scripts did not finish")
        #expect(Self.rows(in: full.dom) == 100)
        #expect(full.dom.contains("1–100 · page 1 of 3"))
        #expect(full.dom.contains("250 tracks"))
        // The script's links reach the sharded pages (tracks/<shard>/<id>.html).
        let hrefs = full.dom.components(separatedBy: "<a href=\"tracks/").dropFirst().compactMap { $0.components(separatedBy: "\"").first }
        #expect(hrefs.count == 100)
        for href in hrefs {
            let page = f.output.appendingPathComponent("tracks/" + (href.removingPercentEncoding ?? href))
            #expect(FileManager.default.fileExists(atPath: page.path), "\(href)")
        }

        let filtered = try Self.run(index, ["--dump-dom"], fragment: "#q=%C3%BCn%C3%AFc%C3%B6d%C3%A9")
        #expect(filtered.console.isEmpty, "console: \(filtered.console)")
        #expect(Self.rows(in: filtered.dom) == 1)
        #expect(filtered.dom.contains("1 of 250 tracks match"))
        // The hostile title is text in the DOM, never an element.
        #expect(full.dom.contains("&lt;img src=x onerror=alert(1)&gt;") && !full.dom.contains("<img src=\"x\""))

        let shot = f.root.appendingPathComponent("index.png")
        let screenshot = try Self.run(index, ["--screenshot=\(shot.path)", "--window-size=1280,900", "--hide-scrollbars"])
        #expect(screenshot.console.isEmpty, "console: \(screenshot.console)")
        try Self.keep(shot, as: "index.png")
    }

    @Test("clicking the Tempo header sorts by tempo, Next pages, a play button opens the player")
    func interaction() throws {
        let f = try SiteFixture(trackCount: 150)
        defer { f.remove() }
        try f.writeSite()
        // The page as written, plus a script that acts like a user once the site's script has run.
        let index = try String(contentsOf: f.output.appendingPathComponent("index.html"), encoding: .utf8)
        let actions = """
            <script>
            document.querySelector('th[data-key="bpm"] button').click();
            document.querySelector('th[data-key="bpm"] button').click();
            document.getElementById('page-next').click();
            document.querySelector('#track-rows button.play').click();
            </script>
            </body>
            """
        let harness = f.output.appendingPathComponent("harness.html")
        try Data(index.replacingOccurrences(of: "</body>", with: actions).utf8).write(to: harness)
        let run = try Self.run(harness, ["--dump-dom", "--autoplay-policy=no-user-gesture-required"])
        #expect(run.console.isEmpty, "console: \(run.console)")
        #expect(run.dom.contains("th scope=\"col\" data-key=\"bpm\" class=\"num\" aria-sort=\"descending\""))
        #expect(run.dom.contains("101–150 · page 2 of 2"))
        #expect(Self.rows(in: run.dom) == 50)
        // Second page of tempi sorted high to low: the 101st highest first, and the column descends.
        let tempi = f.document.tracks.map(\.tempoBPM).sorted(by: >)
        let cells = run.dom.components(separatedBy: "<td class=\"num\">").dropFirst()
            .compactMap { $0.components(separatedBy: " BPM</td>").first.flatMap(Double.init) }
        #expect(cells.first.map { abs($0 - tempi[100]) < 0.051 } == true, "first tempo on page 2: \(cells.first ?? -1)")
        #expect(cells == cells.sorted(by: >))
        #expect(run.dom.contains("<div id=\"player\" class=\"player\">"), "player bar not shown")
        #expect(!run.dom.contains("<span id=\"player-title\" class=\"player-title\"></span>"), "no title in the player")
    }

    @Test("a track page loads without console errors and lists its neighbours")
    func trackPage() throws {
        let f = try SiteFixture()
        defer { f.remove() }
        try f.writeSite()
        let track = try #require(f.document.tracks.first { $0.title.hasPrefix("He said") })
        let page = f.output.appendingPathComponent(CatalogPaths.trackPage(track.id))
        let run = try Self.run(page, ["--dump-dom"])
        #expect(run.console.isEmpty, "console: \(run.console)")
        #expect(run.dom.contains("data-ready=\"true\""))
        #expect(run.dom.components(separatedBy: "<li>").count - 1 == track.top.count + track.bottom.count)
        #expect(run.dom.contains("He said \"hi\" &amp; left &lt;/script&gt;&lt;script&gt;alert(3)&lt;/script&gt;"))
        for name in ["map.html", "about.html"] {
            let other = try Self.run(f.output.appendingPathComponent(name), ["--dump-dom"])
            #expect(other.console.isEmpty, "\(name) console: \(other.console)")
            #expect(other.dom.contains("data-ready=\"true\""), "\(name)")
            if name == "map.html" {
                #expect(other.dom.contains("data-points=\"\(f.document.tracks.count)\""), "the interactive map drew every track")
            }
        }
        let shot = f.root.appendingPathComponent("track.png")
        _ = try Self.run(page, ["--screenshot=\(shot.path)", "--window-size=1280,900", "--hide-scrollbars"])
        try Self.keep(shot, as: "track.png")
    }

    @Test("the map colours by tempo, then by groove when asked; the script data carries each track's groove hue")
    func mapColours() throws {
        let f = try SiteFixture()
        defer { f.remove() }
        try f.writeSite()
        let script = try String(contentsOf: f.output.appendingPathComponent("map-data.js"), encoding: .utf8)
        #expect(script.contains(",\(47 % 360)]"), "the second track's hue ends its row")
        let page = try String(contentsOf: f.output.appendingPathComponent("map.html"), encoding: .utf8)
        let first = try Self.run(f.output.appendingPathComponent("map.html"), ["--dump-dom"])
        #expect(first.console.isEmpty, "console: \(first.console)")
        #expect(first.dom.contains("data-colour=\"tempo\""))
        let harness = f.output.appendingPathComponent("map-harness.html")
        let click = "<script>var g = document.querySelector('input[value=\"groove\"]'); g.checked = true; g.dispatchEvent(new Event('change'));</script></body>"
        try Data(page.replacingOccurrences(of: "</body>", with: click).utf8).write(to: harness)
        let run = try Self.run(harness, ["--dump-dom"])
        #expect(run.console.isEmpty, "console: \(run.console)")
        #expect(run.dom.contains("data-colour=\"groove\""), "the groove colouring is on")
    }

    @Test("the radio plays its tracks in order: Play starts the first, the end of a clip moves to the next, Previous goes back")
    func radioQueue() throws {
        let f = try SiteFixture()
        defer { f.remove() }
        var doc = f.document
        for i in doc.tracks.indices { doc.tracks[i].radio = doc.tracks[i].top.map(\.id) }
        try SiteBuilder.write(document: doc, report: f.report, outputDirectory: f.output, files: try CatalogFiles(folder: f.output),
                              options: SiteOptions(datasetRoot: f.dataset, audio: .link))
        let track = doc.tracks[2]
        let page = try String(contentsOf: f.output.appendingPathComponent(CatalogPaths.trackPage(track.id)), encoding: .utf8)
        let actions = """
            <script>
            document.getElementById('radio-play').click();
            var a = document.getElementById('player-audio');
            a.dispatchEvent(new Event('ended'));
            a.dispatchEvent(new Event('ended'));
            document.getElementById('radio-prev').click();
            </script>
            </body>
            """
        let harness = f.output.appendingPathComponent(CatalogPaths.trackPage(track.id)).deletingLastPathComponent().appendingPathComponent("radio-harness.html")
        try Data(page.replacingOccurrences(of: "</body>", with: actions).utf8).write(to: harness)
        let run = try Self.run(harness, ["--dump-dom", "--autoplay-policy=no-user-gesture-required"])
        #expect(run.console.isEmpty, "console: \(run.console)")
        #expect(run.dom.contains("id=\"radio-list\" class=\"radio-list\" data-at=\"1\""), "play, two ends, back one: the second track")
        #expect(run.dom.components(separatedBy: "class=\"is-current\" aria-current=\"true\"").count - 1 == 1)
        #expect(run.dom.contains("Radio 2 of \(1 + track.radio.count)"), "the bar names the radio position")
        #expect(!run.dom.contains("<div id=\"player\" class=\"player\" hidden"), "the bar is shown")
    }

    @Test("route.html computes a route between two tracks from its data, and says why when none exists")
    func routePage() throws {
        let f = try SiteFixture()
        defer { f.remove() }
        var doc = f.document
        for i in doc.tracks.indices { doc.tracks[i].tempoBPM = 100 + Double(i) } // a tempo ramp: a route exists
        let coordinates = doc.tracks.indices.map { i in (0..<RouteData.dimensions).map { k in (i * 31 + k * 17) % 255 - 127 } }
        try SiteBuilder.write(document: doc, report: f.report, outputDirectory: f.output, files: try CatalogFiles(folder: f.output),
                              options: SiteOptions(datasetRoot: f.dataset, audio: .link),
                              route: RouteData(coordinates: coordinates, recordings: Array(doc.tracks.indices)))
        let beating = doc.tracks
        let (a, b) = (beating[0], beating[beating.count - 1])
        let page = f.output.appendingPathComponent("route.html")
        let run = try Self.run(page, ["--dump-dom"], fragment: "#from=\(a.id)&to=\(b.id)&steps=4&step=100")
        #expect(run.console.isEmpty, "console: \(run.console)")
        let list = try #require(run.dom.components(separatedBy: "id=\"radio-list\"").dropFirst().first?.components(separatedBy: "</ol>").first)
        let links = list.components(separatedBy: "href=\"tracks/").dropFirst().compactMap { $0.components(separatedBy: ".html").first?.split(separator: "/").last.map(String.init) }
        #expect(links.count == 5 && links.first == a.id && links.last == b.id, "FROM, three tracks, TO: \(links)")
        #expect(Set(links).count == links.count)
        #expect(run.dom.contains("A route of 5 tracks."))
        // Different tempi, no tempo change allowed: no route, and the page says what to relax.
        let (slow, fast) = (beating.min { $0.tempoBPM < $1.tempoBPM }!, beating.max { $0.tempoBPM < $1.tempoBPM }!)
        let none = try Self.run(page, ["--dump-dom"], fragment: "#from=\(slow.id)&to=\(fast.id)&steps=2&step=0")
        #expect(none.dom.contains("raise the tempo step"), "no route message")
    }

    /// Checks the screenshot is a real PNG and copies it to `$BACKBEAT_SCREENSHOTS` if set.
    static func keep(_ shot: URL, as name: String) throws {
        let data = try Data(contentsOf: shot)
        #expect(data.count > 10_000 && data.prefix(4) == Data([0x89, 0x50, 0x4E, 0x47]), "screenshot \(name)")
        if let folder = ProcessInfo.processInfo.environment["BACKBEAT_SCREENSHOTS"] {
            let target = URL(fileURLWithPath: folder).appendingPathComponent(name)
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            try? FileManager.default.removeItem(at: target)
            try data.write(to: target)
        }
    }
}
