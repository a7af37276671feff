import Foundation
import Support

/// A staging folder beside the output that replaces it atomically at the end of a build, and the
/// rules of what a build may replace.
///
/// - Ownership: the output must be missing, empty (hidden entries aside), or a catalog with a
///   valid ``CatalogManifest``; anything else is refused before any work. Of a catalog, only the
///   files its manifest lists are Backbeat's: every other entry (a user's `NOTES.txt`, a `music/`
///   folder, the feature cache) is moved into the new catalog at the same place, untouched.
/// - Atomicity: the new catalog is written into `.<name>.staging-<pid>` next to the output (with a
///   `.backbeat-staging` marker while it is incomplete). `commit()` writes the manifest, drops
///   the marker, exchanges the two folders with one `renameat2(RENAME_EXCHANGE)` (Linux; two
///   renames elsewhere), moves the user's entries across and removes the old catalog's listed
///   files. Until the exchange the previous catalog is untouched, so Ctrl-C or kill -9 at any
///   earlier point leaves it intact.
/// - Recovery: a staging folder left by a killed build is cleaned by the next one: one with the
///   marker holds only Backbeat's files and is removed; one with a manifest is reconciled like a
///   commit (user entries moved into the output, listed files removed); anything else is left
///   alone and reported.
struct OutputStaging {
    /// The output folder, links resolved (a `-o` link to a catalog updates the catalog it points to).
    let output: URL
    let url: URL
    /// The staging folder's `data/` and `plots/`.
    var data: URL { url.appendingPathComponent("data", isDirectory: true) }
    var plots: URL { url.appendingPathComponent("plots", isDirectory: true) }
    /// The manifest of the catalog being replaced (nil: a new or empty output), in columns.
    let previous: ManifestTable?
    /// The files of the catalog being replaced that are still as it wrote them: the only ones this
    /// build may replace or remove (a listed file edited since is the user's).
    let owned: Set<String>
    /// Size, times and inode of each of ``owned`` when it was checked, by row of ``previous`` (nil
    /// for a file not owned): ``commit(generator:)`` checks again any that changed while the build
    /// ran (the user may edit the live catalog).
    private let ownedStatus: [Platform.FileStatus?]
    /// Held from the start of the build to its end: one build at a time per output.
    let lock: OutputLock
    /// What recovery of earlier interrupted builds left in place, one line each.
    private(set) var notes: [String] = []

    static let marker = ".backbeat-staging"

    /// - Parameter cache: the feature cache folder (resolved); when it lies inside the output, an
    ///   output holding only the cache (a first build that failed) still counts as empty.
    init(output: URL, cache: URL? = nil) throws {
        self.output = output
        let parent = output.deletingLastPathComponent(), name = output.lastPathComponent
        let fm = FileManager.default
        do { try fm.createDirectory(at: parent, withIntermediateDirectories: true) } catch {
            throw CatalogError.output("\(parent.path): cannot create the folder (\(ErrorText.line(error)))")
        }
        lock = try OutputLock(output)
        // Earlier builds killed before they finished: first a catalog set aside by the two-rename
        // fallback goes back in place, then every leftover folder is reconciled.
        let leftovers = ((try? fm.contentsOfDirectory(atPath: parent.path)) ?? []).filter { Self.isLeftover($0, of: name) }
        // Holding the lock proves no other build is running: every leftover is from a dead one
        // (whatever process its pid names now).
        if OwnedTree.kind(output, "") == nil,
           let aside = leftovers.first(where: { $0.hasPrefix(".\(name).old-") && (try? CatalogManifest.read(folder: parent.appendingPathComponent($0))) != nil }) {
            _ = rename(parent.filePath(aside), output.path)
        }
        for item in leftovers where OwnedTree.kind(parent, item) != nil {
            if let note = Self.recover(parent.appendingPathComponent(item), into: output) { notes.append(note) }
        }
        let table = try Self.ownership(of: output, cache: cache).map { ManifestTable($0) }
        let intact = table?.intactFiles(in: output) ?? []
        previous = table
        owned = intact
        ownedStatus = table?.paths.map { intact.contains($0) ? Platform.status(output.filePath($0), followingLinks: false) : nil } ?? []
        url = parent.appendingPathComponent(".\(name).staging-\(getpid())", isDirectory: true)
        do {
            try fm.createDirectory(at: url, withIntermediateDirectories: false)
            try AtomicFile.write(Data("a Backbeat build in progress: every file here is Backbeat's\n".utf8),
                                 to: url.appendingPathComponent(Self.marker))
            for folder in ["data", "plots"] { try fm.createDirectory(at: url.appendingPathComponent(folder), withIntermediateDirectories: false) }
        } catch {
            throw CatalogError.output("\(url.path): cannot create the staging folder (\(ErrorText.line(error)))")
        }
    }

    /// The manifest of the catalog at `output`, or nil when the output is missing or empty.
    /// - Throws: ``CatalogError`` (`.output`) when the output is not a folder, or holds files without a
    ///   valid manifest (not Backbeat's to replace).
    static func ownership(of output: URL, cache: URL? = nil) throws -> CatalogManifest? {
        switch OwnedTree.kind(output, "") {
        case nil: return nil
        case S_IFDIR: break
        default: throw CatalogError.output("\(output.path) is not a folder (a file, or a link to nothing); choose a folder for the catalog")
        }
        do {
            if let manifest = try CatalogManifest.read(folder: output) { return manifest }
        } catch {
            throw CatalogError.output("\(ErrorText.line(error)); this folder's catalog manifest cannot be trusted, so nothing in it will be replaced: move it away or choose another folder")
        }
        let entries: [String]
        do { entries = try FileManager.default.contentsOfDirectory(atPath: output.path) } catch {
            throw CatalogError.output("\(output.path): cannot read the folder (\(ErrorText.line(error)))")
        }
        let cachePath = cache.flatMap { ResolvedPath.isInside($0.path, output.path) ? $0.path.dropFirst(output.path.count + 1) : nil }
        if !Self.holdsOnly(output, entries, path: cachePath.map { $0.split(separator: "/").map(String.init) } ?? []) {
            throw CatalogError.output("\(output.path) is not empty and is not a Backbeat catalog (no \(CatalogManifest.fileName)); choose a new or empty folder")
        }
        return nil
    }

    /// Whether the folder `folder` (whose entries are `entries`) holds nothing but hidden entries and
    /// the folders leading to `path` (the cache, whose own contents do not count).
    static func holdsOnly(_ folder: URL, _ entries: [String], path: [String]) -> Bool {
        let visible = entries.filter { !$0.hasPrefix(".") }
        guard let next = path.first else { return visible.isEmpty || entries.isEmpty }
        guard visible.allSatisfy({ $0 == next }) else { return false }
        guard !visible.isEmpty, path.count > 1 else { return true }
        let child = folder.appendingPathComponent(next)
        return holdsOnly(child, (try? FileManager.default.contentsOfDirectory(atPath: child.path)) ?? [], path: Array(path.dropFirst()))
    }

    /// Removes the staging folder of a build that failed (it holds only files this build wrote).
    /// Removes the staging folder of a build that failed. Only while it still has the marker: from
    /// the moment the marker goes (just before the exchange) the folder may hold the old catalog,
    /// and the next build's recovery takes care of it.
    func discard() {
        if OwnedTree.kind(url, Self.marker) == S_IFREG { try? FileManager.default.removeItem(at: url) }
    }

    /// The status ``owned`` file `path` had when the build began (nil: not owned).
    private func status(_ path: String) -> Platform.FileStatus? {
        previous?.row(of: path).flatMap { ownedStatus[$0] }
    }

    /// ``owned`` as it is now: a file that changed since the build began is Backbeat's only if it
    /// still matches the manifest.
    func stillOwned() -> Set<String> {
        owned.filter { path in
            let now = Platform.status(output.filePath(path), followingLinks: false)
            return now?.looksUnchanged(from: status(path)) == true || (try? previous?.verify(path, in: output)) != nil
        }
    }

    /// Publishes the staging folder as the output (see the type's notes).
    /// - Returns: what the user should know, one line each: changed files kept under a new name,
    ///   entries that could not be carried into the new catalog (left in a hidden folder beside
    ///   the output); normally none.
    func commit(generator: String) throws -> [String] {
        let ownedNow = stillOwned()
        let known = previous?.identities(of: ownedNow.filter { $0.hasPrefix("plots/") }, in: output) ?? [:]
        try CatalogManifest.describe(folder: url, generator: generator, known: known).write(into: url)
        guard OwnedTree.kind(output, "") == S_IFDIR else {
            try FileManager.default.removeItem(at: url.appendingPathComponent(Self.marker))
            guard rename(url.path, output.path) == 0 else { throw CatalogError.output("\(output.path): \(String(cString: strerror(errno)))") }
            return []
        }
        let sidecarNotes = setAsideOpenDatabases()
        let owned = ownedNow.union([CatalogManifest.fileName])
        let (plan, planNotes) = try planCarry(owned: owned)
        var notes = sidecarNotes + planNotes
        try FileManager.default.removeItem(at: url.appendingPathComponent(Self.marker))
        let old = try swap()
        // `old` is now the previous catalog: hand the user's entries to the new one, then remove
        // what the previous build listed.
        let failed = OwnedTree.carry(plan.steps, from: old, to: output)
        // The last moment: a file changed since the start of the commit is the user's, kept beside.
        var removable = owned
        for path in owned where path != CatalogManifest.fileName
            && Platform.status(old.filePath(path), followingLinks: false)?.looksUnchanged(from: status(path)) != true {
            removable.remove(path)
            let aside = Self.asideName(for: path, avoiding: [output, old])
            if rename(old.filePath(path), output.filePath(aside)) == 0 {
                notes.append("\(path) changed while the build finished; your version is kept as \(aside)")
            }
        }
        OwnedTree.removeOwned(removable, in: old, entered: plan.entered)
        return notes + failed.map { "\(old.path)/\($0): could not be moved into the new catalog; it is still there" }
    }

    /// A database of the old catalog with SQLite's side files beside it (`-wal`, `-shm`,
    /// `-journal`: someone has it open, or was killed while writing) is renamed aside with them,
    /// `NAME.edited` and `NAME.edited-wal` …: carried next to the new database, they would be
    /// replayed into it and corrupt it.
    func setAsideOpenDatabases() -> [String] {
        var notes: [String] = []
        for path in previous?.paths ?? [] where path.hasSuffix(".sqlite") {
            let sidecars = ["-wal", "-shm", "-journal"].filter { OwnedTree.kind(output, path + $0) != nil }
            guard !sidecars.isEmpty, OwnedTree.kind(output, path) == S_IFREG else { continue }
            let aside = Self.asideName(for: path, avoiding: [output, url])
            guard rename(output.filePath(path), output.filePath(aside)) == 0 else { continue }
            for suffix in sidecars {
                _ = rename(output.filePath(path + suffix), output.filePath(aside + suffix))
            }
            notes.append("\(path) was open in SQLite (it had \(sidecars.joined(separator: ", ")) files); it is kept with them as \(aside)")
        }
        return notes
    }

    /// Decides where every entry of the old catalog that is not `owned` goes, before anything moves.
    /// A file Backbeat never wrote where the new catalog writes one stops the build; a file it wrote
    /// that changed since (edited or damaged) is renamed `NAME.edited` first, and said so in `notes`.
    func planCarry(owned: Set<String>) throws -> (plan: OwnedTree.CarryPlan, notes: [String]) {
        var plan = OwnedTree.planCarry(from: output, to: url, owned: owned)
        if let conflict = plan.conflicts.first(where: { previous?.row(of: $0) == nil }) {
            throw CatalogError.output("\(output.filePath(conflict)) is not Backbeat's (not in \(CatalogManifest.fileName)), but the new catalog writes a file of that name; move it away and build again")
        }
        var notes: [String] = []
        for conflict in plan.conflicts {
            let aside = Self.asideName(for: conflict, avoiding: [output, url])
            if rename(output.filePath(conflict), output.filePath(aside)) == 0 {
                notes.append("\(conflict) was changed since Backbeat wrote it; your version is kept as \(aside)")
            }
        }
        if !notes.isEmpty { plan = OwnedTree.planCarry(from: output, to: url, owned: owned) }
        if let conflict = plan.conflicts.first {
            throw CatalogError.output("\(output.filePath(conflict)) could not be set aside; move it away and build again")
        }
        return (plan, notes)
    }

    /// Puts the staging folder in the output's place: one atomic exchange, or two renames where the
    /// system has none. Returns where the previous catalog now is.
    func swap() throws -> URL {
        if Platform.exchange(url.path, output.path) { return url }
        let old = output.deletingLastPathComponent().appendingPathComponent(".\(output.lastPathComponent).old-\(getpid())")
        guard rename(output.path, old.path) == 0 else {
            throw CatalogError.output("\(output.path): \(String(cString: strerror(errno)))")
        }
        guard rename(url.path, output.path) == 0 else {
            let message = String(cString: strerror(errno))
            _ = rename(old.path, output.path)
            throw CatalogError.output("\(output.path): \(message)")
        }
        return old
    }

    /// `PATH.edited` (or `.edited-2`, …): a name for a changed file that is free in every folder of
    /// `folders`.
    static func asideName(for path: String, avoiding folders: [URL]) -> String {
        var n = 1
        while true {
            let name = path + (n == 1 ? ".edited" : ".edited-\(n)")
            if folders.allSatisfy({ OwnedTree.kind($0, name) == nil }) { return name }
            n += 1
        }
    }

    /// Whether `item` is a staging (`.NAME.staging-PID`) or set-aside (`.NAME.old-PID`) folder of the
    /// output `name`.
    static func isLeftover(_ item: String, of name: String) -> Bool {
        [".\(name).staging-", ".\(name).old-"].contains { item.hasPrefix($0) && Int32(item.dropFirst($0.count)) != nil }
    }

    /// Cleans one folder an interrupted build left beside `output`; returns a note when something
    /// had to stay.
    static func recover(_ folder: URL, into output: URL) -> String? {
        if OwnedTree.kind(folder, marker) == S_IFREG {
            try? FileManager.default.removeItem(at: folder) // an unfinished staging folder: all Backbeat's
            return nil
        }
        guard let manifest = try? CatalogManifest.read(folder: folder) else {
            if OwnedTree.holdsOnlyFolders(folder) {
                try? FileManager.default.removeItem(at: folder) // empty folders: nothing anyone could lose
                return nil
            }
            return "\(folder.path) was left by an interrupted build but is not recognisably Backbeat's; it was left as is"
        }
        if OwnedTree.kind(output, "") == nil { mkdir(output.path, 0o755) }
        let owned = ManifestTable(manifest).intactFiles(in: folder).union([CatalogManifest.fileName])
        let plan = OwnedTree.planCarry(from: folder, to: output, owned: owned)
        _ = OwnedTree.carry(plan.steps, from: folder, to: output)
        if OwnedTree.removeOwned(owned, in: folder, entered: plan.entered) { return nil }
        return "\(folder.path) was left by an interrupted build and still holds files that are not Backbeat's; they were left there"
    }
}

/// An advisory lock (`flock`) on `.NAME.lock` beside the output, held for the whole build: a second
/// build of the same output is refused at once instead of racing the first. Released when the
/// build's staged catalog goes away (the process exiting releases it too).
final class OutputLock: @unchecked Sendable {
    private let fd: Int32

    init(_ output: URL) throws {
        let path = output.deletingLastPathComponent().appendingPathComponent(".\(output.lastPathComponent).lock").path
        fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw CatalogError.output("\(path): cannot create the build lock (\(String(cString: strerror(errno))))") }
        guard flock(fd, LOCK_EX | LOCK_NB) == 0 else {
            close(fd)
            throw CatalogError.output("another build is writing \(output.path) (it holds \(path))")
        }
    }

    deinit { close(fd) }
}
