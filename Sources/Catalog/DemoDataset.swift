import AudioIO
import Dispatch
import Foundation
import Support
import Synth

/// Writes the demo dataset (``DemoPlan``) into a folder, in parallel, skipping files that
/// already exist with the right content (the plan is deterministic).
public enum DemoDataset {
    /// - Returns: the number of files written (existing ones are left alone).
    @discardableResult
    public static func write(to directory: URL, perFamily: Int = 12, seconds: Double = 30,
                             jobs: Int = ProcessInfo.processInfo.activeProcessorCount) throws -> Int {
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: directory.path, isDirectory: &isDirectory), !isDirectory.boolValue {
            throw CatalogError.output("\(directory.path) is a file, not a folder; choose a folder for the demo dataset")
        }
        let items = DemoPlan.items(perFamily: perFamily, seconds: seconds)
        let failures = FirstFailure()
        let written = Slots<Bool>(count: items.count)
        DispatchQueue.concurrentPerform(iterations: items.count) { i in
            let item = items[i]
            let url = directory.appendingPathComponent(item.path)
            if FileManager.default.fileExists(atPath: url.path) { return }
            do {
                try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
                let mono = ClipSynthesizer.render(item.spec)
                var samples = mono
                if item.channels == 2 {
                    samples = [Float](repeating: 0, count: mono.count * 2)
                    for j in mono.indices { samples[2 * j] = mono[j]; samples[2 * j + 1] = mono[j] * 0.9 }
                }
                let format = AudioWriter.Format(rawValue: item.format) ?? .wav16
                try AudioWriter.write(samples, channels: item.channels, sampleRate: item.spec.sampleRate, format: format,
                                      tags: AudioTags(title: item.title, artist: item.artist, album: "Backbeat demo", genre: item.genre,
                                                      comment: "synthesised by backbeat demo"), to: url.path)
                written.store(i, true)
            } catch {
                failures.record(error, at: i)
            }
        }
        if let error = failures.error { throw CatalogError.output(ErrorText.line(error)) }
        return written.values.filter { $0 == true }.count
    }
}
