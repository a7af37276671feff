import Features
import Foundation

extension StoredModel {
    /// Checks every field `query` relies on, so a damaged or hand-edited `model.json` is refused with
    /// one line instead of crashing the analysis or a lookup: feature parameters in range, the
    /// descriptor layout the parameters imply, statistics of the layout's dimension and finite,
    /// per-track arrays of one length, segment rows pointing at tracks.
    /// - Returns: nil when the model is consistent, else what is wrong.
    public func inconsistency() -> String? {
        let f = features
        if let problem = f.validationError() { return "feature parameters: \(problem)" }
        if let maxSeconds, !(maxSeconds >= 4 && maxSeconds <= 86_400) { return "maxSeconds out of range" }
        guard model.layout == DescriptorLayout(mfccCount: f.mfccCount) else {
            return "descriptor layout does not match \(f.mfccCount) MFCCs"
        }
        let d = model.layout.dimension
        guard model.mean.count == d, model.scale.count == d, model.deviation.count == d else {
            return "statistics have \(model.mean.count), \(model.scale.count) and \(model.deviation.count) values; the layout has \(d)"
        }
        guard model.mean.allSatisfy(\.isFinite), model.scale.allSatisfy(\.isFinite), model.deviation.allSatisfy({ $0.isFinite && $0 >= 0 }),
              model.weights.values.allSatisfy(\.isFinite) else { return "statistics or weights are not finite" }
        let n = trackIDs.count
        guard n > 0 else { return "no tracks" }
        guard files.count == n, tempos.count == n else {
            return "\(n) track ids, \(files.count) files, \(tempos.count) tempi"
        }
        guard density.count == n, groups.count == n else { return "\(n) tracks, \(density.count) densities, \(groups.count) artist groups" }
        guard density.allSatisfy({ $0.isFinite && abs($0) <= 1 }) else { return "a density is not a cosine similarity" }
        guard recordings.count == n, recordings.enumerated().allSatisfy({ $1 >= 0 && $1 <= $0 }) else { return "recordings do not name earlier tracks" }
        guard spread.maxPerArtist >= 0, spread.maxPerAlbum >= 0 else { return "negative artist or album cap" }
        guard segmentStart.count == segmentTrack.count, segmentEnd.count == segmentTrack.count else {
            return "segment arrays differ in length"
        }
        guard segmentTrack.allSatisfy({ (0..<n).contains($0) }) else { return "a segment refers to a track that does not exist" }
        guard ["exact", "forest", "lsh", "graph"].contains(index) else { return "unknown index kind \(index)" }
        guard dataChecksums.values.allSatisfy(ContentHash.isHex) else { return "a data checksum is not a SHA-256" }
        return nil
    }
}
