import Foundation
import NeighbourIndex
import Playlists
import Support

/// `backbeat playlist` and `backbeat path` over a built catalog: seeds analysed as `query` analyses
/// a file, the catalog's vectors, tempi, artist groups and recordings.
extension CatalogQuery {
    /// The catalog as ``Playlists`` sees it.
    public var playlistSpace: PlaylistSpace {
        PlaylistSpace(index: index, tempos: stored.tempos, artists: stored.groups.map(\.artist), recordings: stored.recordings)
    }

    /// A seed from an audio file: its vector and tempo, and its catalog row when the file is a
    /// catalog track (its vector meets one exactly).
    public func seed(file: String) throws -> PlaylistSeed {
        let analysis = try TrackAnalyzer(parameters: stored.features, maxSeconds: stored.maxSeconds).analyze(path: file)
        let vector = VectorSet.unitLength(SimilaritySpace.safeVector(stored.model.vector(analysis.features.descriptor)))
        let nearest = try index.search(vector, k: 1).first
        let row = nearest.flatMap { SimilaritySpace.cosineDistance($0.distance) < Self.identical ? $0.index : nil }
        return PlaylistSeed(vector: vector, tempo: row.map { stored.tempos[$0] } ?? analysis.features.tempo, row: row)
    }

    /// One entry of a playlist: a catalog row, or a file that is not in the catalog.
    public enum PlaylistItem: Sendable, Equatable {
        case track(Int)
        case file(String, tempo: Double)
    }

    /// The catalog's published document, checked against the manifest (titles, artists, durations).
    public func document() throws -> CatalogDocument {
        let url = try verifiedManifestFile("data/neighbours.json")
        do { return try JSONDecoder().decode(CatalogDocument.self, from: Data(contentsOf: url)) } catch {
            throw CatalogError(.incompatible, "\(url.path): \(ErrorText.line(error)); rebuild the catalog")
        }
    }

    /// `relative` after ``CatalogManifest/verify(_:in:)``.
    func verifiedManifestFile(_ relative: String) throws -> URL {
        do { try manifest.verify(relative, in: catalog) } catch let error as CatalogError {
            throw CatalogError(.incompatible, error.description)
        }
        return catalog.appendingPathComponent(relative)
    }

    /// Extended M3U for `items`, with locations relative to the folder of `playlist` (the file to be
    /// written): catalog tracks in the dataset the catalog was built from, other files where they are.
    public func m3u8(_ items: [PlaylistItem], document: CatalogDocument, playlist: URL) -> String {
        let from = RelativeURL.components(ofDirectory: playlist.deletingLastPathComponent())
        let dataset = catalog.appendingPathComponent(stored.datasetFromCatalog, isDirectory: true)
        let entries: [PlaylistFile.Entry] = items.map { item in
            switch item {
            case .track(let row):
                let t = document.tracks[row]
                let to = RelativeURL.components(ofDirectory: dataset) + t.file.split(separator: "/").map(String.init)
                return .init(location: RelativeURL.relative(from: from, to: to), seconds: t.durationSeconds, artist: t.artist, title: t.title)
            case .file(let path, _):
                let url = URL(fileURLWithPath: path)
                let to = RelativeURL.components(ofDirectory: url.deletingLastPathComponent()) + [url.lastPathComponent]
                return .init(location: RelativeURL.relative(from: from, to: to), seconds: -1, artist: nil,
                             title: (url.lastPathComponent as NSString).deletingPathExtension)
            }
        }
        return PlaylistFile.m3u8(entries)
    }
}
