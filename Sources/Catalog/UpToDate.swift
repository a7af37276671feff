import Crypto
import Foundation
import Support

/// Noticing that nothing changed: a rebuild whose inputs are those of the catalog already at the
/// output, and whose catalog is intact, does nothing else.
///
/// The inputs are summarised by one SHA-256 (``inputsKey(_:hashes:)``, stored as `inputs` in
/// `data/build.json`) over: the generator and the executable's own digest, every option that changes the output (``BuildOptions``'s
/// and the caller's ``BuildOptions/outputKey`` for the site), `SOURCE_DATE_EPOCH`, the dataset's path
/// relative to the output, and every scanned file's relative path and content hash, with the scan's refusals.
/// Content hashes come from the feature cache's path index, so an unchanged file costs one `stat`.
/// The catalog is intact when its manifest is this generator's and every file it lists is a
/// regular file of the listed size. Anything else (a missing cache, a file touched but equal,
/// another option) falls through to a normal build, which is byte-identical anyway.
extension CatalogBuilder {
    /// The existing catalog's report when it is up to date with these options and the dataset;
    /// nil when a build is needed. Reads only: never creates or changes a file.
    public func upToDate() -> BuildReport? {
        let o = resolvedOptions()
        guard let stored = Self.storedReport(in: o.output), let storedKey = stored.inputsKey,
              !(o.strict && !stored.skipped.isEmpty),  // --strict must fail on those skips again
              Self.intact(o.output),
              let cache = try? FeatureCache(directory: o.cacheDirectory, parametersKey: o.featureKey, create: false)
        else { return nil }
        let found = Self.scan(dataset: o.dataset, output: o.output)
        guard let hashes = Self.hashes(found, o, cache: cache), inputsKey(found, hashes: hashes) == storedKey else { return nil }
        return stored
    }

    /// SHA-256 (hex) of everything the catalog is made from (see the type's comment).
    func inputsKey(_ found: Scanned, hashes: [String]) -> String {
        let o = resolvedOptions()
        var text = "generator\t\(Self.generator)\t\(Self.executableDigest)\nfeatures\t\(o.featureKey)\noutput-key\t\(o.outputKey)\n"
        text += "k\t\(o.topK)\t\(o.bottomK)\tindex\t\(o.index.rawValue)\tseed\t\(o.seed)\tplots\t\(o.plots)\n"
        text += "spread\t\(o.spread.maxPerArtist)\t\(o.spread.maxPerAlbum)\n"
        text += "weights\t" + o.weights.sorted { $0.key.rawValue < $1.key.rawValue }.map { "\($0.key.rawValue)=\($0.value)" }.joined(separator: ",") + "\n"
        text += "epoch\t\(BuildReportFile.sourceDateEpoch.map { String($0) } ?? "-")\n"
        // The catalog records the dataset relative to itself (links, `query`), not absolute paths,
        // so two outputs at the same place relative to the dataset share a key (byte-identical
        // merged builds).
        text += "dataset\t\(RelativeURL.relativePath(from: o.output, to: ResolvedPath.of(o.dataset)))\n"
        for (file, hash) in zip(found.files, hashes) { text += "f\t\(file)\t\(hash)\n" }
        for r in found.refused { text += "r\t\(r.file)\t\(r.reason)\n" }
        return SHA256.hash(data: Data(text.utf8)).map { String(format: "%02x", $0) }.joined()
    }

    /// SHA-256 of the running executable (`/proc/self/exe`): a catalog written by another build of
    /// Backbeat — even one with the same version string — is never taken as up to date. Empty
    /// where the executable cannot be read (the version string alone then decides).
    static let executableDigest: String = (try? ContentHash.of(path: "/proc/self/exe")) ?? ""

    /// Every scanned file's content hash, in scan order (nil when one cannot be read).
    static func hashes(_ found: Scanned, _ o: BuildOptions, cache: FeatureCache) -> [String]? {
        var out: [String] = []
        out.reserveCapacity(found.files.count)
        for file in found.files {
            guard let record = try? cache.contentHash(of: found.root.appendingPathComponent(file).path,
                                                      reading: o.dataset.appendingPathComponent(file).path) else { return nil }
            out.append(record.hash)
        }
        return out
    }

    /// The build report of the catalog at `output` as `data/build.json` has it, with its inputs key.
    static func storedReport(in output: URL) -> BuildReport? {
        guard let data = try? Data(contentsOf: output.appendingPathComponent("data/build.json")),
              let json = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
              json["generator"] as? String == generator,
              let tracks = json["tracks"] as? Int, let skipped = json["skipped"] as? Int, let index = json["index"] as? String
        else { return nil }
        var report = BuildReport(tracks: tracks, skipped: Array(repeating: .init(file: "", reason: ""), count: skipped),
                                 extracted: 0, cached: tracks, indexKind: index,
                                 measuredRecall: json["measured_recall"] as? Double ?? 1,
                                 measuredBottomRecall: json["measured_bottom_recall"] as? Double ?? 1, seconds: [:])
        report.inputsKey = json["inputs"] as? String
        return report
    }

    /// Whether the catalog at `output` has this generator's manifest and every file it lists, as
    /// a regular file of the listed size.
    static func intact(_ output: URL) -> Bool {
        guard let manifest = try? CatalogManifest.read(folder: output), manifest.generator == generator else { return false }
        for file in manifest.files {
            guard let status = Platform.status(output.appendingPathComponent(file.path).path, followingLinks: false),
                  status.kind == S_IFREG, file.size.map({ $0 == status.size }) ?? true else { return false }
        }
        return true
    }
}
