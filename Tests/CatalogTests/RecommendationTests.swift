import AudioIO
import Catalog
import Features
import Foundation
import NeighbourIndex
import Synth
import Testing

/// Trusted recommendations: versions, artist/album caps, hub correction and a true reason per match.
@Suite struct SpreadTests {
    static func group(_ artist: String?, _ album: String? = nil) -> SpreadGroup { SpreadGroup(tags: AudioTags(artist: artist, album: album)) }

    @Test func capsKeepAtMostNPerArtistAndFillFromFurtherDown() {
        let groups = [Self.group("A"), Self.group("A"), Self.group("A"), Self.group("B"), Self.group("A"), Self.group("C")]
        let chosen = ArtistSpread.choose(Array(0..<6), k: 4, limits: SpreadLimits(maxPerArtist: 2, maxPerAlbum: 0)) { groups[$0] }
        #expect(chosen == [0, 1, 3, 5])
    }

    @Test func albumCapCountsAlbumsOfOneArtistOnly() {
        let groups = [Self.group("A", "Hits"), Self.group("A", "Hits"), Self.group("B", "Hits"), Self.group("A", "hits "), Self.group("A", "Live")]
        let chosen = ArtistSpread.choose(Array(0..<5), k: 4, limits: SpreadLimits(maxPerArtist: 0, maxPerAlbum: 2)) { groups[$0] }
        #expect(chosen == [0, 1, 2, 4], "\"Hits\" by B is another album; \"hits \" by A is the same one")
    }

    @Test func untaggedTracksAreNeverGroupedTogether() {
        let groups = (0..<6).map { _ in Self.group(nil) } + [Self.group("  ")]
        let chosen = ArtistSpread.choose(Array(0..<7), k: 7, limits: SpreadLimits(maxPerArtist: 1, maxPerAlbum: 1)) { groups[$0] }
        #expect(chosen == Array(0..<7))
        #expect(Self.group("  ").artist == nil && Self.group(nil, "Album").album != nil)
    }

    @Test func aCatalogOfOneArtistStillFillsTheList() {
        let groups = (0..<8).map { _ in Self.group("Solo") }
        let chosen = ArtistSpread.choose([5, 3, 1, 0, 2], k: 4, limits: SpreadLimits(maxPerArtist: 2, maxPerAlbum: 0)) { groups[$0] }
        #expect(chosen == [5, 3, 1, 0], "best first, the cap relaxed in rank order")
    }

    @Test func albumArtistGroupsACompilation() {
        let a = SpreadGroup(tags: AudioTags(artist: "X", album: "Now 42", albumArtist: "Various"))
        let b = SpreadGroup(tags: AudioTags(artist: "Y", album: "Now 42", albumArtist: "various"))
        #expect(a.album == b.album && a.artist == b.artist)
    }
}

@Suite struct HubTests {
    /// Points in two tight clusters plus one point between them, near both: with plain cosine it is
    /// in every list; CSLS ranks each cluster's own points first.
    @Test func cslsDemotesAHubBelowClusterMates() throws {
        var rows: [[Float]] = []
        for c in 0..<2 {
            for i in 0..<6 {
                var v = [Float](repeating: 0, count: 14)
                v[c] = 1
                v[2 + 6 * c + i] = 1 // each point has a direction of its own: cluster mates meet at cos 0.5
                rows.append(v)
            }
        }
        var hub = [Float](repeating: 0.2, count: 14) // cos 0.54 to every point
        hub[0] = 1; hub[1] = 1
        rows.append(hub)
        let unit = rows.map { v in let n = v.reduce(0) { $0 + $1 * $1 }.squareRoot(); return v.map { $0 / n } }
        let set = try VectorSet(rows: unit, dimension: 14)
        let table = try ExactIndex(vectors: set, metric: .angular).neighbourTable(k: 12, bottomK: 0)
        let plain = table.top.prefix(12).filter { $0.prefix(3).contains { $0.index == 12 } }.count
        let groups = [SpreadGroup](repeating: SpreadGroup(artist: nil, album: nil), count: 13)
        let evidence = [Versions.Evidence](repeating: .init(duration: 30, fingerprint: []), count: 13)
        let lists = Recommendations.make(table: table, evidence: evidence, groups: groups, k: 3, limits: .defaults, frameRate: 43)
        let corrected = lists.top.prefix(12).filter { $0.contains { $0.row == 12 } }.count
        #expect(plain >= 10, "the hub is in most plain top-3 lists (\(plain) of 12)")
        #expect(corrected <= 2, "after CSLS it is in at most 2 of 12 (\(corrected))")
    }
}

@Suite struct VersionGroupTests {
    /// Fingerprints of random words, and a copy with `flips` bits of every word inverted.
    static func words(seed: UInt64, count: Int = 300) -> [UInt32] {
        var state = seed
        return (0..<count).map { _ in
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return UInt32(truncatingIfNeeded: state >> 29) | 1
        }
    }
    static func flipped(_ w: [UInt32], bits: Int, offset: Int) -> [UInt32] {
        w.map { x in (0..<bits).reduce(x) { $0 ^ (1 << UInt32(($1 * 5 + offset) % 32)) } }
    }

    /// A~B and B~C, A and C just over the threshold: one group of three, and none of them in
    /// another's list.
    @Test func versionGroupsAreClosed() throws {
        let a = Self.words(seed: 1), b = Self.flipped(a, bits: 4, offset: 0), c = Self.flipped(b, bits: 4, offset: 2)
        let shift = Versions.maxShift(frameRate: 43.07)
        #expect(Fingerprint.bitErrorRate(a, b, maxShift: shift) <= Versions.maxBitErrorRate)
        #expect(Fingerprint.bitErrorRate(b, c, maxShift: shift) <= Versions.maxBitErrorRate)
        #expect(Fingerprint.bitErrorRate(a, c, maxShift: shift) > Versions.maxBitErrorRate)
        let other = Self.words(seed: 9)
        var rows: [[Float]] = [[1, 0.01, 0], [1, 0.02, 0], [1, 0.03, 0], [0.9, 0.4, 0.1]]
        rows = rows.map { v in let n = v.reduce(0) { $0 + $1 * $1 }.squareRoot(); return v.map { $0 / n } }
        let table = try ExactIndex(vectors: try VectorSet(rows: rows, dimension: 3), metric: .angular).neighbourTable(k: 3, bottomK: 1)
        let evidence = [a, b, c, other].map { Versions.Evidence(duration: 30, fingerprint: $0) }
        let lists = Recommendations.make(table: table, evidence: evidence, groups: Array(repeating: SpreadGroup(artist: nil, album: nil), count: 4),
                                         k: 3, limits: .defaults, frameRate: 43.07)
        #expect(lists.versions == [[1, 2], [0, 2], [0, 1], []])
        for i in 0..<3 { #expect(lists.top[i].map(\.row) == [3], "row \(i): \(lists.top[i].map(\.row))") }
    }
}

@Suite(.serialized) struct VersionAndReasonTests {
    static func clip(_ family: GrooveFamily, _ bpm: Double, _ kit: DrumKit, _ instrument: Instrument = .sawBass, seed: UInt64 = 1,
                     seconds: Double = 20) -> [Float] {
        ClipSynthesizer.render(ClipSpec(family: family, bpm: bpm, kit: kit, instrument: instrument, seconds: seconds, seed: seed))
    }

    /// Linear interpolation to `rate` (a test's stand-in for another file's sample rate).
    static func resample(_ x: [Float], from: Double, to rate: Double) -> [Float] {
        let n = Int(Double(x.count) * rate / from)
        return (0..<n).map { i in
            let t = Double(i) * from / rate, j = Int(t), f = Float(t - Double(j))
            return j + 1 < x.count ? x[j] * (1 - f) + x[j + 1] * f : x[x.count - 1]
        }
    }

    /// A catalog with one recording in five forms, look-alikes that are not versions, and the pairs
    /// the reason test reads.
    static let datasetFolder = TestDataset.temporaryDirectory("vdata")
    static func datasetFile(_ name: String) throws -> String {
        _ = try shared.get()
        return datasetFolder.appendingPathComponent(name).path
    }

    static let shared: Result<URL, any Error> = Result {
        let dataset = datasetFolder, output = TestDataset.temporaryDirectory("vcat")
        func write(_ samples: [Float], _ name: String, rate: Int = 22_050, format: AudioWriter.Format = .wav16, tags: AudioTags = AudioTags()) throws {
            try AudioWriter.write(samples, channels: 1, sampleRate: rate, format: format, tags: tags, to: dataset.appendingPathComponent(name).path)
        }
        let original = clip(.funk, 104, .acoustic, .pluck)
        try write(original, "orig.wav", tags: AudioTags(artist: "Band", album: "One"))
        try write(original, "copy.mp3", format: .mp3)
        try write(original.map { $0 * 0.25 }, "quiet.flac", format: .flac)
        try write(resample(original, from: 22_050, to: 48_000), "hirate.wav", rate: 48_000)
        try write(resample(original, from: 22_050, to: 48_000), "again.opus", rate: 48_000, format: .opus)
        try write(clip(.funk, 112, .acoustic, .pluck, seed: 7), "take2.wav")       // another take 8 % faster
        try write(clip(.funk, 122, .acoustic, .pluck, seed: 3), "faster.wav")
        // The reason test: A; B = A's groove and tempo on another kit and instrument; C = A's kit at another tempo.
        try write(clip(.rock, 100, .acoustic), "reason-a.wav")
        try write(clip(.rock, 100, .electro, .organ, seed: 5), "reason-b.wav")
        try write(clip(.rock, 125, .acoustic, seed: 9), "reason-c.wav")
        // Artist/album caps: four tracks of one artist (three on one album, one on another), a
        // partly tagged one (album only), and untagged ones.
        let tagged: [AudioTags] = [AudioTags(artist: "Same Artist", album: "LP", albumArtist: "Same Artist", track: 3, disc: 1), AudioTags(artist: "same  artist", album: "lp"),
                                   AudioTags(artist: "Same Artist", album: "LP"), AudioTags(artist: "Same Artist", album: "Single"),
                                   AudioTags(album: "LP"), AudioTags(), AudioTags()]
        for (i, family) in [GrooveFamily.house, .house, .house, .house, .house, .waltz, .bossa].enumerated() {
            try write(clip(family, 120 + Double(i), DrumKit.allCases[i % 5], Instrument.allCases[(i + 2) % 5], seed: 20 + UInt64(i)),
                      "other-\(i).wav", tags: tagged[i])
        }
        var options = BuildOptions(dataset: dataset, output: output)
        options.plots = false
        options.topK = 6
        try CatalogBuilder(options: options).run()
        return output
    }

    static func document() throws -> CatalogDocument {
        try JSONDecoder().decode(CatalogDocument.self, from: Data(contentsOf: try shared.get().appendingPathComponent("data/neighbours.json")))
    }

    @Test func otherEncodingsLevelsAndRatesAreVersionsAndNeverRecommended() throws {
        let doc = try Self.document()
        let byFile = Dictionary(uniqueKeysWithValues: doc.tracks.map { ($0.file, $0) })
        let forms = ["orig.wav", "copy.mp3", "quiet.flac", "hirate.wav", "again.opus"]
        for f in forms {
            let t = try #require(byFile[f])
            let expected = Set(forms.filter { $0 != f }.map { byFile[$0]!.id })
            #expect(Set(t.versions) == expected, "\(f): versions \(t.versions.map { id in doc.tracks.first { $0.id == id }!.file })")
            #expect(!t.top.contains { expected.contains($0.id) }, "\(f) recommends its own recording")
        }
        for f in ["take2.wav", "faster.wav"] {
            #expect(byFile[f]!.versions.isEmpty, "\(f) is another take, not a version")
        }
    }

    @Test func topListsKeepAtMostTheCapPerArtistAndAlbumInBuildAndQuery() throws {
        let doc = try Self.document()
        #expect(doc.parameters.spread == .defaults)
        let first = try #require(doc.tracks.first { $0.file == "other-0.wav" })
        #expect(first.albumArtist == "Same Artist" && first.track == 3 && first.disc == 1, "tags TagLib reads reach the catalog")
        #expect(doc.tracks.first { $0.file == "other-5.wav" }.map { $0.albumArtist == nil && $0.track == nil && $0.disc == nil } == true)
        let byID = Dictionary(uniqueKeysWithValues: doc.tracks.map { ($0.id, $0) })
        for t in doc.tracks {
            #expect(t.top.count == 6, "\(t.file): a full list")
            let artists = t.top.compactMap { byID[$0.id]!.artist?.lowercased().split(separator: " ").joined(separator: " ") }
            #expect(artists.filter { $0 == "same artist" }.count <= 3, "\(t.file): \(artists)")
            let lp = t.top.filter { ["same artist"].contains(byID[$0.id]!.artist?.lowercased().split(separator: " ").joined(separator: " ") ?? "")
                && byID[$0.id]!.album?.lowercased() == "lp" }
            #expect(lp.count <= 2, "\(t.file): \(lp.map(\.id))")
        }
        // The house tracks are each other's best matches: without caps the artist's four fill a list.
        let house = try #require(doc.tracks.first { $0.file == "other-4.wav" })
        #expect(house.top.filter { ["other-0.wav", "other-1.wav", "other-2.wav"].contains(byID[$0.id]!.file) }.count == 2,
                "album LP by Same Artist capped at 2 in the list of its album-only neighbour: \(house.top.map { byID[$0.id]!.file })")
        let query = try CatalogQuery(catalog: try Self.shared.get())
        let q = try query.run(file: try Self.datasetFile("other-4.wav"), topK: 6, bottomK: 2, spread: SpreadLimits(maxPerArtist: 1, maxPerAlbum: 0))
        #expect(q.top.count == 6)
        #expect(q.top.filter { ["other-0.wav", "other-1.wav", "other-2.wav", "other-3.wav"].contains($0.file) }.count == 1, "\(q.top.map(\.file))")
        #expect(q.top.allSatisfy { $0.why != nil && $0.score != nil } && q.bottom.allSatisfy { $0.why != nil })
    }

    /// `--top-k 0` still finds versions (they come from the shortlist, whose length does not
    /// depend on k) and still stores densities for `query`.
    @Test func versionsWithoutTopLists() throws {
        _ = try Self.shared.get()
        let output = TestDataset.temporaryDirectory("vcat0")
        var options = BuildOptions(dataset: Self.datasetFolder, output: output)
        options.plots = false
        options.topK = 0
        try CatalogBuilder(options: options).run()
        let doc = try JSONDecoder().decode(CatalogDocument.self, from: Data(contentsOf: output.appendingPathComponent("data/neighbours.json")))
        let full = try Self.document()
        #expect(doc.tracks.map(\.versions) == full.tracks.map(\.versions))
        #expect(doc.tracks.allSatisfy { $0.top.isEmpty })
        let model = try StoredModel.read(from: output.appendingPathComponent("data/model.json"))
        #expect(model.density.contains { $0 != 0 })
    }

    @Test func fingerprintMarginBetweenVersionsAndLookAlikes() {
        let fr = FeatureParameters().frameRate, shift = Versions.maxShift(frameRate: fr)
        let extractor = FeatureExtractor()
        let a = Self.clip(.funk, 104, .acoustic, .pluck)
        let fa = extractor.extract(a).features.fingerprint
        let quiet = extractor.extract(a.map { $0 * 0.25 }).features.fingerprint
        let take = extractor.extract(Self.clip(.funk, 112, .acoustic, .pluck, seed: 7)).features.fingerprint
        let tempo = extractor.extract(Self.clip(.funk, 122, .acoustic, .pluck, seed: 3)).features.fingerprint
        #expect(Fingerprint.bitErrorRate(fa, quiet, maxShift: shift) < 0.1)
        #expect(Fingerprint.bitErrorRate(fa, take, maxShift: shift) > Versions.maxBitErrorRate + 0.05)
        #expect(Fingerprint.bitErrorRate(fa, tempo, maxShift: shift) > Versions.maxBitErrorRate + 0.05)
    }

    @Test func theReasonNamesThePartThatDiffers() throws {
        let doc = try Self.document()
        let byFile = Dictionary(uniqueKeysWithValues: doc.tracks.map { ($0.file, $0) })
        let a = try #require(byFile["reason-a.wav"]), b = byFile["reason-b.wav"]!.id, c = byFile["reason-c.wav"]!.id
        let all = a.top + a.bottom
        // Another kit and instrument: the groove holds, the instruments differ.
        let toB = try #require(all.first { $0.id == b }, "B is in A's lists")
        #expect(toB.why.phrase.hasPrefix("same groove") || toB.why.phrase.hasPrefix("similar groove"), "\(toB.why.phrase)")
        #expect(toB.why.phrase.contains("same tempo"), "\(toB.why.phrase)")
        #expect(toB.why.phrase.hasSuffix("different instruments") || toB.why.phrase.hasSuffix("somewhat similar instruments"), "\(toB.why.phrase)")
        #expect(toB.why.shares[.timbre]! < toB.why.shares[.groove]!, "the groove, not the sound, made A and B alike: \(toB.why.shares)")
        // The same kit 25 % faster: the tempo is named.
        let toC = try #require(all.first { $0.id == c }, "C is in A's lists")
        #expect(toC.why.phrase.contains("tempo 25 % apart"), "\(toC.why.phrase)")
        #expect(toC.why.phrase.hasSuffix("similar instruments"), "\(toC.why.phrase)")
        for n in doc.tracks.flatMap({ $0.top + $0.bottom }) {
            #expect(abs(MatchPart.allCases.reduce(0) { $0 + abs(n.why.shares[$1] ?? 0) } - 1) < 0.01, "shares' magnitudes add up to 1")
        }
    }

    @Test func partAgreementsSeparateKitFromTempo() throws {
        let layout = DescriptorLayout(mfccCount: 20)
        let extractor = FeatureExtractor()
        let clips = [Self.clip(.rock, 100, .acoustic), Self.clip(.rock, 100, .electro, .organ, seed: 5), Self.clip(.rock, 125, .acoustic, seed: 9)]
            + [GrooveFamily.house, .waltz, .bossa, .funk].enumerated().map { Self.clip($1, 92 + 9 * Double($0), DrumKit.allCases[$0 % 5], seed: 30 + UInt64($0)) }
        let raw = clips.map { extractor.extract($0).features.descriptor }
        let model = SimilarityModel(fitting: raw, layout: layout)
        let v = raw.map(model.vector)
        let kit = MatchReason.parts(v[0], v[1], layout: layout)
        let tempo = MatchReason.parts(v[0], v[2], layout: layout)
        #expect(kit.agreement[.timbre]! < kit.agreement[.groove]!, "another kit: timbre is the part that differs (\(kit.agreement))")
        #expect(tempo.agreement[.pulse]! < tempo.agreement[.timbre]!, "another tempo: pulse is the part that differs (\(tempo.agreement))")
    }
}
