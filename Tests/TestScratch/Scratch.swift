import Foundation

/// Scratch folders for tests, all inside one per-process folder that is removed when the test
/// process exits, so a test run leaves nothing behind in the temporary directory (a crashed
/// run leaves one `backbeat-tests-PID` folder).
public enum Scratch {
    /// `$TMPDIR/backbeat-tests-PID`, created on first use; removal is registered with `atexit`.
    public static let root: URL = {
        let url = rootURL()
        try? FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        atexit { try? FileManager.default.removeItem(at: Scratch.rootURL()) }
        return url
    }()

    static func rootURL() -> URL {
        FileManager.default.temporaryDirectory.appendingPathComponent("backbeat-tests-\(getpid())", isDirectory: true)
    }

    /// A new, empty folder `prefix-UUID` inside ``root``.
    public static func directory(_ prefix: String) -> URL {
        let url = root.appendingPathComponent("\(prefix)-\(UUID().uuidString)", isDirectory: true)
        try? FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }
}
