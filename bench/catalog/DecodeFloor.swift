import AudioIO
import Dispatch
import Foundation

/// The floor under any build: decoding and resampling every file (libsndfile + libsoxr, the
/// libraries the build uses, through the same ``AudioDecoder``) on all cores, nothing else.
/// The build's own work is its wall time minus this.
enum DecodeFloor {
    /// Wall seconds to decode `files` with one worker per core (worker w takes files w, w + n, …).
    static func measure(_ files: [String], workers: Int = ProcessInfo.processInfo.activeProcessorCount) -> (seconds: Double, failed: Int) {
        let start = DispatchTime.now().uptimeNanoseconds
        let failures = UnsafeMutableBufferPointer<Int>.allocate(capacity: workers)
        failures.initialize(repeating: 0)
        defer { failures.deallocate() }
        nonisolated(unsafe) let counts = failures // each worker writes only its own slot
        DispatchQueue.concurrentPerform(iterations: workers) { w in
            let decoder = AudioDecoder()
            for i in stride(from: w, to: files.count, by: workers) {
                do { _ = try decoder.decode(path: files[i]) } catch { counts[w] += 1 }
            }
        }
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        return (seconds, failures.reduce(0, +))
    }
}
