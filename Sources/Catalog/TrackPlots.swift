import Features
import Foundation
import NeighbourIndex
import MapLayout
import Plotting

/// The per-track and catalog-level figures of a build (`plots/`).
public enum TrackPlots {
    /// The pixel sizes of the per-track plots (the plot types' defaults, which ``write(id:title:detail:beats:into:)`` uses).
    static let mfccSize = CatalogFiles.ImageSize(width: 640, height: 240), tempoSize = CatalogFiles.ImageSize(width: 640, height: 360)

    /// The size of `plots/NAME` when it is a per-track plot; nil for any other path.
    static func size(of path: String) -> CatalogFiles.ImageSize? {
        guard path.hasPrefix("plots/") else { return nil }
        return path.hasSuffix("-mfcc.png") ? mfccSize : path.hasSuffix("-tempo.png") ? tempoSize : nil
    }

    /// `<id>-mfcc.png` (640×240) and `<id>-tempo.png` (640×360) in `plots` (a build passes the
    /// track's shard folder, `plots/<shard>/`; the plot cache its own flat folder).
    public static func write(id: String, title: String, detail: AnalysisDetail, beats: [Double], into plots: URL) throws {
        let mfcc = (0..<detail.mfcc.rows).map { detail.mfcc.row($0) }
        try MFCCHeatmap(mfcc: mfcc, frameRate: detail.frameRate, title: "MFCC: \(title)",
                        width: mfccSize.width, height: mfccSize.height)
            .write(to: plots.appendingPathComponent("\(id)-mfcc.png"))
        try TempoPlot(onsetEnvelope: detail.onsetEnvelope, frameRate: detail.frameRate, beatTimes: beats.map(Float.init),
                      tempoBPM: detail.tempo.grid.map(Float.init), tempoStrength: detail.tempo.evidence.map(Float.init),
                      estimatedTempo: detail.tempo.bpm > 0 ? detail.tempo.bpm : nil, title: "Onset strength and beats: \(title)",
                      width: tempoSize.width, height: tempoSize.height)
            .write(to: plots.appendingPathComponent("\(id)-tempo.png"))
    }

    /// How many of each track's nearest neighbours the map's layout uses.
    public static let mapNeighbours = 15

    /// The catalog map: the tracks laid out from their neighbour lists (``MapLayout``, the first
    /// ``mapNeighbours`` of each, started from the PCA plane of the similarity vectors), so tracks near
    /// on the map are near in the full space. Empty for fewer than two tracks or when the PCA cannot run.
    public static func mapLayout(vectors: VectorSet, neighbours: [[Int]]) -> [[Double]] {
        guard vectors.count >= 2, let fit = try? PCA.fit(count: vectors.count, components: 2, sample: 20_000, row: vectors.row) else { return [] }
        let lists = neighbours.contains { $0.count > mapNeighbours } ? neighbours.map { Array($0.prefix(mapNeighbours)) } : neighbours
        return MapLayout.layout(neighbours: lists, initial: fit.points)
    }

    /// `plots/catalog-map.png` (the map's `points`, coloured by tempo) and `plots/tempo-histogram.png`.
    public static func writeCatalog(points: [[Double]], tempos: [Double], into plots: URL) throws {
        try CatalogMap(points: points.count == tempos.count ? points : tempos.map { _ in [0, 0] }, tempos: tempos,
                       title: "Catalog map: near tracks are alike", xLabel: "neighbour-graph layout", yLabel: "")
            .write(to: plots.appendingPathComponent("catalog-map.png"))
        let found = tempos.filter { $0 > 0 }
        try TempoHistogram(tempos: found.isEmpty ? [0] : found, title: "Tempo distribution")
            .write(to: plots.appendingPathComponent("tempo-histogram.png"))
    }
}
