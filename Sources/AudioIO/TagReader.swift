import Foundation
import TagShim

/// The tags libsndfile does not expose, read with TagLib (through the `TagShim` C function):
/// album artist and disc number in every format, and title, artist, album and track number where
/// libsndfile finds none (a WAV whose tags are in an ID3 chunk, an AIFF's ID3 album).
enum TagReader {
    /// TagLib property names, in the order ``properties(path:)`` asks for them.
    static let keys = ["ALBUMARTIST", "DISCNUMBER", "TITLE", "ARTIST", "ALBUM", "TRACKNUMBER"]

    /// The non-empty properties of ``keys`` TagLib finds in `path` (trimmed, capped at
    /// ``AudioTags/maximumLength``); empty when TagLib cannot read the file.
    static func properties(path: String) -> [String: String] {
        var values = [UnsafeMutablePointer<CChar>?](repeating: nil, count: keys.count)
        let cKeys = keys.map { strdup($0) }
        defer { cKeys.forEach { free($0) } }
        let status = cKeys.map { UnsafePointer($0) }.withUnsafeBufferPointer { k in
            values.withUnsafeMutableBufferPointer { v in bb_tag_properties(path, k.baseAddress, Int32(keys.count), v.baseAddress) }
        }
        defer { values.forEach { bb_tag_free($0) } }
        guard status == 0 else { return [:] }
        var out: [String: String] = [:]
        for (key, value) in zip(keys, values) {
            guard let value else { continue }
            let text = String(decoding: UnsafeRawBufferPointer(start: value, count: strlen(value)), as: UTF8.self)
                .trimmingCharacters(in: .whitespacesAndNewlines)
            if !text.isEmpty { out[key] = AudioTags.capped(text) }
        }
        return out
    }

    /// Writes `properties` (TagLib names → UTF-8 values) into `path`, which must have the extension
    /// of its format (TagLib picks the format by it). Used by ``AudioWriter`` for the tags libsndfile
    /// cannot write.
    static func setProperties(_ properties: [(String, String)], path: String) -> Bool {
        let keys = properties.map { strdup($0.0) }, values = properties.map { strdup($0.1) }
        defer { (keys + values).forEach { free($0) } }
        let k = keys.map { UnsafePointer($0) }, v = values.map { UnsafePointer($0) }
        return bb_tag_set_properties(path, k, v, Int32(properties.count)) == 0
    }
}
