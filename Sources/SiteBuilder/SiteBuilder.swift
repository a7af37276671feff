import Catalog
import Foundation
import Playlists
import Support

/// Writes the static HTML site over a built catalog: pages that open from `file://` in any browser,
/// with no network. Output layout (relative to the output folder):
///
/// - `index.html`: every track in a sortable, filterable, paginated table (rendered by
///   `assets/site.js` from JSON embedded in the page);
/// - `tracks/<shard>/<id>.html`: one page per track: tags, player, tempo, plots, top-k and bottom-k
///   lists, in folders sharded by ``CatalogPaths``;
/// - `map.html`: the catalog map and tempo histogram from `plots/`;
/// - `about.html`: parameters, counts, skipped files, index and recall, time per stage, data how-to;
/// - `assets/`: CSS and JavaScript; `audio/<shard>/<id>.<ext>` with `AudioMode.copy`;
///   `playlists/<shard>/<id>.m3u8` unless `AudioMode.none`.
///
/// The same document, report and options give byte-identical files.
public enum SiteBuilder {
    /// Writes the site into `outputDirectory`, which already holds `data/` and `plots/`; `files` says
    /// which of those exist and the plots' sizes (pages link only what was written). Pages of tracks no longer in the catalog are removed.
    /// - Throws: `SiteError` for an invalid document (unsafe or duplicate ids, a `file` outside the
    ///   dataset, a neighbour id not in the catalog), a bad template, or a failed write or copy.
    public static func write(document: CatalogDocument, report: BuildReport, outputDirectory: URL,
                             files: CatalogFiles, options: SiteOptions, route: RouteData? = nil, map: [[Double]] = [],
                             grooveHues: [Int] = []) throws {
        let refs = try validate(document)
        let templates = try TemplateSet(overridesDirectory: options.templatesDirectory)
        let tracksFolder = outputDirectory.appendingPathComponent("tracks", isDirectory: true)
        try SiteFiles.makeDirectory(tracksFolder)
        let audio = try AudioSources(tracks: refs, mode: options.audio, datasetRoot: options.datasetRoot,
                                     outputDirectory: outputDirectory)
        let context = SiteContext(document: document, report: report, files: files,
                                  audio: audio, audioEnabled: options.audio != .none)

        for asset in templates.assets {
            let url = outputDirectory.appendingPathComponent(asset.path)
            try SiteFiles.makeDirectory(url.deletingLastPathComponent())
            try SiteFiles.write(asset.contents, to: url)
        }
        try SiteFiles.write(templates.render("index", context.indexPage()),
                            to: outputDirectory.appendingPathComponent("index.html"))
        let mapData = MapScript.text(document: document, points: map, grooveHues: grooveHues)
        try SiteFiles.write(templates.render("map", context.mapPage(hasData: mapData != nil)),
                            to: outputDirectory.appendingPathComponent("map.html"))
        if let mapData { try SiteFiles.write(mapData, to: outputDirectory.appendingPathComponent("map-data.js")) }
        try SiteFiles.write(templates.render("about", context.aboutPage()),
                            to: outputDirectory.appendingPathComponent("about.html"))
        let routeData = route.flatMap { RouteScript.text(document: document, data: $0, audio: audio) }
        try SiteFiles.write(templates.render("route", context.routePage(hasData: routeData != nil)),
                            to: outputDirectory.appendingPathComponent("route.html"))
        if let routeData { try SiteFiles.write(routeData, to: outputDirectory.appendingPathComponent("route-data.js")) }
        try writeTrackPages(context: context, templates: templates, into: outputDirectory)
        try SiteFiles.removeStale(in: tracksFolder, keeping: Set(document.tracks.map { CatalogPaths.trackPage($0.id) }),
                                  prefix: "tracks/", suffix: ".html")
        if options.audio != .none { try writePlaylists(context: context, into: outputDirectory.appendingPathComponent("playlists", isDirectory: true)) }
    }

    /// Writes `playlists/<shard>/<id>.m3u8`: each track, then its radio, as extended M3U whose
    /// entries are relative URLs from the playlist's folder to the audio (as the pages reach it).
    static func writePlaylists(context: SiteContext, into folder: URL) throws {
        try SiteFiles.makeDirectory(folder)
        let output = folder.deletingLastPathComponent()
        try SiteFiles.makeShardFolders(for: context.document.tracks.map(\.id), in: folder)
        for track in context.document.tracks {
            let rows = [track.id] + track.radio
            let entries: [PlaylistFile.Entry] = rows.compactMap { id in
                guard let p = context.positions[id], let url = context.audio.rootRelative[id] else { return nil }
                let t = context.document.tracks[p]
                return PlaylistFile.Entry(location: CatalogPaths.rootFromShard + url, seconds: t.durationSeconds, artist: nonEmpty(t.artist),
                                          title: displayTitle(t))
            }
            try SiteFiles.write(PlaylistFile.m3u8(entries), to: output.appendingPathComponent(CatalogPaths.playlist(track.id)))
        }
        try SiteFiles.removeStale(in: folder, keeping: Set(context.document.tracks.map { CatalogPaths.playlist($0.id) }),
                                  prefix: "playlists/", suffix: ".m3u8")
    }

    /// Writes the site of a staged catalog into its folder (the build's ``BuildStage/site``).
    public static func write(_ staged: StagedCatalog, options: SiteOptions) throws {
        try write(document: staged.document, report: staged.report, outputDirectory: staged.folder, files: staged.files,
                  options: options, route: staged.tables.route, map: staged.tables.map, grooveHues: staged.tables.grooveHues)
    }

    /// Renders and writes `tracks/<shard>/<id>.html` under `output` on every core (pages are
    /// independent, so the bytes do not depend on the order); the error of the lowest track
    /// position wins.
    static func writeTrackPages(context: SiteContext, templates: TemplateSet, into output: URL) throws {
        let count = context.document.tracks.count
        try SiteFiles.makeShardFolders(for: context.document.tracks.map(\.id), in: output.appendingPathComponent("tracks", isDirectory: true))
        let workers = max(1, min(ProcessInfo.processInfo.activeProcessorCount, 16, count))
        let failure = FirstFailure()
        DispatchQueue.concurrentPerform(iterations: workers) { worker in
            var position = worker
            while position < count, !failure.happened {
                do {
                    let page = try context.trackPage(at: position)
                    let url = output.appendingPathComponent(CatalogPaths.trackPage(context.document.tracks[position].id))
                    try SiteFiles.write(templates.render("track", page), to: url)
                } catch {
                    failure.record(error, at: position)
                }
                position += workers
            }
        }
        if let error = failure.error { throw error }
    }

    /// Loads and checks the templates of `options` (parse, partials, links) without writing anything,
    /// so a build can refuse bad templates before it spends time on extraction.
    public static func checkTemplates(_ options: SiteOptions) throws {
        _ = try TemplateSet(overridesDirectory: options.templatesDirectory)
    }

    /// Writes the built-in templates and assets into `directory` (created if needed) as a starting
    /// point for `--templates DIR`.
    /// - Parameter overwrite: replace files that already exist; otherwise an existing file is an error,
    ///   so a customised copy is never clobbered.
    public static func exportTemplates(to directory: URL, overwrite: Bool = false) throws {
        if !overwrite {
            for (path, _) in DefaultTemplates.files where SiteFiles.exists(directory.appendingPathComponent(path)) {
                throw SiteError(stage: .templates, path: directory.appendingPathComponent(path).path,
                                message: "already exists; export into an empty folder or pass overwrite")
            }
        }
        for (path, contents) in DefaultTemplates.files {
            let url = directory.appendingPathComponent(path)
            try SiteFiles.makeDirectory(url.deletingLastPathComponent())
            try SiteFiles.write(contents, to: url)
        }
    }

    /// The relative paths `exportTemplates` writes (templates, assets, README), sorted.
    public static var templateFileNames: [String] { DefaultTemplates.files.map(\.path) }

    /// Checks what the site relies on: ids are unique and safe as file names, every `file` stays
    /// inside the dataset, every neighbour id is a track of the catalog.
    static func validate(_ document: CatalogDocument) throws -> [CatalogTrackRef] {
        var seen = Set<String>()
        var refs: [CatalogTrackRef] = []
        refs.reserveCapacity(document.tracks.count)
        for track in document.tracks {
            guard SiteLinks.isSafeID(track.id) else {
                throw SiteError(stage: .catalog, path: track.file, message: "track id '\(track.id)' is not a safe file name ([a-z0-9-])")
            }
            guard seen.insert(track.id).inserted else {
                throw SiteError(stage: .catalog, path: track.file, message: "track id '\(track.id)' appears twice")
            }
            guard let components = SiteLinks.relativeFileComponents(track.file) else {
                throw SiteError(stage: .catalog, path: track.file, message: "file is not a path inside the dataset")
            }
            refs.append(CatalogTrackRef(id: track.id, fileComponents: components))
        }
        for track in document.tracks {
            for neighbour in track.top + track.bottom where !seen.contains(neighbour.id) {
                throw SiteError(stage: .catalog, path: track.file, message: "neighbour id '\(neighbour.id)' is not in the catalog")
            }
        }
        return refs
    }
}
