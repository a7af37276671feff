import Catalog
import Foundation
import Support

/// Everything shared by the pages of one build, and the page models built from it.
struct SiteContext {
    let document: CatalogDocument
    let report: BuildReport
    /// The catalog files written before the site, and the sizes of its plots.
    let files: CatalogFiles
    let audio: AudioSources
    let audioEnabled: Bool
    /// Track id → position in `document.tracks`.
    let positions: [String: Int]
    let trackCountText: String

    init(document: CatalogDocument, report: BuildReport, files: CatalogFiles, audio: AudioSources, audioEnabled: Bool) {
        self.document = document
        self.report = report
        self.files = files
        self.audio = audio
        self.audioEnabled = audioEnabled
        var positions: [String: Int] = [:]
        for (i, track) in document.tracks.enumerated() { positions[track.id] = i }
        self.positions = positions
        trackCountText = SiteFormat.grouped(document.tracks.count)
    }

    func chrome(kind: String, title: String, root: String) -> Chrome {
        Chrome(root: root, pageTitle: title, pageKind: kind, navTracks: kind == "tracks", navMap: kind == "map",
               navAbout: kind == "about", navRoute: kind == "route", generator: document.generator, trackCountText: trackCountText)
    }

    /// A plot of `plots/` if the build wrote it, with its pixel size (`fallback` when unknown).
    /// `name` is relative to `plots/` (`ab/<id>-mfcc.png` for a track's, see ``CatalogPaths``);
    /// `prefix` is the path from the page to the output folder.
    func plot(_ name: String, prefix: String, alt: String, caption: String, fallback: (Int, Int)) -> PlotImage? {
        guard files.written.contains("plots/" + name) else { return nil }
        let size = files.imageSizes["plots/" + name].map { ($0.width, $0.height) } ?? fallback
        return PlotImage(src: prefix + "plots/" + SiteLinks.encodePath(name), alt: alt,
                         width: size.0, height: size.1, caption: caption)
    }

    // MARK: index.html

    func indexPage() -> IndexPage {
        let json = IndexTable.json(document.tracks.map { track in
            IndexTable.Row(id: track.id, title: displayTitle(track), artist: nonEmpty(track.artist), album: nonEmpty(track.album),
                           genre: nonEmpty(track.genre), file: track.file, duration: track.durationSeconds, bpm: track.tempoBPM,
                           audio: audio.rootRelative[track.id])
        })
        let tempos = document.tracks.map(\.tempoBPM).filter { $0.isFinite && $0 > 0 }.sorted()
        let median: Double? = tempos.isEmpty ? nil
            : (tempos.count % 2 == 1 ? tempos[tempos.count / 2] : (tempos[tempos.count / 2 - 1] + tempos[tempos.count / 2]) / 2)
        let total = document.tracks.reduce(0.0) { $0 + ($1.durationSeconds.isFinite ? max(0, $1.durationSeconds) : 0) }
        return IndexPage(chrome: chrome(kind: "tracks", title: "Tracks", root: ""), trackCountText: trackCountText,
                         totalDuration: SiteFormat.longDuration(total),
                         medianTempo: median.map(SiteFormat.tempo) ?? "–",
                         audioEnabled: audioEnabled, tracksJSON: json)
    }

    // MARK: map.html

    func routePage(hasData: Bool) -> RoutePage {
        RoutePage(chrome: chrome(kind: "route", title: "Route", root: ""), hasData: hasData, dimensions: RouteData.dimensions)
    }

    func mapPage(hasData: Bool) -> MapPage {
        MapPage(chrome: chrome(kind: "map", title: "Catalog map", root: ""), trackCountText: trackCountText, hasData: hasData,
                map: plot("catalog-map.png", prefix: "",
                          alt: "Catalog map: the \(trackCountText) tracks laid out so that tracks near each other are alike (from each track's nearest neighbours), coloured by tempo",
                          caption: "Each dot is a track; colour shows tempo in BPM.", fallback: (640, 480)),
                histogram: plot("tempo-histogram.png", prefix: "",
                                alt: "Histogram of the tempi of the \(trackCountText) tracks in BPM",
                                caption: "How many tracks fall at each tempo.", fallback: (640, 320)))
    }
}

func nonEmpty(_ s: String?) -> String? {
    guard let s, !s.isEmpty else { return nil }
    return s
}

/// The name a track is shown under: its title, or its file name when the title is empty or blank.
func displayTitle(_ track: CatalogTrack) -> String {
    if !track.title.allSatisfy({ $0.isWhitespace }) { return track.title }
    return track.file.split(separator: "/").last.map(String.init) ?? track.file
}
