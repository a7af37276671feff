import AudioIO
import Support

/// The one error type of `Catalog`: what kind of failure, the file or folder concerned (if one is)
/// and the reason, printed as one line (`path: reason`). Decoding errors stay ``AudioError`` (the
/// `AudioIO` module's own type).
public struct CatalogError: Error, CustomStringConvertible, Sendable, Equatable {
    public enum Kind: String, Sendable, Equatable {
        /// Build options out of range.
        case invalidOptions
        /// The dataset is not a folder, or holds nothing usable, or `--strict` met a skipped file.
        case dataset
        /// The output cannot be written, or is not Backbeat's to replace.
        case output
        /// The folder `query` was given is not a catalog.
        case notACatalog
        /// A catalog file is damaged, from another catalog or another version, or inconsistent.
        case incompatible
        /// A manifest (`backbeat-manifest.json`) that cannot be trusted, or a file that does not match it.
        case manifest
        /// The feature cache folder cannot be used.
        case cache
        /// A file could not be read.
        case unreadable
        /// A file changed while the build read it.
        case changed
        /// A file decoded but cannot be described (too short, silent).
        case analysis
    }

    public let kind: Kind
    /// The file or folder concerned, when there is one.
    public let path: String?
    /// What went wrong, without the path.
    public let reason: String

    public init(_ kind: Kind, path: String? = nil, _ reason: String) {
        self.kind = kind
        self.path = path
        self.reason = reason
    }

    public var description: String { path.map { "\($0): \(reason)" } ?? reason }
}

extension CatalogError {
    static func invalidOptions(_ message: String) -> CatalogError { CatalogError(.invalidOptions, "invalid options: \(message)") }

    static func noDataset(_ path: String) -> CatalogError { CatalogError(.dataset, path: path, "not a folder") }

    static func noTracks(dataset: String, scanned: Int, skipped: Int) -> CatalogError {
        scanned == 0
            ? CatalogError(.dataset, path: dataset, "no audio files found (looked for \(AudioFileScanner.extensions.sorted().joined(separator: ", ")))")
            : CatalogError(.dataset, "no usable track: all \(scanned) audio files were skipped (\(skipped)); see the reasons above")
    }

    static func strictSkip(count: Int, first: String) -> CatalogError {
        CatalogError(.dataset, "--strict: \(count) file(s) skipped, first: \(first)")
    }

    /// Files a build was told to take from the cache (`--require-cached`) and could not; when
    /// shards extracted with other parameters (`otherParameters`: theirs, the build's), that is the
    /// reason given.
    static func notCached(_ failed: [BuildReport.Skipped], otherParameters: ([String], String)? = nil) -> CatalogError {
        if let (theirs, mine) = otherParameters {
            return CatalogError(.cache, "--require-cached: \(failed.count) file(s) missing from the caches, whose shards extracted with other parameters (\(theirs.joined(separator: ", ")); this build's are \(mine)): give extract and build the same --max-seconds")
        }
        let sorted = failed.sorted { UTF8Order.precedes($0.file, $1.file) }
        let shown = sorted.prefix(5).map { "\($0.file) (\($0.reason))" }.joined(separator: "; ")
        return CatalogError(.cache, "--require-cached: \(failed.count) file(s) missing from the caches: \(shown)\(failed.count > 5 ? "; …" : "")")
    }

    static func output(_ message: String) -> CatalogError { CatalogError(.output, "cannot write the output: \(message)") }

    static func changed(_ path: String) -> CatalogError {
        CatalogError(.changed, path: path, "the file changed while it was being read; build again to include it")
    }
}
