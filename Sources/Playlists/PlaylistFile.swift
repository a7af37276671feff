/// Extended M3U (`.m3u8`, UTF-8), the playlist format every player opens: `#EXTM3U`, then per track
/// `#EXTINF:<whole seconds>,<artist> - <title>` and its location.
public enum PlaylistFile {
    public struct Entry: Sendable, Equatable {
        /// A relative, percent-encoded URL (or an absolute path) to the audio.
        public var location: String
        public var seconds: Double
        public var artist: String?
        public var title: String
        public init(location: String, seconds: Double, artist: String?, title: String) {
            self.location = location
            self.seconds = seconds
            self.artist = artist
            self.title = title
        }
    }

    /// The file's text. Titles and artists are tags: line breaks and other control characters in
    /// them become spaces, so a tag cannot add a line (a directive or an entry) to the playlist.
    public static func m3u8(_ entries: [Entry]) -> String {
        var text = "#EXTM3U\n"
        for e in entries {
            let seconds = e.seconds.isFinite && e.seconds > 0 ? Int(e.seconds.rounded()) : -1
            let name = (e.artist.map { clean($0) + " - " } ?? "") + clean(e.title)
            text += "#EXTINF:\(seconds),\(name)\n\(clean(e.location))\n"
        }
        return text
    }

    static func clean(_ s: String) -> String {
        String(String.UnicodeScalarView(s.unicodeScalars.map { $0.properties.generalCategory == .control || $0 == "\u{2028}" || $0 == "\u{2029}" ? " " : $0 }))
    }
}
