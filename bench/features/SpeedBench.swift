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

    @Option(help: "Repetitions per measurement (the median is reported).") var repeats = 15
    @Option(help: "Folder for the generated clips.") var dir = "/tmp/backbeat-speed"

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
        print("stage                                        ms     × real time")
        let decoder = AudioDecoder()
        var decoded: [Float] = []
        for (name, path) in files {
            let t = try Self.median(repeats) { decoded = try decoder.decode(path: path).samples }
            print(String(format: "decode+resample 30 s 44.1k stereo %-6@  %8.2f  %8.0f", name as NSString, t * 1000, 30 / t))
        }
        let analyzer = SpectralAnalyzer()
        let extractor = FeatureExtractor()
        let clip = decoded
        let tFront = try Self.median(repeats) { _ = analyzer.analyze(clip) }
        print(String(format: "front end (STFT, mel, dB, MFCC, onset)      %8.2f  %8.0f", tFront * 1000, 30 / tFront))
        let tFeatures = try Self.median(repeats) { _ = extractor.extract(clip) }
        print(String(format: "all features of a decoded 30 s clip         %8.2f  %8.0f", tFeatures * 1000, 30 / tFeatures))
        let analyzerFull = TrackAnalyzer()
        let mp3 = files[0].1
        let tMP3 = try Self.median(repeats) { _ = try analyzerFull.analyze(path: mp3) }
        print(String(format: "decode + features of a 30 s MP3             %8.2f  %8.0f", tMP3 * 1000, 30 / tMP3))
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        print(String(format: "peak RSS of this process (one worker)       %8.1f MB", Double(usage.ru_maxrss) / 1024))
        print("targets: features ≤ 15 ms, decode + features of an MP3 ≤ 40 ms")
        print("librosa for the same work: python3 bench/python/original_pipeline.py \(dir) --with-tempo (see README)")
    }

    static func median(_ n: Int, _ body: () throws -> Void) throws -> Double {
        try body() // warm-up
        var times: [Double] = []
        for _ in 0..<n {
            let start = DispatchTime.now().uptimeNanoseconds
            try body()
            times.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
        }
        return times.sorted()[times.count / 2]
    }
}
