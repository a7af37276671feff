import ArgumentParser
import Catalog
import Foundation
import MapLayout
import NeighbourIndex
import Plotting

/// `bench-features map V.npy [--sizes 3416,20000]`: the catalog map's neighbourhood preservation —
/// the share of each track's 10 nearest on the map that are among its 30 nearest in the full space
/// (1,000 sampled tracks) — for the PCA plane and for the neighbour-graph layout (``MapLayout``),
/// with the time of each. Vectors: a catalog's `data/vectors.npy` or `bench-features vectors`.
struct MapBench: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "map", abstract: "Catalog map: PCA vs neighbour-graph layout.")
    @Argument(help: "Similarity vectors (.npy, float32, one track a row).") var vectors: String
    @Option(help: "Prefix sizes to measure (default: all rows).") var sizes: String?

    func run() throws {
        let (rows, columns, values) = try NumpyArray.readFloat32(URL(fileURLWithPath: vectors))
        let counts = sizes?.split(separator: ",").compactMap { Int($0) }.filter { $0 <= rows } ?? [rows]
        print("tracks  PCA s  layout s  preservation PCA  preservation layout")
        for n in counts {
            let data = (0 ..< n).map { Array(values[$0 * columns ..< ($0 + 1) * columns]) }
            let set = try VectorSet(rows: data, dimension: columns)
            let (_, table) = try NeighbourTable.build(set, metric: .angular, k: 30, bottomK: 0)
            let full = table.top.map { $0.map(\.index) }
            var t0 = Date()
            let pca = try PCA.fit(data, components: 2).points
            let pcaSeconds = Date().timeIntervalSince(t0)
            t0 = Date()
            let laid = MapLayout.layout(neighbours: full.map { Array($0.prefix(15)) }, initial: pca)
            let layoutSeconds = Date().timeIntervalSince(t0)
            let sample = Array(stride(from: 0, to: n, by: max(1, n / 1000)))
            print(String(format: "%6d  %5.2f  %8.2f  %16.3f  %19.3f", n, pcaSeconds, layoutSeconds,
                         MapLayout.preservation(points: pca, full: full, sample: sample),
                         MapLayout.preservation(points: laid, full: full, sample: sample)))
        }
    }
}
