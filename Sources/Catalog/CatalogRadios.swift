import Features
import NeighbourIndex
import Playlists
import Support

/// Every track's radio, made at build time from the table's shortlists (``Radio``): the playlist
/// `playlists/<shard>/<id>.m3u8` and the `radio` of `neighbours.json`.
enum CatalogRadios {
    /// Tracks after the seed in a build's radio.
    static let length = 20

    /// The recording of each row: the smallest row of its version group (its own row when it has
    /// no versions).
    static func recordings(versions: [[Int]]) -> [Int] {
        versions.enumerated().map { i, v in min(i, v.min() ?? i) }
    }

    /// The radio rows of every track, in parallel (each is independent and deterministic).
    static func make(vectors: VectorSet, tempos: [Double], groups: [SpreadGroup], recordings: [Int],
                     index: any NeighbourSearcher, table: NeighbourTable, limits: PlaylistLimits) -> [[Int]] {
        let space = PlaylistSpace(index: index, tempos: tempos, artists: groups.map(\.artist), recordings: recordings,
                                  shortlists: table.top)
        var radios = [[Int]](repeating: [], count: vectors.count)
        radios.withUnsafeMutableBufferPointer { out in
            let shared = SharedBuffer(base: out.baseAddress!)
            let input = UnsafeSendable((space, vectors, tempos))
            Parallel.forEachChunk(vectors.count, chunkSize: 64) { range in
                let (space, vectors, tempos) = input.value
                for i in range {
                    let seed = PlaylistSeed(vector: vectors.row(i), tempo: tempos[i], row: i)
                    shared.base[i] = (try? Radio.make(space, seeds: [seed], length: length, limits: limits).rows) ?? []
                }
            }
        }
        return radios
    }
}
