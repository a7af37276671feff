import Catalog
import Foundation
import Support

/// Where each track's clip is reached from the site, as a URL relative to the output folder
/// (track pages, two levels down in `tracks/<shard>/`, prefix `../../`).
struct AudioSources {
    /// Track id → root-relative, percent-encoded URL; no entry for `.none`.
    private(set) var rootRelative: [String: String] = [:]

    /// Prepares audio for `tracks`: computes links (`.link`), copies clips into `audio/` (`.copy`),
    /// or nothing (`.none`). Copies go to `audio/<shard>/<id>.<ext>` (``CatalogPaths``).
    init(tracks: [CatalogTrackRef], mode: AudioMode, datasetRoot: URL, outputDirectory: URL) throws {
        switch mode {
        case .none:
            return
        case .link:
            let from = SiteLinks.components(ofDirectory: outputDirectory)
            let dataset = SiteLinks.components(ofDirectory: datasetRoot)
            for track in tracks {
                rootRelative[track.id] = SiteLinks.relative(from: from, to: dataset + track.fileComponents)
            }
        case .copy:
            let audioFolder = outputDirectory.appendingPathComponent("audio", isDirectory: true)
            try SiteFiles.makeDirectory(audioFolder)
            try SiteFiles.makeShardFolders(for: tracks.map(\.id), in: audioFolder)
            var expected = Set<String>()
            for track in tracks {
                let path = CatalogPaths.audioCopy(track.id, ext: Self.fileExtension(track.fileComponents.last ?? ""))
                expected.insert(path)
                let source = datasetRoot.appendingPathComponent(track.fileComponents.joined(separator: "/"))
                try Self.copyIfChanged(source, to: outputDirectory.appendingPathComponent(path))
                rootRelative[track.id] = SiteLinks.encodePath(path)
            }
            try SiteFiles.removeStale(in: audioFolder, keeping: expected, prefix: "audio/")
        }
    }

    /// `.mp3` for `song.MP3`: the lower-cased extension if it is 1–5 ASCII letters or digits, else `""`.
    static func fileExtension(_ fileName: String) -> String {
        guard let dot = fileName.lastIndex(of: "."), dot != fileName.startIndex else { return "" }
        let ext = fileName[fileName.index(after: dot)...].lowercased()
        guard (1...5).contains(ext.utf8.count),
              ext.utf8.allSatisfy({ ($0 >= 0x61 && $0 <= 0x7A) || ($0 >= 0x30 && $0 <= 0x39) }) else { return "" }
        return "." + ext
    }

    /// Copies `source` to `target` through a temporary file and a rename, then gives the copy the
    /// source's modification date; skipped when `target` already has the same size and date.
    static func copyIfChanged(_ source: URL, to target: URL) throws {
        let fm = FileManager.default
        let sourceAttributes: [FileAttributeKey: Any]
        do {
            sourceAttributes = try fm.attributesOfItem(atPath: source.path)
        } catch {
            throw SiteError(stage: .audio, path: source.path, message: "the clip cannot be read (\(ErrorText.line(error)))")
        }
        let size = (sourceAttributes[.size] as? NSNumber)?.int64Value
        let date = sourceAttributes[.modificationDate] as? Date
        if let targetAttributes = try? fm.attributesOfItem(atPath: target.path),
           (targetAttributes[.size] as? NSNumber)?.int64Value == size,
           let targetDate = targetAttributes[.modificationDate] as? Date, let date,
           abs(targetDate.timeIntervalSince(date)) < 0.001 {
            return
        }
        let temporary = target.deletingLastPathComponent()
            .appendingPathComponent(".\(target.lastPathComponent).partial")
        try? fm.removeItem(at: temporary)
        do {
            try fm.copyItem(at: source, to: temporary)
            if let date { try fm.setAttributes([.modificationDate: date], ofItemAtPath: temporary.path) }
            try SiteFiles.rename(temporary, to: target)
        } catch let error as SiteError {
            try? fm.removeItem(at: temporary)
            throw error
        } catch {
            try? fm.removeItem(at: temporary)
            throw SiteError(stage: .audio, path: source.path, message: "copy failed (\(ErrorText.line(error)))")
        }
    }
}

/// A track reduced to what the site's links need, validated once.
struct CatalogTrackRef {
    var id: String
    var fileComponents: [String]
}
