import Catalog
import Foundation
import Support

/// The track table of `index.html` as the page's script reads it: one array per column and, per
/// sortable key, the rows in ascending order — so a 100 k-track catalog shows its first rows
/// without sorting (the browser's `Intl.Collator` sort of 100 k titles took over a second) and a
/// filter is one pass over a ready order.
///
/// `{"columns": {"id": […], "title": […], "artist": [… or null], "album", "genre", "file",
/// "duration", "bpm", "audio": [… or null]}, "order": {"title": […], "artist": […], "duration": […],
/// "bpm": […]}}`. Text orders compare like `Intl.Collator(…, {numeric: true, sensitivity: "base"})`:
/// case, accents and width folded, digit runs by value; ties by row. Missing artists come last.
enum IndexTable {
    struct Row {
        var id: String
        var title: String
        var artist: String?
        var album: String?
        var genre: String?
        var file: String
        var duration: Double
        var bpm: Double
        var audio: String?
    }

    static func json(_ rows: [Row]) -> String {
        let columns: [(String, JSONValue)] = [
            ("id", .array(rows.map { .string($0.id) })), ("title", .array(rows.map { .string($0.title) })),
            ("artist", .array(rows.map { .optional($0.artist) })), ("album", .array(rows.map { .optional($0.album) })),
            ("genre", .array(rows.map { .optional($0.genre) })), ("file", .array(rows.map { .string($0.file) })),
            ("duration", .array(rows.map { .number($0.duration, decimals: 2) })),
            ("bpm", .array(rows.map { .number($0.bpm, decimals: 1) })), ("audio", .array(rows.map { .optional($0.audio) })),
        ]
        func ints(_ order: [Int]) -> JSONValue { .array(order.map { .integer($0) }) }
        let titles = rows.map { CollationKey($0.title) }
        let artists = rows.map { $0.artist.map(CollationKey.init) }
        let order: [(String, JSONValue)] = [
            ("title", ints(rows.indices.sorted { titles[$0] < titles[$1] || (titles[$0] == titles[$1] && $0 < $1) })),
            ("artist", ints(rows.indices.sorted { a, b in
                switch (artists[a], artists[b]) {
                case let (x?, y?): return x < y || (x == y && a < b)
                case (.some, nil): return true
                case (nil, .some): return false
                case (nil, nil): return a < b
                }
            })),
            ("duration", ints(numericOrder(rows.map(\.duration), decimals: 2))), ("bpm", ints(numericOrder(rows.map(\.bpm), decimals: 1))),
        ]
        return JSONValue.object([("columns", .object(columns)), ("order", .object(order))]).text
    }

    /// Rows by ascending value as published (rounded to `decimals`; non-finite as 0, as the
    /// script shows them), ties by row — so equal shown values keep row order in both directions.
    static func numericOrder(_ values: [Double], decimals: Int) -> [Int] {
        let scale = pow(10, Double(decimals))
        let v = values.map { $0.isFinite ? ($0 * scale).rounded() / scale : 0 }
        return v.indices.sorted { v[$0] < v[$1] || (v[$0] == v[$1] && $0 < $1) }
    }
}

/// A string folded for display order: case-, accent- and width-insensitive, with each run of digits
/// compared by its value (`track 2` before `track 10`), then the rest by Unicode scalar values.
/// Deterministic: it uses no locale.
struct CollationKey: Comparable {
    enum Part: Equatable {
        case number(String)  // digits without leading zeros
        case text([UInt32])
    }

    let parts: [Part]

    init(_ s: String) {
        let folded = s.folding(options: [.caseInsensitive, .diacriticInsensitive, .widthInsensitive], locale: nil)
        var parts: [Part] = [], digits = "", text: [UInt32] = []
        for scalar in folded.unicodeScalars {
            if ("0"..."9").contains(scalar) {
                if !text.isEmpty { parts.append(.text(text)); text = [] }
                digits.unicodeScalars.append(scalar)
            } else {
                if !digits.isEmpty { parts.append(.number(Self.stripped(digits))); digits = "" }
                text.append(scalar.value)
            }
        }
        if !digits.isEmpty { parts.append(.number(Self.stripped(digits))) }
        if !text.isEmpty { parts.append(.text(text)) }
        self.parts = parts
    }

    static func stripped(_ digits: String) -> String {
        let s = digits.drop { $0 == "0" }
        return s.isEmpty ? "0" : String(s)
    }

    static func < (a: CollationKey, b: CollationKey) -> Bool {
        for (x, y) in zip(a.parts, b.parts) where x != y {
            switch (x, y) {
            case let (.number(p), .number(q)): return p.count != q.count ? p.count < q.count : p < q
            case (.number, .text): return true
            case (.text, .number): return false
            case let (.text(p), .text(q)): return p.lexicographicallyPrecedes(q)
            }
        }
        return a.parts.count < b.parts.count
    }
}
