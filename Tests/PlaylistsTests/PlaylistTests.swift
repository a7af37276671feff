import Foundation
import NeighbourIndex
@testable import Playlists
import Testing

/// Radios and routes over a small space: three grooves (clusters) × a spread of tempi.
@Suite struct PlaylistTests {
    /// 60 tracks: groove g = i % 3 (a direction), tempo 90 · 1.02^(i/3) BPM, a little of its own
    /// direction; artists: every fifth track by "A"; tracks 0 and 30 are one recording.
    static func space() throws -> PlaylistSpace {
        let n = 60, d = 8
        var rows: [[Float]] = []
        for i in 0..<n {
            var v = [Float](repeating: 0, count: d)
            v[i % 3] = 1
            v[3 + i % 5] = 0.15 + 0.01 * Float(i % 7)
            let norm = v.reduce(0) { $0 + $1 * $1 }.squareRoot()
            rows.append(v.map { $0 / norm })
        }
        let index = try ExactIndex(vectors: try VectorSet(rows: rows, dimension: d), metric: .angular)
        let tempos = (0..<n).map { 90 * pow(1.02, Double($0 / 3)) }
        let recordings = (0..<n).map { $0 == 30 ? 0 : $0 }
        return PlaylistSpace(index: index, tempos: tempos, artists: (0..<n).map { $0 % 5 == 0 ? "A" : nil }, recordings: recordings)
    }

    static func seed(_ s: PlaylistSpace, _ row: Int) -> PlaylistSeed {
        PlaylistSeed(vector: s.index.storedVector(row), tempo: s.tempos[row], row: row)
    }

    @Test func radioKeepsGrooveTempoAndArtistLimitsAndNeverRepeats() throws {
        let s = try Self.space()
        let limits = PlaylistLimits(maxTempoStep: 0.05, maxPerArtist: 2)
        let (rows, shortfall) = try Radio.make(s, seeds: [Self.seed(s, 0)], length: 7, limits: limits)
        #expect(rows.count == 7 && shortfall == nil, "\(String(describing: shortfall))")
        #expect(Set(rows).count == rows.count && !rows.contains(0) && !rows.contains(30), "no repeat, no seed, no version of the seed")
        #expect(rows.allSatisfy { $0 % 3 == 0 }, "the groove is kept: \(rows) tempi \(rows.map { Int(s.tempos[$0]) })")
        var previous = s.tempos[0]
        for r in rows {
            #expect(TempoStep.relative(from: previous, to: s.tempos[r]) <= 0.05 + 1e-9)
            previous = s.tempos[r]
        }
        #expect(([0] + rows).filter { $0 % 5 == 0 }.count <= 2, "at most 2 by artist A, the seed included")
        let list = [0] + rows
        #expect(!zip(list, list.dropFirst()).contains { $0 % 5 == 0 && $1 % 5 == 0 }, "artist A never twice in a row")
        #expect(try Radio.make(s, seeds: [Self.seed(s, 0)], length: 7, limits: limits).rows == rows, "deterministic")
    }

    @Test func radioStopsAndSaysWhyWhenTheLimitsLeaveNothing() throws {
        let s = try Self.space()
        let (rows, shortfall) = try Radio.make(s, seeds: [Self.seed(s, 3)], length: 50, limits: PlaylistLimits(maxTempoStep: 0.0, maxPerArtist: 0))
        #expect(rows.count < 50)
        #expect(shortfall?.message.contains("--max-tempo-step") == true)
    }

    /// The candidate pool of a radio step: distinct rows, ascending, whatever the input order.
    @Test func candidatePoolIsSortedAndDistinct() {
        #expect(Radio.sortedUnique([]) == [])
        #expect(Radio.sortedUnique([5]) == [5])
        #expect(Radio.sortedUnique([7, 3, 7, 1, 3, 3, 9, 1]) == [1, 3, 7, 9])
        let rows = (0 ..< 200).map { ($0 * 37) % 61 }
        #expect(Radio.sortedUnique(rows) == Set(rows).sorted())
    }

    @Test func aSeedGivenTwiceCountsOnce() throws {
        let s = try Self.space()
        let limits = PlaylistLimits(maxTempoStep: 0.05, maxPerArtist: 2)
        let once = try Radio.make(s, seeds: [Self.seed(s, 0)], length: 5, limits: limits).rows
        let twice = try Radio.make(s, seeds: [Self.seed(s, 0), Self.seed(s, 0), Self.seed(s, 30)], length: 5, limits: limits).rows
        #expect(once == twice, "the same seed (and a version of it) change nothing: \(once) vs \(twice)")
    }

    @Test func aRadioLongerThanTheCatalogSaysTheCatalogRanOut() throws {
        let s = try Self.space()
        let (rows, shortfall) = try Radio.make(s, seeds: [Self.seed(s, 0)], length: 100, limits: PlaylistLimits(maxTempoStep: 1, maxPerArtist: 0))
        #expect(rows.count == 58, "every other recording once (60 tracks, one seed, one version of it)")
        #expect(shortfall?.message.contains("every track of the catalog") == true, "\(String(describing: shortfall))")
    }

    @Test func routesRefuseNoTempoChangeAndTheSameTrackWithoutCrashing() throws {
        let s = try Self.space()
        guard case .failure(let zero) = try Route.find(s, from: Self.seed(s, 0), to: Self.seed(s, 46), steps: 5,
                                                       limits: PlaylistLimits(maxTempoStep: 0, maxPerArtist: 0)) else {
            Issue.record("a tempo change with steps of 0 % was accepted"); return
        }
        #expect(zero.message.contains("--max-tempo-step") && !zero.message.contains("--steps"), "\(zero.message)")
        guard case .failure(let same) = try Route.find(s, from: Self.seed(s, 0), to: Self.seed(s, 30), steps: 5, limits: .defaults) else {
            Issue.record("a route from a track to a version of itself was accepted"); return
        }
        #expect(same.message.contains("same recording"))
        guard case .success(let direct) = try Route.find(s, from: Self.seed(s, 0), to: Self.seed(s, 3), steps: 1, limits: .defaults) else {
            Issue.record("one step between neighbours refused"); return
        }
        #expect(direct.isEmpty, "one step: FROM then TO")
    }

    @Test func aRouteDoesNotEndWithTheArtistOfItsLastTrackTwice() throws {
        let s = try Self.space()
        // TO is by artist A (row 45); the track before it is not, while another is allowed.
        let found = try Route.find(s, from: Self.seed(s, 1), to: Self.seed(s, 45), steps: 10, limits: PlaylistLimits(maxTempoStep: 0.06, maxPerArtist: 0))
        guard case .success(let rows) = found else {
            if case .failure(let why) = found { Issue.record("no route: \(why.message)") }
            return
        }
        #expect(rows.last.map { $0 % 5 != 0 } == true, "\(rows)")
    }

    @Test func octavesAreCompatible() {
        #expect(TempoStep.relative(from: 60, to: 120) < 1e-12)
        #expect(abs(TempoStep.relative(from: 100, to: 206) - 0.03) < 1e-9)
        #expect(TempoStep.relative(from: 0, to: 120) == .infinity && TempoStep.relative(from: 0, to: 0) == 0)
    }

    @Test func routeMovesTheTempoMonotonicallyBetweenTheEnds() throws {
        let s = try Self.space()
        let from = Self.seed(s, 0), to = Self.seed(s, 46) // 90 BPM, groove 0 → 121 BPM, groove 1
        guard case .success(let rows) = try Route.find(s, from: from, to: to, steps: 12, limits: PlaylistLimits(maxTempoStep: 0.05, maxPerArtist: 0)) else {
            if case .failure(let why) = try Route.find(s, from: from, to: to, steps: 12, limits: PlaylistLimits(maxTempoStep: 0.05, maxPerArtist: 0)) { Issue.record("no route: \(why.message)") }; return
        }
        #expect(rows.count == 11 && Set(rows).count == 11 && !rows.contains(0) && !rows.contains(46) && !rows.contains(30))
        let tempi = [s.tempos[0]] + rows.map { s.tempos[$0] } + [s.tempos[46]]
        for (a, b) in zip(tempi, tempi.dropFirst()) {
            #expect(TempoStep.relative(from: a, to: b) <= 0.05 + 1e-9)
            #expect(b >= a * 0.99, "tempo never turns back by more than 1 %: \(a) → \(b)")
        }
    }

    @Test func anImpossibleRouteSaysWhichLimitToRelax() throws {
        let s = try Self.space()
        guard case .failure(let why) = try Route.find(s, from: Self.seed(s, 0), to: Self.seed(s, 46), steps: 2,
                                                      limits: PlaylistLimits(maxTempoStep: 0.05, maxPerArtist: 0)) else {
            Issue.record("a 35 % tempo change in 2 steps of 5 % was accepted"); return
        }
        #expect(why.message.contains("--steps") && why.message.contains("--max-tempo-step"), "\(why.message)")
    }

    @Test func m3u8EscapesLineBreaksInTags() {
        let text = PlaylistFile.m3u8([.init(location: "../a%20b.wav", seconds: 29.6, artist: "X\n#EXTINF:0,evil", title: "T\r\nfile.wav")])
        #expect(text == "#EXTM3U\n#EXTINF:30,X #EXTINF:0,evil - T  file.wav\n../a%20b.wav\n")
    }
}
