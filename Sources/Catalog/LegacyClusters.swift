import Foundation
import Support
import Synth

/// The original project's `Cluster,Song` export: k-means (k = 10, k-means++ seeding, seeded)
/// over the similarity vectors of the query's 100 nearest tracks.
/// Reference: Arthur & Vassilvitskii, *k-means++: the advantages of careful seeding*, SODA 2007.
public enum LegacyClusters {
    /// Cluster labels (0…k−1) for `points`, deterministic for `seed`.
    public static func kmeans(_ points: [[Float]], k requested: Int, seed: UInt64 = 42, iterations: Int = 100) -> [Int] {
        let n = points.count
        guard n > 0 else { return [] }
        let k = max(1, min(requested, n))
        var rng = SplitMix64(seed: seed)
        func d2(_ a: [Float], _ b: [Float]) -> Double {
            var s = 0.0
            for i in a.indices { let d = Double(a[i] - b[i]); s += d * d }
            return s
        }
        var centres = [points[rng.index(n)]]
        while centres.count < k {
            let weights = points.map { p in centres.map { d2(p, $0) }.min() ?? 0 }
            let total = weights.reduce(0, +)
            guard total > 0 else { centres.append(points[centres.count % n]); continue }
            var r = rng.uniform() * total, chosen = n - 1
            for (i, w) in weights.enumerated() { r -= w; if r <= 0 { chosen = i; break } }
            centres.append(points[chosen])
        }
        var labels = [Int](repeating: -1, count: n)
        for _ in 0..<iterations {
            var changed = false
            for (i, p) in points.enumerated() {
                var best = 0, bestD = Double.infinity
                for (c, centre) in centres.enumerated() {
                    let d = d2(p, centre)
                    if d < bestD { bestD = d; best = c }
                }
                if labels[i] != best { labels[i] = best; changed = true }
            }
            if !changed { break }
            for c in 0..<k {
                let members = points.indices.filter { labels[$0] == c }
                guard !members.isEmpty else { continue }
                var mean = [Float](repeating: 0, count: points[0].count)
                for m in members { for j in mean.indices { mean[j] += points[m][j] } }
                centres[c] = mean.map { $0 / Float(members.count) }
            }
        }
        return labels
    }

    /// The CSV text: header `Cluster,Song`, one row per track (cluster label, file).
    public static func csv(files: [String], labels: [Int]) -> String {
        var table = CSVTable(header: ["Cluster", "Song"])
        for (f, l) in zip(files, labels) { table.append([.number(String(l)), .text(f)]) }
        return table.contents
    }
}
