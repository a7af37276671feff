// bench-site: time SiteBuilder.write for a synthetic catalog (plots excluded).
// Usage: swift run -c release bench-site [TRACKS=3415] [--repeat N] [--keep DIR]
import Catalog
import Foundation
import SiteBuilder

var arguments = Array(CommandLine.arguments.dropFirst())
var trackCount = 3415, repeats = 3
var keep: String?
while let argument = arguments.first {
    arguments.removeFirst()
    switch argument {
    case "--repeat": repeats = Int(arguments.removeFirst()) ?? 3
    case "--keep": keep = arguments.removeFirst()
    default: trackCount = Int(argument) ?? trackCount
    }
}

/// SplitMix64 (Steele, Lea & Flood 2014): a small seeded generator for reproducible data.
struct SplitMix64 {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
    mutating func unit() -> Double { Double(next() >> 11) / Double(1 << 53) }
}

func syntheticDocument(_ n: Int, k: Int = 10) -> CatalogDocument {
    var rng = SplitMix64(state: 42)
    let genres = ["Blues", "Classical", "Country", "Disco", "Hip-Hop", "Jazz", "Metal", "Pop", "Reggae", "Rock"]
    var tracks: [CatalogTrack] = (0..<n).map { i in
        let genre = genres[i % genres.count]
        let file = "\(genre.lowercased())/\(genre.lowercased()).\(String(format: "%05d", i)).mp3"
        return CatalogTrack(id: TrackID.make(relativePath: file), file: file,
                            title: "\(genre) study no. \(i) & friends", artist: "Artist \(i % 97)",
                            album: "Album \(i % 31)", genre: genre, duration_s: 29.5 + rng.unit(),
                            tempo_bpm: 70 + 110 * rng.unit(), tempo_confidence: rng.unit(), top: [], bottom: [])
    }
    tracks.sort { Array($0.file.utf8).lexicographicallyPrecedes(Array($1.file.utf8)) }
    for i in tracks.indices {
        var top: [CatalogTrack.Neighbour] = [], bottom: [CatalogTrack.Neighbour] = []
        for r in 0..<k {
            let a = (i + 1 + Int(rng.next() % UInt64(n - 1))) % n
            let b = (i + 1 + Int(rng.next() % UInt64(n - 1))) % n
            top.append(.init(id: tracks[a].id, distance: 0.05 + 0.03 * Double(r)))
            bottom.append(.init(id: tracks[b].id, distance: 1.6 - 0.03 * Double(r)))
        }
        tracks[i].top = top
        tracks[i].bottom = bottom
    }
    let parameters = CatalogParameters(feature_version: 1, sample_rate: 22_050, n_fft: 2048, hop_length: 512, n_mels: 128,
                                       n_mfcc: 20, max_seconds: nil, weights: ["mfcc": 1, "rhythm": 2], metric: "cosine",
                                       index: "auto", top_k: k, bottom_k: k, seed: 42)
    return CatalogDocument(generator: "backbeat bench", parameters: parameters, tracks: tracks)
}

let document = syntheticDocument(trackCount)
let report = BuildReport(tracks: trackCount, skipped: [], extracted: trackCount, cached: 0, index_kind: "forest",
                         measured_recall: 0.98, seconds: ["scan": 0.1, "extract": 60, "index": 1.2, "write": 0.4])
let base = keep.map { URL(fileURLWithPath: $0) }
    ?? FileManager.default.temporaryDirectory.appendingPathComponent("bench-site-\(ProcessInfo.processInfo.processIdentifier)")
let output = base.appendingPathComponent("site"), dataset = base.appendingPathComponent("dataset")
try FileManager.default.createDirectory(at: output.appendingPathComponent("data"), withIntermediateDirectories: true)
try FileManager.default.createDirectory(at: dataset, withIntermediateDirectories: true)

print("bench-site: \(trackCount) tracks, top/bottom 10, audio link, plots excluded (release build expected)")
print("run  seconds  pages/s")
var times: [Double] = []
for run in 1...max(1, repeats) {
    let start = DispatchTime.now().uptimeNanoseconds
    try SiteBuilder.write(document: document, report: report, outputDirectory: output,
                          options: SiteOptions(datasetRoot: dataset, audio: .link))
    let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
    times.append(seconds)
    print(String(format: "%3d  %7.3f  %7.0f", run, seconds, Double(trackCount + 3) / seconds))
}
func size(_ path: String) -> Int {
    ((try? FileManager.default.attributesOfItem(atPath: output.appendingPathComponent(path).path))?[.size] as? NSNumber)?.intValue ?? 0
}
let sample = document.tracks.first.map { "tracks/\($0.id).html" } ?? ""
print(String(format: "best %.3f s (target < 5 s)", times.min() ?? 0))
print("sizes: index.html \(size("index.html")) B, \(sample) \(size(sample)) B, about.html \(size("about.html")) B, map.html \(size("map.html")) B")
if keep == nil { try? FileManager.default.removeItem(at: base) }
