import CSndfile
import CSoxr

extension AudioDecoder {
    /// The versions of the decoding libraries in use, e.g. `libsndfile-1.2.0 libsoxr-0.1.3`: what
    /// decides whether a file decodes. A remembered "cannot decode" holds only for these versions.
    public static var libraryVersions: String {
        "\(String(cString: sf_version_string())) \(String(cString: soxr_version()))"
    }
}
