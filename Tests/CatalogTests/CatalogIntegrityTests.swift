import Catalog
import Foundation
import Testing

/// A damaged or mixed catalog never crashes `query` and never answers silently wrong (issue #15,
/// class 3): every data file is checked against the manifest, every array length and reference
/// inside `model.json` against the others.
@Suite(.serialized) struct CatalogIntegrityTests {
    let fm = FileManager.default

    /// A fresh catalog of the test dataset (cache kept outside, so the folder holds the catalog only).
    func catalog(_ name: String, topK: Int = 3) throws -> (dataset: URL, output: URL) {
        let dataset = try TestDataset.make(seconds: 6)
        let output = TestDataset.temporaryDirectory(name).appendingPathComponent("catalog")
        var options = BuildOptions(dataset: dataset, output: output)
        options.topK = topK
        options.plots = false
        options.cache = TestDataset.temporaryDirectory(name + "-cache")
        try CatalogBuilder(options: options).run()
        return (dataset, output)
    }

    /// One catalog of the test dataset, built once; ``copy(_:)`` gives each test its own copy.
    static let shared: Result<Fixture, any Error> = Result {
        let dataset = try TestDataset.make(seconds: 6)
        let output = TestDataset.temporaryDirectory("integrity-shared").appendingPathComponent("catalog")
        var options = BuildOptions(dataset: dataset, output: output)
        options.topK = 3
        options.plots = false
        options.cache = TestDataset.temporaryDirectory("integrity-shared-cache")
        try CatalogBuilder(options: options).run()
        return Fixture(dataset: dataset, output: output)
    }
    struct Fixture: Sendable { let dataset: URL, output: URL }

    /// A copy of the shared catalog in a folder of its own (the same bytes as a fresh build).
    func copy(_ name: String) throws -> (dataset: URL, output: URL) {
        let shared = try Self.shared.get()
        let output = TestDataset.temporaryDirectory(name).appendingPathComponent("catalog")
        try fm.copyItem(at: shared.output, to: output)
        return (shared.dataset, output)
    }

    /// Rewrites `model.json` with `edit` applied; with `manifest`, the manifest is made to agree (a
    /// consistent-looking catalog whose content is still wrong).
    func editModel(_ output: URL, manifest: Bool, _ edit: (inout [String: Any]) -> Void) throws {
        let url = output.appendingPathComponent("data/model.json")
        var model = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any])
        edit(&model)
        try JSONSerialization.data(withJSONObject: model, options: [.sortedKeys]).write(to: url)
        if manifest { try CatalogManifest.describe(folder: output, generator: "test").write(into: output) }
    }

    func expectRefused(_ output: URL, _ comment: String, query: (CatalogQuery) throws -> Void = { _ in }) {
        do {
            let q = try CatalogQuery(catalog: output)
            try query(q)
            Issue.record("accepted: \(comment)")
        } catch let error as CatalogError {
            #expect(!"\(error)".contains("\n") && !"\(error)".contains("NSCocoaErrorDomain"), "\(error)")
        } catch {
            Issue.record("\(comment): not a CatalogError: \(error)")
        }
    }

    static let edits: [(String, @Sendable (inout [String: Any]) -> Void)] = [
        ("mean shortened", { m in var s = m["model"] as! [String: Any]; s["mean"] = Array((s["mean"] as! [Any]).dropLast()); m["model"] = s }),
        ("scale emptied", { m in var s = m["model"] as! [String: Any]; s["scale"] = [Any](); m["model"] = s }),
        ("nFFT 0", { m in var f = m["features"] as! [String: Any]; f["nFFT"] = 0; m["features"] = f }),
        ("segment out of range", { m in var t = m["segmentTrack"] as! [Int]; t[0] = 1_000; m["segmentTrack"] = t }),
        ("negative segment", { m in var t = m["segmentTrack"] as! [Int]; t[t.count - 1] = -1; m["segmentTrack"] = t }),
        ("files shortened", { m in m["files"] = Array((m["files"] as! [Any]).dropLast()) }),
        ("tempi lengthened", { m in m["tempos"] = (m["tempos"] as! [Any]) + [120.0] }),
        ("segment starts shortened", { m in m["segmentStart"] = Array((m["segmentStart"] as! [Any]).dropFirst()) }),
        ("MFCC count changed", { m in var f = m["features"] as! [String: Any]; f["mfccCount"] = 13; m["features"] = f }),
        ("no tracks", { m in m["trackIDs"] = [Any](); m["files"] = [Any](); m["tempos"] = [Any]() }),
        ("hop 0", { m in var f = m["features"] as! [String: Any]; f["hop"] = 0; m["features"] = f }),
        ("densities shortened", { m in m["density"] = Array((m["density"] as! [Any]).dropLast()) }),
        ("density not a cosine", { m in var d = m["density"] as! [Double]; d[0] = 1.5; m["density"] = d }),
        ("artist groups lengthened", { m in m["groups"] = (m["groups"] as! [Any]) + [[String: Any]()] }),
        ("negative artist cap", { m in var s = m["spread"] as! [String: Any]; s["max_per_artist"] = -1; m["spread"] = s }),
        ("deviations shortened", { m in var s = m["model"] as! [String: Any]; s["deviation"] = Array((s["deviation"] as! [Any]).dropLast()); m["model"] = s }),
        ("negative deviation", { m in var s = m["model"] as! [String: Any]; var d = s["deviation"] as! [Double]; d[0] = -1; s["deviation"] = d; m["model"] = s }),
    ]

    /// Each one-field edit is refused: by the checksum, and, with the manifest made to agree, by
    /// the cross-checks. Neither crashes.
    @Test(arguments: 0..<edits.count) func editedModelsAreRefused(_ index: Int) throws {
        let (name, edit) = Self.edits[index]
        let (dataset, output) = try copy("edit\(index)")
        #expect(throws: Never.self) { _ = try CatalogQuery(catalog: output) }
        try editModel(output, manifest: false, edit)
        expectRefused(output, name + " (checksum)")
        try editModel(output, manifest: true, { _ in })
        expectRefused(output, name + " (cross-checks)") { q in
            _ = try q.run(file: dataset.appendingPathComponent("rock/rock one.wav").path, topK: 3, bottomK: 2, perWindow: 2)
        }
    }

    /// Files taken from another catalog, a short `vectors.npy` and a missing manifest are refused.
    @Test func mixedOrDamagedCatalogsAreRefused() throws {
        let (dataset, a) = try catalog("mixa")
        let (_, b) = try catalog("mixb", topK: 4)
        let other = try TestDataset.make(seconds: 6)
        try fm.removeItem(at: other.appendingPathComponent("waltz"))
        var options = BuildOptions(dataset: other, output: TestDataset.temporaryDirectory("mixc").appendingPathComponent("catalog"))
        options.plots = false
        try CatalogBuilder(options: options).run()
        for file in ["data/model.json", "data/catalog.idx"] {
            let target = a.appendingPathComponent(file)
            let saved = try Data(contentsOf: target)
            try fm.removeItem(at: target)
            try fm.copyItem(at: options.output.appendingPathComponent(file), to: target)
            expectRefused(a, "\(file) from another catalog")
            try saved.write(to: target)
        }
        #expect(throws: Never.self) { _ = try CatalogQuery(catalog: a) }
        // Segment index and vectors are checked when a query reads them.
        let segments = a.appendingPathComponent("data/segments.idx")
        let savedSegments = try Data(contentsOf: segments)
        try savedSegments.prefix(savedSegments.count - 4).write(to: segments)
        expectRefused(a, "short segments.idx") { q in
            _ = try q.run(file: dataset.appendingPathComponent("rock/rock one.wav").path, topK: 3, bottomK: 0, perWindow: 2)
        }
        try savedSegments.write(to: segments)
        let vectors = a.appendingPathComponent("data/vectors.npy")
        try Data(contentsOf: vectors).dropLast(8).write(to: vectors)
        try CatalogManifest.describe(folder: a, generator: "test").write(into: a) // even when the manifest agrees
        expectRefused(a, "short vectors.npy") { q in
            let r = try q.run(file: dataset.appendingPathComponent("rock/rock one.wav").path, topK: 100, bottomK: 0)
            _ = try q.legacyCSV(r)
        }
        try fm.removeItem(at: b.appendingPathComponent(CatalogManifest.fileName))
        expectRefused(b, "no manifest")
    }

    /// The `.npy` reader takes any bytes: wrong magic, absurd or negative shapes, overflowing
    /// products and short payloads are errors, never traps.
    @Test func npyReaderRefusesHostileHeaders() throws {
        func npy(_ header: String, payload: Int) -> Data {
            var h = Array(header.utf8)
            h += [UInt8](repeating: 0x20, count: (64 - (10 + h.count + 1) % 64) % 64) + [0x0A]
            return Data([0x93] + Array("NUMPY".utf8) + [1, 0, UInt8(h.count & 0xFF), UInt8(h.count >> 8)] + h + [UInt8](repeating: 0, count: payload))
        }
        let shapes = ["(-1, 4)", "(9223372036854775807, 2)", "(4611686018427387904, 4)", "(3, 3)", "(2,)", "(a, b)"]
        for shape in shapes {
            let data = npy("{'descr': '<f4', 'fortran_order': False, 'shape': \(shape), }", payload: 32)
            #expect(throws: (any Error).self, "\(shape)") { _ = try NumpyArray.readFloat32(data, path: "x.npy") }
        }
        let good = npy("{'descr': '<f4', 'fortran_order': False, 'shape': (2, 4), }", payload: 32)
        #expect((try? NumpyArray.readFloat32(good, path: "x.npy"))?.values.count == 8)
        #expect(throws: (any Error).self) { _ = try NumpyArray.readFloat32(Data([0x93, 0x4E]), path: "x.npy") }
    }
}
