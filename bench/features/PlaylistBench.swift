import ArgumentParser
import Catalog
import Features
import Foundation
import NeighbourIndex
import Playlists
import Support

/// `bench-features playlists DIR`: radio and route quality on a labelled set (`labels.csv` with
/// `file, bpm, family[, kit]` and `descriptors.npy` from `bench-features descriptors DIR`). The kit
/// stands in for the artist. For every track's radio (20 tracks, default limits): the share of
/// steps that keep the groove family, the largest and median tempo step, the share of steps that
/// repeat the previous artist, the mean length; the same for a naive radio (each step the previous
/// track's nearest unused neighbour). For `path` between random pairs (seeded): how often a route is
/// found at the default limits, and the same step figures.
struct PlaylistBench: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "playlists", abstract: "Radio and route quality on a labelled set.")
    @Argument(help: "A folder with labels.csv and descriptors.npy.") var dir: String
    @Option(help: "Random pairs for the route figures.") var pairs = 200
    @Option(help: "Seed of the pairs.") var seed: UInt64 = 1

    func run() throws {
        let lines = try String(contentsOfFile: "\(dir)/labels.csv", encoding: .utf8).split(whereSeparator: \.isNewline).map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
        let header = lines[0]
        func column(_ name: String) -> [String] { header.firstIndex(of: name).map { c in lines.dropFirst().map { $0[c] } } ?? [] }
        let family = column("family"), bpm = column("bpm").map { Double($0) ?? 0 }, kit = column("kit")
        let raw = try NumpyArray.readFloat32(URL(fileURLWithPath: "\(dir)/descriptors.npy"))
        let descriptors = (0..<raw.rows).map { Array(raw.values[($0 * raw.columns)..<(($0 + 1) * raw.columns)]) }
        let model = SimilarityModel(fitting: descriptors, layout: DescriptorLayout(mfccCount: 20))
        let vectors = descriptors.map { d -> [Float] in var v = model.vector(d); if v.allSatisfy({ $0 == 0 }) { v[0] = 1 }; return v }
        let index = try ExactIndex(vectors: try VectorSet(rows: vectors, dimension: model.vectorDimension), metric: .angular)
        // The tempo the catalog would hold: the extracted one (descriptor's own estimate is not stored
        // here), so use the labelled tempo — the figures then measure the ordering, not tempo errors.
        let n = vectors.count
        let space = PlaylistSpace(index: index, tempos: bpm, artists: kit.isEmpty ? Array(repeating: nil, count: n) : kit.map { $0 }, recordings: Array(0..<n))
        let limits = PlaylistLimits.defaults
        var radio = Steps(), naive = Steps()
        for i in 0..<n {
            let s = PlaylistSeed(vector: vectors[i], tempo: bpm[i], row: i)
            let rows = try Radio.make(space, seeds: [s], length: 20, limits: limits).rows
            radio.add([i] + rows, family: family, bpm: bpm, artist: kit)
            var used: Set<Int> = [i], list = [i]
            while list.count < 21 {
                guard let next = try index.search(vectors[list.last!], k: min(n, 60)).map({ (m: Neighbour) in m.index }).first(where: { !used.contains($0) }) else { break }
                used.insert(next)
                list.append(next)
            }
            naive.add(list, family: family, bpm: bpm, artist: kit)
        }
        var rng = SplitMix64(seed: seed)
        var found = 0, route = Steps()
        for _ in 0..<pairs {
            let a = rng.index(n), b = rng.index(n)
            guard a != b else { continue }
            let from = PlaylistSeed(vector: vectors[a], tempo: bpm[a], row: a), to = PlaylistSeed(vector: vectors[b], tempo: bpm[b], row: b)
            if case .success(let rows) = try Route.find(space, from: from, to: to, steps: 10, limits: limits) {
                found += 1
                route.add([a] + rows + [b], family: family, bpm: bpm, artist: kit)
            }
        }
        print("\(n) tracks, radio of 20, limits: tempo step \(Int(limits.maxTempoStep * 100)) %, \(limits.maxPerArtist) per artist")
        print("list           family kept  max step  median step  artist repeats  mean length")
        for (name, s) in [("radio", radio), ("naive nearest", naive), ("path (10 steps)", route)] { print(s.row(name)) }
        print(String(format: "routes found: %d of %d random pairs (%.1f %%)", found, pairs, 100 * Double(found) / Double(max(1, pairs))))
    }

    struct Steps {
        var kept = 0, total = 0, repeats = 0, lists = 0, tracks = 0
        var tempoSteps: [Double] = []
        mutating func add(_ list: [Int], family: [String], bpm: [Double], artist: [String]) {
            lists += 1
            tracks += list.count
            for (a, b) in zip(list, list.dropFirst()) {
                total += 1
                if family[a] == family[b] { kept += 1 }
                if !artist.isEmpty && artist[a] == artist[b] { repeats += 1 }
                tempoSteps.append(TempoStep.relative(from: bpm[a], to: bpm[b]))
            }
        }
        func row(_ name: String) -> String {
            let sorted = tempoSteps.sorted()
            return String(format: "%-15@ %10.3f  %7.1f %%  %9.1f %%  %13.3f  %11.1f", name, Double(kept) / Double(max(1, total)),
                          100 * (sorted.last ?? 0), 100 * (sorted.isEmpty ? 0 : sorted[sorted.count / 2]),
                          Double(repeats) / Double(max(1, total)), Double(tracks) / Double(max(1, lists)))
        }
    }
}
