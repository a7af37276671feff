import Foundation
import FuzzTargets
import Testing

/// Replays the committed fuzzing seed corpora and every crash reproducer through the fuzz targets
/// (issue #15, class 6): a reader that crashed once stays fixed. `scripts/fuzz` runs the fuzzers
/// themselves.
@Suite struct FuzzRegressionTests {
    static let fuzzFolder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("fuzz")

    static func inputs(_ target: String) -> [URL] {
        ["corpus", "regressions"].flatMap { kind -> [URL] in
            let folder = fuzzFolder.appendingPathComponent("\(kind)/\(target)")
            return ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []).sorted()
                .filter { !$0.hasPrefix(".") }.map { folder.appendingPathComponent($0) }
        }
    }

    @Test(arguments: FuzzTargets.names)
    func committedInputsRunCleanly(_ target: String) throws {
        let files = Self.inputs(target)
        #expect(!files.isEmpty, "fuzz/corpus/\(target) has no seeds")
        for file in files {
            FuzzTargets.run(target, try Data(contentsOf: file)) // a crash fails the whole run
        }
    }

    /// Inputs that once crashed readers or that probe their edges, written here so they need no file.
    @Test func knownEdgeInputs() {
        let cases: [(String, [UInt8])] = [
            ("npy", [0x93] + Array("NUMPY".utf8) + [1, 0, 0x40, 0] + Array("{'descr': '<f4', 'fortran_order': False, 'shape': (4611686018427387904, 4), }".utf8)),
            ("cache", Array("BBCACHE5".utf8) + [UInt8](repeating: 0, count: 40)),
            ("manifest", Array("{\"format\":\"backbeat-catalog\",\"manifest_version\":1,\"generator\":\"\",\"files\":[{\"path\":\"a/../b\",\"size\":-1}]}".utf8)),
            ("model", Array("{\"format_version\":1}".utf8)),
            ("index", Array("BBINDEX".utf8) + [UInt8](repeating: 0xFF, count: 200)),
            ("paths", [0x2E, 0, 0x2E, 0x2E, 0, 0xFF, 0xFE, 0, 0x61, 0x1B, 0x5B]),
        ]
        for (target, bytes) in cases { FuzzTargets.run(target, Data(bytes)) }
    }
}
