import Catalog
import Dispatch
import Foundation

/// The content-hashing pass of a first build in isolation: SHA-256 of every file
/// (``ContentHash``, the feature cache's key) on all cores, beside reading the same bytes without
/// hashing, so the hash's own cost shows. Run after the decode floor, the files are in the page
/// cache, as they are for most of a build's hashing pass.
enum HashRate {
    struct Figures {
        var files: Int
        var megabytes: Double
        var readSeconds: Double
        var hashSeconds: Double
    }

    static func measure(_ files: [String], workers: Int = ProcessInfo.processInfo.activeProcessorCount) -> Figures {
        let bytes = files.reduce(0.0) { total, path in
            total + Double((try? FileManager.default.attributesOfItem(atPath: path)[.size] as? NSNumber)?.intValue ?? 0)
        }
        func timed(_ work: @escaping @Sendable (String) -> Void) -> Double {
            let start = DispatchTime.now().uptimeNanoseconds
            DispatchQueue.concurrentPerform(iterations: workers) { w in
                for i in stride(from: w, to: files.count, by: workers) { work(files[i]) }
            }
            return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        }
        let read = timed { path in
            guard let handle = FileHandle(forReadingAtPath: path) else { return }
            while let chunk = try? handle.read(upToCount: 1 << 18), !chunk.isEmpty {}
            try? handle.close()
        }
        let hash = timed { path in _ = try? ContentHash.of(path: path) }
        return Figures(files: files.count, megabytes: bytes / 1e6, readSeconds: read, hashSeconds: hash)
    }
}
