import ArgumentParser
import AudioIO
import Catalog
import Features
import Foundation
import Synth

/// Single-core speed: decode + resample of 30 s 44.1 kHz stereo clips (MP3, FLAC, Ogg), the
/// spectral front end and full features of a decoded 30 s clip, and decode + features of an MP3.
struct SpeedBench: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "speed", abstract: "Decode and feature extraction speed, one core.")

    @Option(help: "Repetitions per measurement (the median and the best are reported).") var repeats = 15
    @Option(help: "Folder for the generated clips.") var dir = "/tmp/backbeat-speed"
    @Flag(inversion: .prefixedNo, help: "Also time librosa on the same files (bench/python/librosa_speed.py).")
    var librosa = true

    func run() throws {
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        let spec = ClipSpec(family: .funk, bpm: 112, kit: .acoustic, instrument: .sawBass, seconds: 30, sampleRate: 44_100, gain: 0.8, seed: 11)
        let mono = ClipSynthesizer.render(spec)
        var stereo = [Float](repeating: 0, count: mono.count * 2)
        for i in mono.indices { stereo[2 * i] = mono[i]; stereo[2 * i + 1] = mono[i] * 0.8 }
        var files: [(String, String)] = []
        for format in [AudioWriter.Format.mp3, .flac, .ogg, .wav16] {
            let path = "\(dir)/clip.\(format.fileExtension)"
            try AudioWriter.write(stereo, channels: 2, sampleRate: 44_100, format: format, to: path)
            files.append((format.rawValue, path))
        }
        print("Speed, release build, one thread (median of \(repeats))")
        print("stage                                        ms     × real time   best ms")
        let decoder = AudioDecoder()
        var decoded: [Float] = []
        for (name, path) in files {
            let (t, tBest) = try Self.median(repeats) { decoded = try decoder.decode(path: path).samples }
            print("decode+resample 30 s 44.1k stereo " + name.padded(6) + String(format: "  %8.2f  %8.0f  %8.2f", t * 1000, 30 / t, tBest * 1000))
        }
        let analyzer = SpectralAnalyzer()
        let extractor = FeatureExtractor()
        let clip = decoded
        let (tFront, tFrontBest) = try Self.median(repeats) { _ = analyzer.analyze(clip) }
        print(String(format: "front end (STFT, mel, dB, MFCC, onset)      %8.2f  %8.0f  %8.2f", tFront * 1000, 30 / tFront, tFrontBest * 1000))
        let (tFeatures, tFeaturesBest) = try Self.median(repeats) { _ = extractor.extract(clip) }
        print(String(format: "all features of a decoded 30 s clip         %8.2f  %8.0f  %8.2f", tFeatures * 1000, 30 / tFeatures, tFeaturesBest * 1000))
        let analyzerFull = TrackAnalyzer()
        let mp3 = files[0].1
        let (tMP3, tMP3Best) = try Self.median(repeats) { _ = try analyzerFull.analyze(path: mp3) }
        print(String(format: "decode + features of a 30 s MP3             %8.2f  %8.0f  %8.2f", tMP3 * 1000, 30 / tMP3, tMP3Best * 1000))
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        print(String(format: "peak RSS of this process (one worker)       %8.1f MB", Double(usage.ru_maxrss) / 1024))
        print("targets: features ≤ 15 ms, decode + features of an MP3 ≤ 40 ms")
        if librosa { Self.printLibrosa(mp3: mp3, wav: files[3].1, ours: (tFeatures, tMP3), log: "\(dir)/librosa_speed.log") }
    }

    /// Runs `bench/python/librosa_speed.py` on the MP3 and the WAV and prints librosa's times for
    /// the same work beside ours; says why when Python or librosa is missing (the script's
    /// stderr goes to `log`, and its last line is shown on failure).
    static func printLibrosa(mp3: String, wav: String, ours: (features: Double, mp3: Double), log: String) {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = ["python3", "bench/python/librosa_speed.py", mp3, wav]
        let pipe = Pipe()
        p.standardOutput = pipe
        _ = FileManager.default.createFile(atPath: log, contents: nil)
        p.standardError = FileHandle(forWritingAtPath: log) ?? FileHandle.nullDevice
        var out = ""
        do {
            try p.run()
            out = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            p.waitUntilExit()
        } catch {}
        guard let line = out.split(separator: "\n").last(where: { $0.hasPrefix("RESULT ") }),
              let json = try? JSONSerialization.jsonObject(with: Data(line.dropFirst(7).utf8)) as? [String: Any],
              let version = json["librosa"] as? String,
              let rows = json["files"] as? [String: [String: Double]],
              let m = rows[(mp3 as NSString).lastPathComponent], let w = rows[(wav as NSString).lastPathComponent],
              let mp3Total = m["total_ms"], let features = w["features_ms"] else {
            let last = ((try? String(contentsOfFile: log, encoding: .utf8)) ?? "")
                .split(whereSeparator: \.isNewline).last.map(String.init) ?? ""
            print("librosa: not timed (needs python3 with librosa: pip install librosa; run from the package root)"
                  + (last.isEmpty ? "" : "; it said: \(last)"))
            return
        }
        let repeats = (json["repeats"] as? Int) ?? 0
        print("librosa \(version), same work, one thread (median of \(repeats))")
        print(String(format: "  MFCC + tempo of the decoded clip           %8.2f ms  (ours %.2f: %.1f× faster)",
                     features, ours.features * 1000, features / (ours.features * 1000)))
        print(String(format: "  load + MFCC + tempo of the MP3             %8.2f ms  (ours %.2f: %.1f× faster)",
                     mp3Total, ours.mp3 * 1000, mp3Total / (ours.mp3 * 1000)))
    }

    /// The median and the fastest of `n` timed runs after one warm-up, in seconds. The fastest
    /// is the steadier figure on a shared VM, whose slow periods only ever add time.
    static func median(_ n: Int, _ body: () throws -> Void) throws -> (median: Double, best: Double) {
        try body() // warm-up
        var times: [Double] = []
        for _ in 0..<n {
            let start = DispatchTime.now().uptimeNanoseconds
            try body()
            times.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
        }
        let sorted = times.sorted()
        return (sorted[sorted.count / 2], sorted[0])
    }
}
