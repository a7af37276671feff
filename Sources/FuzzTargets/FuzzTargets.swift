import AudioIO
import Catalog
import Features
import Foundation
import NeighbourIndex

/// The readers of bytes Backbeat did not just write itself, each as a function that takes any
/// byte string and must neither crash nor hang: the libFuzzer harness (`fuzz/driver`,
/// `scripts/fuzz`) calls them with generated inputs, and `FuzzRegressionTests` replays the
/// committed seed corpora and crash reproducers through them in the default test run.
///
/// Each returns normally for every input; a failed invariant is a `preconditionFailure`, which
/// libFuzzer reports as a crash with the input saved.
public enum FuzzTargets {
    public static let names = ["cache", "index", "model", "npy", "manifest", "paths"]

    /// Runs target `name` on `data`; false for an unknown name.
    @discardableResult
    public static func run(_ name: String, _ data: Data) -> Bool {
        switch name {
        case "cache": cacheEntry(data)
        case "index": indexFile(data)
        case "model": modelJSON(data)
        case "npy": npy(data)
        case "manifest": manifest(data)
        case "paths": paths(data)
        default: return false
        }
        return true
    }

    /// A feature-cache entry file or failure record: as it is on disk (magic and checksum must
    /// hold), and framed with a valid checksum so the payload decoders themselves are reached.
    public static func cacheEntry(_ data: Data) {
        _ = FeatureCache.decode(data, key: "x")
        _ = FeatureCache.decodeFailure(data, key: "x") // a remembered failure (`.skip`) has the same frame
        _ = FeatureCache.decodeFailure(FeatureCache.frameFailure(payload: data), key: "x")
        if let (key, entry) = FeatureCache.decodeClaimed(FeatureCache.frame(payload: data)) {
            precondition(FeatureCache.decode(FeatureCache.frame(payload: data), key: key) != nil)
            let layout = DescriptorLayout(mfccCount: 20)
            let model = SimilarityModel(fitting: [entry.features.descriptor] + entry.features.segments.map(\.descriptor), layout: layout)
            _ = model.vector(entry.features.descriptor)
        }
    }

    /// An index file (`catalog.idx`, `segments.idx`): loaded header-only (so a damaged payload is
    /// searched, which must bounds-check every stored node) and with the full checksum, then
    /// searched both ways.
    public static func indexFile(_ data: Data) {
        let path = scratch.appendingPathComponent("index-\(getpid()).idx").path
        guard FileManager.default.createFile(atPath: path, contents: data) else { return }
        defer { unlink(path) }
        for verification in [IndexFile.Verification.headerOnly, .full] {
            guard let index = try? IndexFile.load(path, verification: verification), index.dimension <= 4_096 else { continue }
            let query = (0..<index.dimension).map { Float(($0 % 7) - 3) }
            _ = try? index.search(query, k: 5)
            _ = try? index.farthest(query, k: 5)
        }
    }

    /// `model.json`: decoded, checked, and when consistent, used as `query` uses it.
    public static func modelJSON(_ data: Data) {
        guard let model = try? JSONDecoder().decode(StoredModel.self, from: data), model.inconsistency() == nil else { return }
        let d = model.model.layout.dimension
        _ = model.model.vector((0..<d).map { Float($0 % 5) })
        precondition(model.segmentTrack.allSatisfy { model.files.indices.contains($0) })
    }

    /// A `.npy` array: the shape must agree with the values returned.
    public static func npy(_ data: Data) {
        guard let array = try? NumpyArray.readFloat32(data, path: "fuzz.npy") else { return }
        precondition(array.rows * array.columns == array.values.count)
    }

    /// The catalog manifest: every listed path is safe, and the manifest survives a round trip
    /// through its own writer.
    public static func manifest(_ data: Data) {
        guard let manifest = try? CatalogManifest.decode(data, path: "fuzz") else { return }
        for file in manifest.files {
            precondition(CatalogManifest.isSafePath(file.path) && manifest.entry(file.path) == file)
        }
        let again = try? CatalogManifest.decode(Data(manifest.json().utf8), path: "fuzz")
        precondition(again == manifest)
    }

    /// The scanner's path handling: the input's bytes, split at NUL, become file and folder names
    /// (any bytes but `/`) in a scratch folder; the scan must return every audio file once, with a
    /// valid UTF-8 relative path that stays inside the folder and a safe track id, or refuse it.
    public static func paths(_ data: Data) {
        let root = scratch.appendingPathComponent("paths-\(getpid())")
        try? FileManager.default.removeItem(at: root)
        guard mkdir(root.path, 0o755) == 0 else { return }
        defer { try? FileManager.default.removeItem(at: root) }
        var created = 0
        for raw in data.split(separator: 0).prefix(8) {
            let name = Array(raw.filter { $0 != 0x2F }.prefix(200))
            guard !name.isEmpty, name != [0x2E], name != [0x2E, 0x2E] else { continue }
            let nested = name.count % 2 == 0
            let folder = Array(root.path.utf8) + (nested ? [0x2F] + name + Array(".d".utf8) : [])
            if nested { _ = withCString(folder) { mkdir($0, 0o755) } }
            let file = folder + [0x2F] + name + Array(".wav".utf8)
            let fd = withCString(file, { creat($0, 0o644) })
            if fd >= 0 {
                close(fd)
                if name.first != 0x2E { created += 1 } // hidden names are passed over by design
            }
        }
        let scan = AudioFileScanner.walk(directory: root.path)
        var seen = Set<String>()
        for file in scan.files {
            precondition(seen.insert(file).inserted && CatalogManifest.isSafePath(file) && String(validating: Array(file.utf8), as: UTF8.self) != nil)
            let id = TrackID.make(relativePath: file)
            precondition(!id.isEmpty && id.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "-" })
        }
        precondition(created == 0 || !scan.files.isEmpty || !scan.refused.isEmpty, "files were created but the scan saw none")
    }

    static let scratch: URL = {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("backbeat-fuzz", isDirectory: true)
        try? FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }()

    static func withCString<R>(_ bytes: [UInt8], _ body: (UnsafePointer<CChar>) -> R) -> R {
        (bytes + [0]).withUnsafeBufferPointer { $0.withMemoryRebound(to: CChar.self) { body($0.baseAddress!) } }
    }
}
