import Foundation
import TestScratch
import Testing

/// Every command's exit codes (0 success, 1 runtime failure, 2 usage error) and the shapes of the
/// machine-readable outputs, run against the built `backbeat` binary.
@Suite(.serialized) struct CommandTests {
    typealias Run = ErrorLineTests.Run

    func run(_ arguments: [String]) throws -> Run {
        try ErrorLineTests.run(arguments, in: try ErrorLineTests.fixture)
    }

    func clip(_ ext: String) throws -> String {
        let root = try ErrorLineTests.fixture
        return "ds/" + (try #require(FileManager.default.enumerator(atPath: root.appendingPathComponent("ds").path)?
            .compactMap { $0 as? String }.first { $0.hasSuffix("." + ext) }))
    }

    /// (arguments, expected exit status) for each command.
    @Test func exitCodes() throws {
        let root = try ErrorLineTests.fixture
        try Data("x".utf8).write(to: root.appendingPathComponent("plain-file"))
        let flac = try clip("flac")
        let cases: [([String], Int32)] = [
            (["build", "ds", "-o", "cat-exit", "--quiet", "--no-plots", "--no-site"], 0),
            (["build", "ds", "-o", "plain-file", "--quiet"], 1),
            (["build", "no-such-folder", "-o", "cat-exit2", "--quiet"], 1),
            (["build", "ds", "--top-k", "-1"], 2),
            (["build", "ds", "--index", "kdtree"], 2),
            (["query", flac, "--catalog", "cat"], 0),
            (["query", "missing.wav", "--catalog", "cat"], 1),
            (["query", flac, "--top-k", "-5"], 2),
            (["query", flac, "--top-k", "9223372036854775807"], 2),
            (["query", flac, "--max-per-artist", "-1"], 2),
            (["build", "ds", "--max-per-album", "-2"], 2),
            (["demo", "demo-exit", "--per-family", "1", "--seconds", "5"], 0),
            (["demo", "plain-file"], 1),
            (["demo", "demo-exit2", "--per-family", "0"], 2),
            (["features", flac], 0),
            (["features", "missing.wav"], 1),
            (["features", flac, "--mfcc", "1"], 2),
            (["info", "ds"], 0),
            (["info", "plain-file"], 1),
            (["info"], 2),
            (["extract", "ds", "--cache", "cache-exit", "--shard", "1/2", "--quiet"], 0),
            (["extract", "ds", "--cache", "cache-exit", "--shard", "2/2"], 2),
            (["extract", "ds", "--cache", "cache-exit", "--shard", "1/2", "--shard-count", "2"], 2),
            (["extract", "no-such-folder", "--cache", "cache-exit", "--shard", "0/2"], 1),
            (["build", "ds", "-o", "cat-exit3", "--cache-from", "no-such-cache"], 2),
            (["build", "ds", "-o", "cat-exit3", "--cache", "cache-exit", "--require-cached", "--quiet"], 1), // shard 0 of 2 missing
            (["templates", "export", "tpl-exit"], 0),
            (["templates", "export", "tpl-exit"], 1), // never overwrites without --overwrite
            (["templates", "export"], 2),
            (["no-such-command"], 2),
        ]
        for (arguments, status) in cases {
            let r = try run(arguments)
            #expect(r.status == status, "backbeat \(arguments.joined(separator: " ")): exit \(r.status), \(r.stderr)")
        }
    }

    /// `query --json` is one object with the documented keys and types.
    /// `playlist` and `path`: JSON shapes, and an `.m3u8` whose entries open from its folder.
    @Test func playlistAndPath() throws {
        let root = try ErrorLineTests.fixture
        let seed = try clip("flac"), other = try clip("wav")
        try FileManager.default.createDirectory(at: root.appendingPathComponent("lists"), withIntermediateDirectories: true)
        let r = try run(["playlist", seed, "--catalog", "cat", "--length", "3", "--max-tempo-step", "100", "--json", "-o", "lists/radio.m3u8"])
        #expect(r.status == 0, "\(r.stderr)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
        let tracks = try #require(object["tracks"] as? [[String: Any]])
        #expect(tracks.count == 4 && (tracks.first?["file"] as? String).map { seed.hasSuffix($0) } == true, "the seed, then 3: \(tracks)")
        #expect(Set(tracks.compactMap { $0["id"] as? String }).count == tracks.count, "no track twice")
        let m3u = try String(contentsOf: root.appendingPathComponent("lists/radio.m3u8"), encoding: .utf8)
        let locations = m3u.split(separator: "\n").filter { !$0.hasPrefix("#") }
        #expect(locations.count == tracks.count)
        for location in locations {
            let path = root.appendingPathComponent("lists").appendingPathComponent(String(location).removingPercentEncoding ?? "").standardizedFileURL.path
            #expect(FileManager.default.fileExists(atPath: path), "\(location)")
        }
        let dup = try run(["playlist", seed, seed, "--catalog", "cat", "--length", "2", "--max-tempo-step", "100", "--json"])
        let dupTracks = (try JSONSerialization.jsonObject(with: Data(dup.stdout.utf8)) as? [String: Any])?["tracks"] as? [[String: Any]]
        #expect(dupTracks?.count == 3, "a seed given twice is listed once: \(dup.stdout)")
        let p = try run(["path", seed, other, "--catalog", "cat", "--steps", "2", "--max-tempo-step", "100", "--json"])
        #expect(p.status == 0, "\(p.stderr)")
        let route = try #require(try JSONSerialization.jsonObject(with: Data(p.stdout.utf8)) as? [String: Any])
        #expect((route["tracks"] as? [[String: Any]])?.count == 3, "FROM, one track, TO")
    }

    @Test func queryJSONShape() throws {
        let r = try run(["query", try clip("flac"), "--catalog", "cat", "--json", "--top-k", "3", "--bottom-k", "2"])
        #expect(r.status == 0, "\(r.stderr)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
        #expect(Set(object.keys) == ["file", "duration_s", "tempo_bpm", "tempo_confidence", "top", "bottom"])
        #expect(object["file"] is String && object["duration_s"] is Double && object["tempo_bpm"] is Double)
        let top = try #require(object["top"] as? [[String: Any]]), bottom = try #require(object["bottom"] as? [[String: Any]])
        #expect(top.count == 3 && bottom.count == 2)
        for match in top + bottom {
            #expect(Set(match.keys) == ["id", "file", "distance", "score", "tempo_bpm", "why"])
            let why = try #require(match["why"] as? [String: Any])
            #expect(Set(why.keys) == ["phrase", "groove", "pulse", "tempo", "timbre"] && why["phrase"] is String)
            #expect(match["id"] is String && match["file"] is String && (match["distance"] as? Double).map { (0...2).contains($0) } == true)
        }
        let scores = top.compactMap { $0["score"] as? Double }
        #expect(scores == scores.sorted(by: >), "top lists are ranked by the hub-corrected score")
    }

    /// `features --json` parses, has the documented keys, and its descriptor matches its blocks.
    @Test func featuresJSONShape() throws {
        let r = try run(["features", try clip("flac"), "--json"])
        #expect(r.status == 0, "\(r.stderr)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
        #expect(Set(object.keys) == ["file", "duration_s", "tempo_bpm", "tempo_confidence", "beats_s", "mfcc_mean", "mfcc_std",
                                     "descriptor_blocks", "descriptor", "segments", "source"])
        let descriptor = try #require(object["descriptor"] as? [Any])
        let blocks = try #require(object["descriptor_blocks"] as? [String: [Int]])
        #expect(blocks.values.map { $0[1] }.max() == descriptor.count)
    }
}

/// The built demo catalog's site in headless Chromium: its route page returns a route between two
/// of its tracks, and a track page's radio queue advances.
@Suite(.serialized) struct DemoSiteBrowserTests {
    static func chromium(_ url: String) throws -> String? {
        let candidates = [ProcessInfo.processInfo.environment["CHROMIUM"], "/usr/bin/chromium", "/usr/bin/chromium-browser"]
        guard let path = candidates.compactMap({ $0 }).first(where: { FileManager.default.isExecutableFile(atPath: $0) }) else { return nil }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        let profile = Scratch.directory("chromium-cli")
        defer { try? FileManager.default.removeItem(at: profile) }
        process.arguments = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--mute-audio", "--user-data-dir=\(profile.path)",
                             "--virtual-time-budget=4000", "--autoplay-policy=no-user-gesture-required", "--dump-dom", url]
        let out = Pipe()
        process.standardOutput = out
        process.standardError = FileHandle.nullDevice
        try process.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: data, as: UTF8.self)
    }

    @Test func routePageOfTheDemoCatalogFindsARoute() throws {
        let catalog = try ErrorLineTests.fixture.appendingPathComponent("cat")
        let doc = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: catalog.appendingPathComponent("data/neighbours.json"))) as? [String: Any])
        let tracks = try #require(doc["tracks"] as? [[String: Any]])
        let ids = tracks.compactMap { $0["id"] as? String }
        let url = catalog.appendingPathComponent("route.html").absoluteString + "#from=\(ids[0])&to=\(ids[ids.count - 1])&steps=2&step=100"
        guard let dom = try Self.chromium(url) else { Issue.record("headless Chromium not found (scripts/install-deps.sh chromium)"); return }
        #expect(dom.contains("A route of 3 tracks."), "no route on the demo catalog's route page")
        let list = dom.components(separatedBy: "id=\"radio-list\"").dropFirst().first?.components(separatedBy: "</ol>").first ?? ""
        #expect(list.components(separatedBy: "data-src=").count - 1 == 3, "every track of the route playable")
    }
}
