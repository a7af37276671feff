/// Where a track's own files live in the output folder, relative to it.
///
/// Per-track files are sharded into sub-folders named by the last two characters of the track id,
/// which for ids made by ``TrackID`` are two hex digits of the path's hash: 256 folders, evenly
/// filled, so a 100,000-track catalog has about 390 pages in each `tracks/<shard>/` and 780 plots in
/// each `plots/<shard>/` instead of 100,000 and 200,000 in one folder (slow to list, and over the
/// limits of some file systems and archive tools). The rule is the same in the site's script
/// (`shardOf` in `site.js`: `id.slice(-2)`), so a link can be made from the id alone.
///
/// | file | path |
/// |---|---|
/// | track page | `tracks/<shard>/<id>.html` |
/// | plots | `plots/<shard>/<id>-mfcc.png`, `plots/<shard>/<id>-tempo.png` |
/// | radio playlist | `playlists/<shard>/<id>.m3u8` |
/// | copied clip (`--audio copy`) | `audio/<shard>/<id>.<ext>` |
public enum CatalogPaths {
    /// The shard folder of `id`: its last two characters (the whole id when shorter).
    public static func shard(of id: String) -> String { String(id.suffix(2)) }

    /// `tracks/<shard>/<id>.html`.
    public static func trackPage(_ id: String) -> String { "tracks/" + shard(of: id) + "/" + id + ".html" }

    /// `<shard>/<id>-<kind>.png`, relative to `plots/` (`kind`: `mfcc` or `tempo`).
    public static func plotName(_ id: String, kind: String) -> String { shard(of: id) + "/" + id + "-" + kind + ".png" }

    /// `plots/<shard>/<id>-<kind>.png`.
    public static func plot(_ id: String, kind: String) -> String { "plots/" + plotName(id, kind: kind) }

    /// `playlists/<shard>/<id>.m3u8`.
    public static func playlist(_ id: String) -> String { "playlists/" + shard(of: id) + "/" + id + ".m3u8" }

    /// `audio/<shard>/<id><ext>` (`ext` with its dot, or empty).
    public static func audioCopy(_ id: String, ext: String) -> String { "audio/" + shard(of: id) + "/" + id + ext }

    /// The prefix from a sharded per-track file (`tracks/<shard>/…`) back to the output folder.
    public static let rootFromShard = "../../"
}
