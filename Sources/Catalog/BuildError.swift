import AudioIO

/// Build failures the CLI reports as one line.
public enum BuildError: Error, CustomStringConvertible {
    case invalidOptions(String)
    case noDataset(String)
    case noTracks(dataset: String, scanned: Int, skipped: Int)
    case strictSkip(count: Int, first: String)
    case output(String)

    public var description: String {
        switch self {
        case .invalidOptions(let m): return "invalid options: \(m)"
        case .noDataset(let p): return "\(p): not a folder"
        case .noTracks(let dataset, let scanned, let skipped):
            return scanned == 0 ? "\(dataset): no audio files found (looked for \(AudioFileScanner.extensions.sorted().joined(separator: ", ")))"
                : "no usable track: all \(scanned) audio files were skipped (\(skipped)); see the reasons above"
        case .strictSkip(let count, let first): return "--strict: \(count) file(s) skipped, first: \(first)"
        case .output(let m): return "cannot write the output: \(m)"
        }
    }
}
