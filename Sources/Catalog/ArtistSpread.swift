import AudioIO
import Foundation

/// At most N tracks of one artist and of one album in a top list (`--max-per-artist`,
/// `--max-per-album`), filling from further down the ranking.
///
/// Defaults: 3 per artist and 2 per album in a list of 10, so every full list names at least four
/// artists and five albums — what listeners of radio-style recommenders ask for (the same artist
/// again is the most common complaint) — while a strong same-album match still shows. 0 turns a cap
/// off. When the shortlist runs out before the list is full (a catalog of one artist), the best
/// passed-over tracks fill the rest in rank order: a cap spreads a list, it never shortens it.
public struct SpreadLimits: Sendable, Equatable, Codable {
    public var maxPerArtist: Int
    public var maxPerAlbum: Int
    public static let defaults = SpreadLimits(maxPerArtist: 3, maxPerAlbum: 2)
    public init(maxPerArtist: Int, maxPerAlbum: Int) {
        self.maxPerArtist = maxPerArtist
        self.maxPerAlbum = maxPerAlbum
    }

    enum CodingKeys: String, CodingKey {
        case maxPerArtist = "max_per_artist", maxPerAlbum = "max_per_album"
    }
}

/// The artist and album a track is grouped by. Untagged tracks have no group, so they are never
/// capped together by their empty tag.
public struct SpreadGroup: Sendable, Equatable, Codable {
    public var artist: String?
    public var album: String?

    /// The album artist when tagged, else the artist, is the artist group; the album group is that
    /// artist with the album title (so "Greatest Hits" of two artists are two albums; a compilation
    /// with an album-artist tag is one). Case, surrounding spaces and runs of spaces are ignored.
    public init(tags: AudioTags) {
        let artist = Self.artistKey(artist: tags.artist, albumArtist: tags.albumArtist)
        self.artist = artist
        album = Self.key(tags.album).map { (artist ?? "") + "\u{1F}" + $0 }
    }

    public init(artist: String?, album: String?) {
        self.artist = artist
        self.album = album
    }

    /// The artist group of a track's tags: the album artist when tagged, else the artist, normalised.
    public static func artistKey(artist: String?, albumArtist: String?) -> String? {
        key(albumArtist) ?? key(artist)
    }

    static func key(_ s: String?) -> String? {
        guard let s else { return nil }
        let words = s.lowercased().split(whereSeparator: { $0.isWhitespace })
        return words.isEmpty ? nil : words.joined(separator: " ")
    }
}

public enum ArtistSpread {
    /// The first `k` of `ranked` (candidate rows, best first) with at most `limits` per group.
    public static func choose(_ ranked: [Int], k: Int, limits: SpreadLimits, group: (Int) -> SpreadGroup) -> [Int] {
        var chosen: [Int] = [], passed: [Int] = []
        var artists: [String: Int] = [:], albums: [String: Int] = [:]
        for row in ranked {
            guard chosen.count < k else { break }
            let g = group(row)
            if let a = g.artist, limits.maxPerArtist > 0, artists[a, default: 0] >= limits.maxPerArtist { passed.append(row); continue }
            if let b = g.album, limits.maxPerAlbum > 0, albums[b, default: 0] >= limits.maxPerAlbum { passed.append(row); continue }
            chosen.append(row)
            if let a = g.artist { artists[a, default: 0] += 1 }
            if let b = g.album { albums[b, default: 0] += 1 }
        }
        if chosen.count < k {
            // Too few other artists in the shortlist: fill with the best passed-over rows, in rank order.
            let keep = Set(chosen).union(passed.prefix(k - chosen.count))
            chosen = ranked.filter { keep.contains($0) }
        }
        return chosen
    }
}
