import Catalog

extension SiteContext {
    /// The model of `tracks/<shard>/<id>.html` (``CatalogPaths``) for the track at `position` of the
    /// document. Every link is relative: `../../` to the output folder, `../<shard>/<id>.html` to
    /// another track.
    func trackPage(at position: Int) throws -> TrackPage {
        let track = document.tracks[position]
        let encodedID = SiteLinks.encodeSegment(track.id)
        let root = CatalogPaths.rootFromShard
        var tags: [TrackTag] = []
        if let album = nonEmpty(track.album) { tags.append(TrackTag(label: "Album", value: album)) }
        if let genre = nonEmpty(track.genre) { tags.append(TrackTag(label: "Genre", value: genre)) }
        tags.append(TrackTag(label: "File", value: track.file))

        let confidence = track.tempoConfidence.isFinite ? min(1, max(0, track.tempoConfidence)) : 0
        let title = displayTitle(track)
        let quoted = "“" + title + "”"
        var plots: [PlotImage] = []
        if let mfcc = plot(CatalogPaths.plotName(track.id, kind: "mfcc"), prefix: root,
                           alt: "MFCC heatmap of \(quoted): timbre coefficients (rows) over time in seconds (columns)",
                           caption: "Timbre over time: MFCC coefficients, from low (bottom) to high.", fallback: (640, 240)) {
            plots.append(mfcc)
        }
        if let tempo = plot(CatalogPaths.plotName(track.id, kind: "tempo"), prefix: root,
                            alt: "Tempo analysis of \(quoted): onset strength with the beat grid, and periodicity over BPM with the estimate \(SiteFormat.tempo(track.tempoBPM)) marked",
                            caption: "Rhythm: onset strength with the beat grid, and the tempo estimate.", fallback: (640, 360)) {
            plots.append(tempo)
        }
        func link(_ offset: Int) -> PageLink? {
            let p = position + offset
            guard document.tracks.indices.contains(p) else { return nil }
            return PageLink(href: Self.trackHref(document.tracks[p].id), title: displayTitle(document.tracks[p]))
        }
        return TrackPage(
            chrome: chrome(kind: "track", title: title, root: root),
            id: encodedID, title: title, artist: nonEmpty(track.artist), tags: tags,
            audioSrc: audio.rootRelative[track.id].map { root + $0 },
            tempo: SiteFormat.tempo(track.tempoBPM),
            confidence: track.tempoConfidence.isFinite ? SiteFormat.fixed(confidence, digits: 2) : "–",
            confidencePercent: SiteFormat.fixed(confidence * 100, digits: 1),
            duration: SiteFormat.duration(track.durationSeconds),
            versions: try track.versions.map { id in
                guard let p = positions[id] else {
                    throw SiteError(stage: .catalog, path: track.file, message: "version id '\(id)' is not in the catalog")
                }
                return PageLink(href: Self.trackHref(id), title: displayTitle(document.tracks[p]) + " (" + document.tracks[p].file + ")")
            },
            radioHref: audioEnabled ? root + SiteLinks.encodePath(CatalogPaths.playlist(track.id)) : nil,
            radio: audioEnabled ? ([track.id] + track.radio).compactMap { id in
                guard let p = positions[id], let url = audio.rootRelative[id] else { return nil }
                let t = document.tracks[p]
                let tempo = SiteFormat.tempo(t.tempoBPM)
                return RadioItem(href: Self.trackHref(id), title: displayTitle(t),
                                 meta: nonEmpty(t.artist).map { $0 + " · " + tempo } ?? tempo, audio: root + url)
            } : [],
            topList: NeighbourList(items: try items(track.top, of: track)),
            bottomList: NeighbourList(items: try items(track.bottom, of: track)),
            topCount: track.top.count, bottomCount: track.bottom.count,
            plots: plots, previous: link(-1), next: link(1))
    }

    private func items(_ neighbours: [CatalogTrack.Neighbour], of track: CatalogTrack) throws -> [NeighbourItem] {
        try neighbours.enumerated().map { rank, neighbour in
            guard let p = positions[neighbour.id] else {
                throw SiteError(stage: .catalog, path: track.file, message: "neighbour id '\(neighbour.id)' is not in the catalog")
            }
            let other = document.tracks[p]
            let similarity = SiteFormat.similarity(distance: neighbour.distance)
            let tempo = SiteFormat.tempo(other.tempoBPM)
            let audioURL = audio.rootRelative[other.id].map { CatalogPaths.rootFromShard + $0 }
            return NeighbourItem(
                rank: rank + 1, href: Self.trackHref(other.id), title: displayTitle(other),
                meta: nonEmpty(other.artist).map { $0 + " · " + tempo } ?? tempo,
                similarity: SiteFormat.fixed(similarity, digits: 3),
                percent: SiteFormat.fixed(similarity * 100, digits: 1),
                distance: SiteFormat.fixed(neighbour.distance, digits: 4),
                why: neighbour.why.phrase, parts: whyParts(neighbour.why),
                hasAudio: audioURL != nil, audio: audioURL ?? "")
        }
    }

    /// The link from one track page to another's: `../<shard>/<id>.html`.
    static func trackHref(_ id: String) -> String {
        "../" + SiteLinks.encodeSegment(CatalogPaths.shard(of: id)) + "/" + SiteLinks.encodeSegment(id) + ".html"
    }

    /// The bars of a reason: parts with a share of at least 0.5 %, in ``MatchPart`` order.
    private func whyParts(_ why: MatchReason) -> [WhyPart] {
        MatchPart.allCases.compactMap { part in
            let share = why.shares[part] ?? 0
            guard share.isFinite, abs(share) >= 0.005 else { return nil }
            return WhyPart(key: part.rawValue, label: part.label, percent: SiteFormat.fixed(min(1, abs(share)) * 100, digits: 1),
                           share: SiteFormat.fixed(share * 100, digits: 0) + " %", negative: share < 0)
        }
    }
}
