import Foundation
import Support

extension FeatureCache {
    /// Removes the entries no build can use again, and returns how many went:
    /// - entries (and remembered failures, `.skip`) whose content no recorded path has any more (the file was edited or removed,
    ///   in every dataset sharing this cache);
    /// - entries of an older feature version, and entries of the earlier 64-bit-hash format;
    /// - temporary files of writers that are no longer running;
    /// - plots in `plots/` (``PlotCache``) on the same terms as entries.
    ///
    /// Nothing is pruned while an `extract` runs on the folder (``whileExtracting(_:)``).
    ///
    /// Only files named like entries or Backbeat's temporary files are touched: anything else in
    /// the folder stays. Entries of other parameters at the current version stay while their
    /// content is recorded (switching `--max-seconds` back and forth reuses them). The path
    /// index is read afresh under the folder's lock, and entries written since this cache was
    /// opened stay whatever it says, so builds sharing the folder do not prune each other's work.
    @discardableResult
    public func prune(featureVersion: Int) -> Int {
        withLock {
            // Without a trustworthy index nothing can be known to be unused: prune nothing.
            guard indexWasReadable, let index = Self.readPathIndex(directory) else { return 0 }
            // A shard still running has written entries its paths are not yet recorded for.
            guard noExtractRunning() else { return 0 }
            let referenced = Set(index.values.map(\.hash))
            var removed = 0
            for name in (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? [] {
                let path = directory.appendingPathComponent(name).path
                guard Self.isStale(name, referenced: referenced, featureVersion: featureVersion, modified: Platform.status(path)?.mtime ?? 0),
                      !writtenSinceOpened(path) else { continue }
                if unlink(path) == 0 { removed += 1 }
            }
            let plots = directory.appendingPathComponent("plots")
            for name in (try? FileManager.default.contentsOfDirectory(atPath: plots.path)) ?? [] {
                let path = plots.appendingPathComponent(name).path
                guard Self.isStalePlot(name, referenced: referenced, featureVersion: featureVersion, modified: Platform.status(path)?.mtime ?? 0),
                      !writtenSinceOpened(path) else { continue }
                if unlink(path) == 0 { removed += 1 }
            }
            return removed
        }
    }

    /// Whether the file at `path` was modified after this cache was opened.
    func writtenSinceOpened(_ path: String) -> Bool {
        (Platform.status(path)?.mtime ?? 0) >= opened.timeIntervalSince1970
    }

    /// Whether the cache folder entry `name` is one of ours that no build can use again.
    static func isStale(_ name: String, referenced: Set<String>, featureVersion: Int, modified: Double = 0) -> Bool {
        if name.hasPrefix("."), name.hasSuffix(".tmp") { return isStaleTemporary(name, modified: modified) }
        guard name.hasSuffix(".bin") || name.hasSuffix(".skip") else { return false }
        let parts = name.dropLast(name.hasSuffix(".bin") ? 4 : 5).split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[1].first == "f", let version = Int(parts[1].dropFirst()),
              parts[2].utf8.count == 12, parts[2].utf8.allSatisfy(ContentHash.isHexDigit) else { return false }
        if parts[0].utf8.count == 16 && parts[0].utf8.allSatisfy(ContentHash.isHexDigit) { return true } // 64-bit-hash format
        guard ContentHash.isHex(String(parts[0])) else { return false }
        return version < featureVersion || !referenced.contains(String(parts[0]))
    }

    /// Whether `plots/NAME` is a cached plot (`<hash>-f<version>-<key>-<title key>-<kind>.png`) no
    /// build can use again, or one of our temporary files there.
    static func isStalePlot(_ name: String, referenced: Set<String>, featureVersion: Int, modified: Double = 0) -> Bool {
        if name.hasPrefix("."), name.hasSuffix(".tmp") { return isStaleTemporary(name, modified: modified) }
        guard name.hasSuffix(".png") else { return false }
        let parts = name.dropLast(4).split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 5, PlotCache.kinds.contains(String(parts[4])), parts[3].utf8.count == 16 else { return false }
        return isStale("\(parts[0])-\(parts[1])-\(parts[2]).bin", referenced: referenced, featureVersion: featureVersion)
    }

    /// Whether `.NAME.HOST.PID.RANDOM.tmp` (``AtomicFile``) was left by a writer that is gone: one of
    /// this machine whose PID no longer runs, or, for another machine's (a shard elsewhere on a
    /// shared file system, or a container with its own PIDs), one untouched for a day. The older
    /// `.NAME.PID.RANDOM.tmp` is judged as this machine's.
    static func isStaleTemporary(_ name: String, modified: Double, now: Double = Date().timeIntervalSince1970) -> Bool {
        let parts = name.dropFirst().split(separator: ".")
        guard parts.count >= 4, let pid = Int32(parts[parts.count - 3]) else { return false }
        let host = parts[parts.count - 4]
        let tagged = host.utf8.count == 8 && host.utf8.allSatisfy(ContentHash.isHexDigit)
        if tagged && host != Platform.hostTag { return now - modified > 86_400 }
        return pid != getpid() && kill(pid, 0) != 0 && errno == ESRCH
    }
}
