import Foundation
import Testing
@testable import SiteBuilder

/// The columns and ready orders behind index.html's table.
@Suite struct IndexTableTests {
    func row(_ i: Int, _ title: String, artist: String? = nil, bpm: Double = 100, duration: Double = 30) -> IndexTable.Row {
        IndexTable.Row(id: "id\(i)", title: title, artist: artist, album: nil, genre: nil, file: "f\(i).wav", duration: duration, bpm: bpm,
                       audio: i == 0 ? "a/b.wav" : nil)
    }

    /// Numbers by value, case and accents folded, ties by row, missing artists last; the columns
    /// line up with the rows and non-finite values order as 0.
    @Test func ordersAndColumns() throws {
        let rows = [row(0, "Track 10", artist: "b", bpm: 120), row(1, "track 2", bpm: .nan), row(2, "École", artist: "A", bpm: 90),
                    row(3, "ecole", artist: "a", bpm: 90), row(4, "Track 02", artist: "Ä", bpm: 60)]
        let json = try #require(try JSONSerialization.jsonObject(with: Data(IndexTable.json(rows).utf8)) as? [String: Any])
        let order = try #require(json["order"] as? [String: [Int]])
        #expect(order["title"] == [2, 3, 1, 4, 0])   // école = ecole (row order), track 2 = track 02, then track 10
        #expect(order["artist"] == [2, 3, 4, 0, 1])  // A = a = Ä before b; the missing artist last
        #expect(order["bpm"] == [1, 4, 2, 3, 0])      // NaN as 0
        let columns = try #require(json["columns"] as? [String: [Any]])
        #expect(columns["id"] as? [String] == ["id0", "id1", "id2", "id3", "id4"])
        #expect(columns["artist"]?[1] is NSNull && columns["audio"]?[0] as? String == "a/b.wav")
        #expect(Set(columns.keys) == ["id", "title", "artist", "album", "genre", "file", "duration", "bpm", "audio"])
    }

    /// A property: the title order is a permutation sorted by the key, whatever the input.
    @Test func titleOrderIsSortedPermutation() throws {
        let words = ["a", "B", "á", "10", "9", "x2", "x10", "Z", "z", "", "Ω", "ß"]
        var rows: [IndexTable.Row] = []
        for i in 0 ..< 60 { rows.append(row(i, words[i % words.count] + words[(i * 7) % words.count])) }
        let json = try #require(try JSONSerialization.jsonObject(with: Data(IndexTable.json(rows).utf8)) as? [String: Any])
        let order = try #require((json["order"] as? [String: [Int]])?["title"])
        #expect(order.sorted() == Array(0 ..< 60))
        for (a, b) in zip(order, order.dropFirst()) {
            let x = CollationKey(rows[a].title), y = CollationKey(rows[b].title)
            #expect(x < y || (x == y && a < b))
        }
    }
}
