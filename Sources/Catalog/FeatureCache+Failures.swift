import AudioIO
import Foundation
import Support

/// Contents that cannot be analysed, remembered like features: `<hash>-<parameters key>.skip`
/// holds the reason, so a build does not decode a damaged file again on every run, and a merge of
/// shards (`build --require-cached`) lists it as skipped with the shard's reason instead of
/// failing for want of an entry.
///
/// Only failures that the bytes decide are kept (an unknown format, a corrupt stream, no audio,
/// too short, silent); a file that could not be read, or changed while being read, is tried again
/// next time. A record holds for the Backbeat version and decoding libraries that wrote it
/// (``failureKey(for:)``): after an upgrade, the file is tried again. Layout: the magic
/// `BBSKIP01`, the SHA-256 of the rest, then the length-prefixed key and reason, checked like an
/// entry.
extension FeatureCache {
    static let failureMagic = Array("BBSKIP01".utf8)

    /// What a failure record of `hash` must carry: the entry key, the generator and the decoding
    /// libraries' versions.
    func failureKey(for hash: String) -> String {
        "\(key(for: hash)) \(CatalogBuilder.generator) \(AudioDecoder.libraryVersions)"
    }

    func failureURL(for hash: String) -> URL {
        directory.appendingPathComponent(key(for: hash) + ".skip")
    }

    /// Failure-record bytes around an arbitrary `payload` (for the fuzzer, as ``frame(payload:)``).
    public static func frameFailure(payload: Data) -> Data { framed(payload, magic: failureMagic) }

    /// Whether `error` is a property of the file's bytes (the same content always fails so).
    static func isContentFailure(_ error: any Error) -> Bool {
        switch error {
        case let error as AudioError: return [.emptyFile, .unsupportedFormat, .noAudio, .corrupt].contains(error.kind)
        case let error as CatalogError: return error.kind == .analysis
        default: return false
        }
    }

    /// Remembers that content `hash` cannot be analysed, for `reason` (as `skipped.csv` words it).
    public func storeFailure(_ reason: String, hash: String) throws {
        var body = ByteWriter()
        body.optionalString(failureKey(for: hash))
        body.optionalString(reason)
        try AtomicFile.write(Self.framed(body.data, magic: Self.failureMagic), to: failureURL(for: hash))
    }

    /// The remembered reason content `hash` cannot be analysed, from this cache or a fallback
    /// (copied here); nil when none is remembered or the record is not trustworthy.
    public func loadFailure(hash: String) -> String? {
        let url = failureURL(for: hash)
        for folder in [directory] + fallbacks {
            guard let data = try? Data(contentsOf: folder.appendingPathComponent(url.lastPathComponent)) else { continue }
            guard let (claimed, reason) = Self.decodeFailureRecord(data) else {
                if folder == directory { try? FileManager.default.removeItem(at: url) } // damaged
                continue
            }
            // Another version's record (a node with other libraries) is not ours to delete.
            guard claimed == failureKey(for: hash) else { continue }
            if folder != directory { try? AtomicFile.write(data, to: url) }
            return reason
        }
        return nil
    }

    /// The reason a failure record in `data` holds, if its checksum holds and it carries `key`;
    /// nil otherwise. Any byte string is safe to pass.
    public static func decodeFailure(_ data: Data, key: String) -> String? {
        guard let (claimed, reason) = decodeFailureRecord(data), claimed == key else { return nil }
        return reason
    }

    /// The key and reason of a failure record whose checksum holds; nil otherwise.
    static func decodeFailureRecord(_ data: Data) -> (key: String, reason: String)? {
        guard data.count > 40, Array(data.prefix(8)) == failureMagic else { return nil }
        let body = data.dropFirst(40)
        guard Array(data[data.startIndex + 8 ..< data.startIndex + 40]) == ContentHash.digest(body) else { return nil }
        var reader = ByteReader(data: Data(body))
        guard let claimed = try? reader.optionalString(), let reason = try? reader.optionalString(), reader.atEnd else { return nil }
        return (claimed, reason)
    }
}
