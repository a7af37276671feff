/// The values templates see. Every string is plain text (the template escapes it); numbers are
/// already formatted. Field names are the template variable names (see site-templates/README.md).

/// What every page's header and footer need (`head` and `foot` partials).
struct Chrome {
    /// `""` on top-level pages, `"../../"` on track pages (`tracks/<shard>/<id>.html`).
    var root: String
    var pageTitle: String
    /// `tracks`, `track`, `map` or `about`, for `body class="page-…"`.
    var pageKind: String
    var navTracks: Bool
    var navMap: Bool
    var navAbout: Bool
    var navRoute: Bool
    var generator: String
    var trackCountText: String
}

/// An image of the `plots/` folder.
struct PlotImage {
    var src: String
    var alt: String
    var width: Int
    var height: Int
    var caption: String
}

struct IndexPage {
    var chrome: Chrome
    var trackCountText: String
    var totalDuration: String
    var medianTempo: String
    var audioEnabled: Bool
    /// The track list as JSON, escaped for a `<script type="application/json">` block.
    var tracksJSON: String
}

/// One entry of a neighbour list. No optionals here: a `nil` field would make Mustache look the
/// name up in the enclosing page instead (context-stack fallthrough).
struct NeighbourItem {
    var rank: Int
    var href: String
    var title: String
    /// `Artist · 123.4 BPM`, or just the tempo.
    var meta: String
    /// `1 − d/2` with three decimals, and as a bar width in percent.
    var similarity: String
    var percent: String
    var distance: String
    /// Why it matched (``MatchReason``): the phrase, and one bar per part with a non-zero share.
    var why: String
    var parts: [WhyPart]
    /// Audio URL relative to the track page (empty without audio).
    var hasAudio: Bool
    var audio: String
}

/// One part's share of a match: `percent` is |share| × 100 (the bar's width), `negative` when the
/// part pulled the pair apart.
struct WhyPart {
    var key: String
    var label: String
    var percent: String
    var share: String
    var negative: Bool
}

/// One track of a radio on a track page: its link, title, meta and clip.
struct RadioItem {
    var href: String
    var title: String
    var meta: String
    var audio: String
}

struct NeighbourList {
    var items: [NeighbourItem]
}

struct TrackTag {
    var label: String
    var value: String
}

struct PageLink {
    var href: String
    var title: String
}

struct TrackPage {
    var chrome: Chrome
    var id: String
    var title: String
    var artist: String?
    var tags: [TrackTag]
    var audioSrc: String?
    var tempo: String
    var confidence: String
    var confidencePercent: String
    var duration: String
    /// The other files of the same recording ("also in the catalog as").
    var versions: [PageLink]
    /// The track's radio as `.m3u8` (`../../playlists/<shard>/<id>.m3u8`), when the site has audio, and its
    /// tracks (this one first) for the page's radio player.
    var radioHref: String?
    var radio: [RadioItem]
    var topList: NeighbourList
    var bottomList: NeighbourList
    var topCount: Int
    var bottomCount: Int
    var plots: [PlotImage]
    var previous: PageLink?
    var next: PageLink?
}

/// `route.html`: the form and player of a route computed in the browser.
struct RoutePage {
    var chrome: Chrome
    var hasData: Bool
    var dimensions: Int
}

struct MapPage {
    var chrome: Chrome
    var trackCountText: String
    /// `map-data.js` was written: the interactive map is shown.
    var hasData: Bool
    var map: PlotImage?
    var histogram: PlotImage?
}

struct NameValue {
    var name: String
    var value: String
}

struct SkippedRow {
    var file: String
    var reason: String
}

struct DataFileLink {
    var href: String
    var name: String
    var description: String
}

struct AboutPage {
    var chrome: Chrome
    var generator: String
    var trackCountText: String
    var skippedCountText: String
    var extractedText: String
    var cachedText: String
    var indexKind: String
    var recall: String
    var bottomRecall: String
    var totalSeconds: String
    var topK: Int
    var bottomK: Int
    var parameters: [NameValue]
    var weights: [NameValue]
    var hasWeights: Bool
    var stages: [NameValue]
    var skipped: [SkippedRow]
    var hasSkipped: Bool
    var dataFiles: [DataFileLink]
    var exampleID: String
}
