import Catalog
import Foundation
import Testing

/// A build replaces only what it owns: folders with a valid manifest, and in them only the files
/// the manifest lists (issue #15, class 1).
@Suite(.serialized) struct OwnershipTests {
    /// Made once; a failure fails every test that uses it, with its own message.
    static let shared = Result { try TestDataset.make(seconds: 6) }
    let fm = FileManager.default

    @discardableResult
    func build(_ output: URL, dataset: URL? = nil, configure: (inout BuildOptions) -> Void = { _ in },
               finish: (URL, CatalogDocument, BuildReport) throws -> Void = { _, _, _ in }) throws -> BuildReport {
        try TestDataset.build(output, dataset: dataset ?? Self.shared.get(), configure: configure, finish: finish)
    }

    func write(_ text: String, _ url: URL) throws {
        try fm.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(text.utf8).write(to: url)
    }

    func read(_ url: URL) -> String? { fm.contents(atPath: url.path).map { String(decoding: $0, as: UTF8.self) } }

    /// `data/model.json` alone (a machine-learning project's folder) does not make a catalog.
    @Test func aFolderWithModelJSONIsNotReplaced() throws {
        let out = TestDataset.temporaryDirectory("ml")
        try write("{\"layers\": 3}", out.appendingPathComponent("data/model.json"))
        try write("print('train')", out.appendingPathComponent("train.py"))
        #expect(throws: CatalogError.self) { try build(out) }
        #expect(read(out.appendingPathComponent("data/model.json")) == "{\"layers\": 3}")
        #expect(read(out.appendingPathComponent("train.py")) == "print('train')")
        #expect(try fm.contentsOfDirectory(atPath: out.path).sorted() == ["data", "train.py"])
    }

    /// Files and folders a user adds to a catalog, at the top or inside Backbeat's own folders,
    /// survive rebuilds untouched; files the manifest lists are replaced or removed.
    @Test func userFilesInACatalogSurviveRebuilds() throws {
        let dataset = try TestDataset.make(seconds: 6)
        let out = TestDataset.temporaryDirectory("own")
        try build(out, dataset: dataset)
        let added = ["NOTES.txt", "music/a.txt", "music/deep/b.txt", "data/mine.csv", "tracks/keep.html", ".hidden", "plots/x/y.txt"]
        for path in added { try write("user " + path, out.appendingPathComponent(path)) }
        let removed = try #require(try JSONDecoder().decode(CatalogDocument.self, from: Data(contentsOf: out.appendingPathComponent("data/neighbours.json")))
            .tracks.first { $0.file == "rock/rock two.flac" })
        try fm.removeItem(at: dataset.appendingPathComponent("rock/rock two.flac"))
        try build(out, dataset: dataset)
        try build(out, dataset: dataset) { $0.topK = 4 }
        for path in added { #expect(read(out.appendingPathComponent(path)) == "user " + path, "\(path) lost") }
        #expect(!fm.fileExists(atPath: out.appendingPathComponent(CatalogPaths.plot(removed.id, kind: "mfcc")).path),
                "files the old manifest listed that the new build does not write are removed")
        let manifest = try #require(try CatalogManifest.read(folder: out))
        #expect(manifest.files.allSatisfy { !added.contains($0.path) }, "user files are never listed as Backbeat's")
        #expect(manifest.entry("data/neighbours.json") != nil && manifest.entry("plots/catalog-map.png") != nil)
    }

    /// A listed file whose content no longer matches the manifest (edited since, or a manifest
    /// tampered with to claim a user's file) is not Backbeat's: never removed; where the new catalog
    /// writes the same name, it is kept beside as `NAME.edited`.
    @Test func listedFilesThatChangedAreKept() throws {
        let out = TestDataset.temporaryDirectory("edited")
        try build(out)
        let manifestURL = out.appendingPathComponent(CatalogManifest.fileName)
        var manifest = try #require(try CatalogManifest.read(folder: out))
        // A manifest that claims a user's notes (right size, wrong checksum), and one edited plot.
        try write("my notes", out.appendingPathComponent("NOTES.txt"))
        manifest.files.append(.init(path: "NOTES.txt", size: 8, sha256: String(repeating: "0", count: 64)))
        manifest = CatalogManifest(generator: manifest.generator, files: manifest.files)
        try Data(manifest.json().utf8).write(to: manifestURL)
        let plot = try #require(manifest.files.first { $0.path.hasSuffix("-tempo.png") }).path
        try write("my drawing", out.appendingPathComponent(plot))
        try build(out)
        #expect(read(out.appendingPathComponent("NOTES.txt")) == "my notes")
        #expect(read(out.appendingPathComponent(plot + ".edited")) == "my drawing")
        #expect(fm.contents(atPath: out.appendingPathComponent(plot).path)?.prefix(4) == Data([0x89, 0x50, 0x4E, 0x47]))
        // Edited again, and this time the new catalog does not write it: it simply stays.
        try write("my drawing 2", out.appendingPathComponent(plot))
        try build(out) { $0.plots = false }
        #expect(read(out.appendingPathComponent(plot)) == "my drawing 2")
        #expect(read(out.appendingPathComponent(plot + ".edited")) == "my drawing")
    }

    /// A user file where the new catalog writes one stops the build, and both catalogs' files stay.
    @Test func aUserFileInTheWayStopsTheBuild() throws {
        let out = TestDataset.temporaryDirectory("conflict")
        try build(out) { $0.plots = false }
        let mine = out.appendingPathComponent("plots/catalog-map.png")
        try write("my own map", mine)
        let before = TestDataset.snapshot(out)
        do {
            try build(out)
            Issue.record("the build replaced a user's file")
        } catch {
            #expect("\(error)".contains("plots/catalog-map.png") && "\(error)".contains("not Backbeat's"))
        }
        #expect(TestDataset.snapshot(out) == before)
        #expect(try fm.contentsOfDirectory(atPath: out.deletingLastPathComponent().path).allSatisfy { !$0.hasPrefix(".\(out.lastPathComponent).staging-") })
    }

    /// `-o LINK` where LINK points at a catalog: the catalog is updated and the link stays a link.
    @Test func anOutputLinkUpdatesTheCatalogItPointsTo() throws {
        let base = TestDataset.temporaryDirectory("outlink")
        let real = base.appendingPathComponent("real"), link = base.appendingPathComponent("link")
        try build(real)
        try fm.createSymbolicLink(atPath: link.path, withDestinationPath: "real")
        let report = try build(link) { $0.topK = 5 }
        #expect(report.tracks == TestDataset.good.count)
        #expect(try fm.destinationOfSymbolicLink(atPath: link.path) == "real")
        let doc = try JSONDecoder().decode(CatalogDocument.self, from: Data(contentsOf: real.appendingPathComponent("data/neighbours.json")))
        #expect(doc.parameters.topK == 5)
        #expect(try fm.contentsOfDirectory(atPath: base.path).sorted() == [".real.lock", "link", "real"])
    }

    /// The dataset reached through a link, the output inside it, audio copied into the output:
    /// the copies are recognised by resolved path and never indexed as new tracks.
    @Test func copiesInsideALinkedDatasetAreNotIndexed() throws {
        let base = TestDataset.temporaryDirectory("dslink")
        let real = base.appendingPathComponent("music")
        try fm.copyItem(at: Self.shared.get(), to: real)
        let link = base.appendingPathComponent("music-link")
        try fm.createSymbolicLink(atPath: link.path, withDestinationPath: "music")
        let copyAudio: (URL, CatalogDocument, BuildReport) throws -> Void = { staging, document, _ in
            for track in document.tracks {
                let to = staging.appendingPathComponent("audio/\(track.id).\((track.file as NSString).pathExtension)")
                try FileManager.default.createDirectory(at: to.deletingLastPathComponent(), withIntermediateDirectories: true)
                try FileManager.default.copyItem(at: real.appendingPathComponent(track.file), to: to)
            }
        }
        var counts: [Int] = []
        for _ in 0..<3 {
            counts.append(try build(link.appendingPathComponent("site"), dataset: link, finish: copyAudio).tracks)
        }
        #expect(counts == Array(repeating: TestDataset.good.count, count: 3))
        #expect(fm.fileExists(atPath: real.appendingPathComponent("site/audio").path))
    }

    /// Another catalog kept inside the dataset: its copied audio is listed as skipped, never indexed
    /// again, and the track count stays the same build after build.
    @Test func anOlderCatalogInsideTheDatasetIsNotIndexed() throws {
        let base = TestDataset.temporaryDirectory("nested")
        let music = base.appendingPathComponent("music")
        try fm.copyItem(at: Self.shared.get(), to: music)
        try build(music.appendingPathComponent("old-site"), dataset: music, finish: { staging, document, _ in
            for track in document.tracks {
                let to = staging.appendingPathComponent("audio/\(track.id).\((track.file as NSString).pathExtension)")
                try FileManager.default.createDirectory(at: to.deletingLastPathComponent(), withIntermediateDirectories: true)
                try FileManager.default.copyItem(at: music.appendingPathComponent(track.file), to: to)
            }
        })
        for _ in 0..<2 {
            let report = try build(base.appendingPathComponent("catalog"), dataset: music)
            #expect(report.tracks == TestDataset.good.count)
            #expect(report.skipped.filter { $0.reason.contains("Backbeat catalog in old-site/") }.count == TestDataset.good.count)
        }
    }

    /// A folder left by a build killed after the exchange (the old catalog with the user's files in
    /// it) is reconciled by the next build: the user's files come back, the listed ones go.
    @Test func anInterruptedCommitIsReconciled() throws {
        let base = TestDataset.temporaryDirectory("stale")
        let out = base.appendingPathComponent("cat")
        try build(out)
        // What a kill between the exchange and the carry-over leaves: a stale folder holding an
        // old catalog (a manifest and its files) and a user's entries.
        let stale = base.appendingPathComponent(".cat.staging-2147483000")
        try fm.copyItem(at: out, to: stale)
        try fm.removeItem(at: stale.appendingPathComponent(".cache")) // the cache is in one of the two
        try write("rescued", stale.appendingPathComponent("NOTES.txt"))
        try write("rescued too", stale.appendingPathComponent("music/x.txt"))
        // An unfinished staging folder (with the marker) is Backbeat's alone.
        let unfinished = base.appendingPathComponent(".cat.staging-2147483001")
        try write("x", unfinished.appendingPathComponent("data/neighbours.json"))
        try write("", unfinished.appendingPathComponent(".backbeat-staging"))
        // A folder of that name that is neither is left alone.
        let foreign = base.appendingPathComponent(".cat.old-2147483002")
        try write("not ours", foreign.appendingPathComponent("thing.txt"))
        try build(out)
        #expect(read(out.appendingPathComponent("NOTES.txt")) == "rescued")
        #expect(read(out.appendingPathComponent("music/x.txt")) == "rescued too")
        #expect(!fm.fileExists(atPath: stale.path) && !fm.fileExists(atPath: unfinished.path))
        #expect(read(foreign.appendingPathComponent("thing.txt")) == "not ours")
    }

    /// A file of Backbeat's that the user edits while a build runs is the user's when the build
    /// commits (ownership is checked again then): never removed, kept beside as `NAME.edited`.
    @Test func anEditDuringTheBuildIsKept() throws {
        let out = TestDataset.temporaryDirectory("editing")
        try build(out)
        let manifest = try #require(try CatalogManifest.read(folder: out))
        let model = try #require(manifest.files.first { $0.path == "data/neighbours.csv" }).path
        try build(out, finish: { _, _, _ in try Data("edited during the build".utf8).write(to: out.appendingPathComponent(model)) })
        #expect(read(out.appendingPathComponent(model + ".edited")) == "edited during the build")
        #expect(read(out.appendingPathComponent(model))?.hasPrefix("track_id,kind") == true)
    }

    /// A second build of the same output while one runs is refused at once.
    @Test func oneBuildAtATime() throws {
        let out = TestDataset.temporaryDirectory("concurrent")
        try build(out)
        do {
            try build(out, finish: { _, _, _ in _ = try TestDataset.build(out, dataset: try Self.shared.get()) })
            Issue.record("a second build ran while the first held the output")
        } catch {
            #expect("\(error)".contains("another build"), "\(error)")
        }
    }

    /// A database someone has open in SQLite (side files beside it) is set aside with its side files,
    /// never left for the new database to replay; a leftover folder whose pid now belongs to a
    /// running process does not block the build (the lock says no build runs).
    @Test func anOpenDatabaseAndAReusedPidAreHandled() throws {
        let base = TestDataset.temporaryDirectory("wal")
        let out = base.appendingPathComponent("cat")
        try build(out, finish: { staging, _, _ in try Data("db".utf8).write(to: staging.appendingPathComponent("data/catalog.sqlite")) })
        try write("wal frames", out.appendingPathComponent("data/catalog.sqlite-wal"))
        try fm.createDirectory(at: base.appendingPathComponent(".cat.old-1"), withIntermediateDirectories: true)
        try build(out, finish: { staging, _, _ in try Data("new db".utf8).write(to: staging.appendingPathComponent("data/catalog.sqlite")) })
        #expect(read(out.appendingPathComponent("data/catalog.sqlite")) == "new db")
        #expect(!fm.fileExists(atPath: out.appendingPathComponent("data/catalog.sqlite-wal").path))
        #expect(read(out.appendingPathComponent("data/catalog.sqlite.edited")) == "db")
        #expect(read(out.appendingPathComponent("data/catalog.sqlite.edited-wal")) == "wal frames")
    }

    /// A damaged manifest is no marker: the folder is refused, nothing in it replaced.
    @Test func aDamagedManifestIsRefused() throws {
        let out = TestDataset.temporaryDirectory("badmanifest")
        try build(out)
        let url = out.appendingPathComponent(CatalogManifest.fileName)
        var text = try #require(read(url))
        text = text.replacingOccurrences(of: "\"path\":\"about.html\"", with: "\"path\":\"../../about.html\"")
            .replacingOccurrences(of: "\"path\":\"data/model.json\"", with: "\"path\":\"data/../../model.json\"")
        try Data(text.utf8).write(to: url)
        let before = TestDataset.snapshot(out)
        #expect(throws: CatalogError.self) { try build(out) }
        #expect(TestDataset.snapshot(out) == before)
        for bad in ["{", "{\"format\":\"other\",\"manifest_version\":1,\"generator\":\"x\",\"files\":[]}",
                    "{\"format\":\"backbeat-catalog\",\"manifest_version\":1,\"generator\":\"x\",\"files\":[{\"path\":\"/etc/passwd\",\"size\":1,\"sha256\":null}]}",
                    "{\"format\":\"backbeat-catalog\",\"manifest_version\":1,\"generator\":\"x\",\"files\":[{\"path\":\"a//b\",\"size\":1,\"sha256\":null}]}",
                    "{\"format\":\"backbeat-catalog\",\"manifest_version\":9,\"generator\":\"x\",\"files\":[]}"] {
            #expect(throws: CatalogError.self, "\(bad)") { _ = try CatalogManifest.decode(Data(bad.utf8), path: "m") }
        }
    }

    /// Listed files are removed only through real folders: a listed path whose folder a user has
    /// replaced by a link to elsewhere is not followed.
    @Test func removalNeverFollowsALink() throws {
        let base = TestDataset.temporaryDirectory("linkdata")
        let out = base.appendingPathComponent("cat"), elsewhere = base.appendingPathComponent("elsewhere")
        try build(out)
        let listed = try #require(try CatalogManifest.read(folder: out)).files.filter { $0.path.hasPrefix("plots/") }.map(\.path)
        #expect(listed.count > 2)
        try fm.moveItem(at: out.appendingPathComponent("plots"), to: elsewhere)
        try fm.createSymbolicLink(atPath: out.appendingPathComponent("plots").path, withDestinationPath: elsewhere.path)
        do { try build(out) } catch {} // refused or built; either way the link's target is untouched
        for path in listed {
            #expect(fm.fileExists(atPath: elsewhere.appendingPathComponent(String(path.dropFirst("plots/".count))).path))
        }
    }
}
