import Foundation
import Testing
@testable import Catalog

/// The build holds the previous manifest in columns (``ManifestTable``): it must answer exactly as
/// the manifest does.
@Suite struct ManifestTableTests {
    @Test func tableAnswersAsTheManifest() throws {
        let digest = { (i: Int) in ContentHash.of(bytes: Array("file \(i)".utf8)) }
        let files = [CatalogManifest.File(path: "data/build.json", size: nil, sha256: nil)]
            + ["plots/a b/é.png", "plots/Z.png", "index.html", "data/neighbours.json", "site/tracks/00/x.html"].enumerated().map {
                CatalogManifest.File(path: $1, size: Int64($0 * 1000), sha256: digest($0))
            }
        let manifest = CatalogManifest(generator: "test", files: files)
        let table = ManifestTable(manifest)
        #expect(table.paths == manifest.files.map(\.path), "same paths, same (UTF-8 byte) order")
        for file in manifest.files {
            #expect(table.entry(file.path) == file, "\(file.path)")
            #expect(table.row(of: file.path).map(table.file) == file)
        }
        for missing in ["", "data", "plots/a b/é.pn", "zzz", "data/build.jsonx"] {
            #expect(table.row(of: missing) == nil && table.entry(missing) == nil, "\(missing)")
        }
        #expect(ManifestTable.Digest(hex: "ABC") == nil && ManifestTable.Digest(hex: String(repeating: "A", count: 64)) == nil,
                "only 64 lower-case hex digits")
        let hex = digest(7)
        #expect(ManifestTable.Digest(hex: hex)?.hex == hex)
    }
}
