import Foundation

/// Stable, URL- and file-name-safe track ids derived from the relative path.
///
/// `slug-hash`: up to 40 characters of lower-case ASCII letters and digits from the path
/// (everything else becomes `-`), then the first 10 hex digits of the path's FNV-1a 64-bit hash,
/// so two paths that slug alike still differ. The same path always gives the same id.
public enum TrackID {
    public static func make(relativePath: String) -> String {
        var slug = ""
        var lastDash = true
        let stem = (relativePath as NSString).deletingPathExtension
        for scalar in stem.lowercased().unicodeScalars {
            if scalar.isASCII && (CharacterSet.alphanumerics.contains(scalar)) {
                slug.unicodeScalars.append(scalar)
                lastDash = false
            } else if !lastDash {
                slug.append("-")
                lastDash = true
            }
            if slug.count >= 40 { break }
        }
        while slug.hasSuffix("-") { slug.removeLast() }
        let hash = String(fnv1a64(Array(relativePath.utf8)), radix: 16)
        let padded = String(repeating: "0", count: 16 - hash.count) + hash
        return (slug.isEmpty ? "track" : slug) + "-" + padded.prefix(10)
    }

    /// FNV-1a, 64-bit (Fowler, Noll & Vo).
    public static func fnv1a64(_ bytes: [UInt8]) -> UInt64 {
        var h: UInt64 = 0xCBF2_9CE4_8422_2325
        for b in bytes {
            h ^= UInt64(b)
            h &*= 0x0000_0100_0000_01B3
        }
        return h
    }
}
