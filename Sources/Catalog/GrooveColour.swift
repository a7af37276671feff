import Features
import Foundation
import NeighbourIndex
import Plotting

/// Groove colours for the catalog map: tracks with alike grooves get alike hues.
///
/// The groove part of each similarity vector (the blocks of ``MatchPart/groove`` and the learned
/// projection after them) is projected on that part's first two principal components, fitted on
/// an evenly spaced sample of at most ``sample`` tracks; a track's hue is the angle of its point,
/// `atan2(p₂, p₁)` in degrees, 0–359. Hue is circular, so nearby grooves get nearby colours
/// whichever way the plane is oriented; the colour says nothing about tempo (the other colouring
/// of the map does).
enum GrooveColour {
    /// Tracks the principal components are fitted on.
    static let sample = 5_000

    /// One hue per vector (whole degrees), or empty for fewer than three vectors or a layout without
    /// a groove part.
    static func hues(vectors: VectorSet, layout: DescriptorLayout) -> [Int] {
        let width = vectors.dimension
        guard vectors.count >= 3 else { return [] }
        let columns = layout.blocks.filter { MatchPart.of($0.name) == .groove }.flatMap { Array($0.range) }
            + Array(min(layout.dimension, width)..<width)
        guard columns.count >= 2 else { return [] }
        let step = max(1, vectors.count / sample)
        let fitted = stride(from: 0, to: vectors.count, by: step).map { i in vectors.withRow(i) { v in columns.map { v[$0] } } }
        guard let pca = try? PCA.fit(fitted, components: 2) else { return [] }
        var mean = [Double](repeating: 0, count: columns.count)
        for row in fitted { for j in row.indices { mean[j] += Double(row[j]) } }
        for j in mean.indices { mean[j] /= Double(fitted.count) }
        return (0 ..< vectors.count).map { i in vectors.withRow(i) { v in
            var p = (0.0, 0.0)
            for (j, c) in columns.enumerated() {
                let x = Double(v[c]) - mean[j]
                p.0 += x * pca.axes[0][j]
                p.1 += x * pca.axes[1][j]
            }
            let degrees = atan2(p.1, p.0) * 180 / Double.pi
            return (Int(degrees.rounded()) + 360) % 360
        } }
    }
}
