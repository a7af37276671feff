import Catalog
import Foundation

/// Renders build events: a live bar on a terminal, a plain line every few seconds otherwise,
/// nothing with `--quiet`. Skipped files are always reported on standard error.
final class ProgressDisplay: @unchecked Sendable {
    private let lock = NSLock()
    private let quiet: Bool
    private let isTerminal = isatty(STDERR_FILENO) == 1
    private var phaseStart = Date()
    private var currentPhase = ""
    private var lastPrint = Date.distantPast
    private var barShown = false

    init(quiet: Bool) { self.quiet = quiet }

    func handle(_ event: BuildEvent) {
        lock.lock(); defer { lock.unlock() }
        switch event {
        case .scanned(let files):
            if !quiet { line("scanned: \(files) audio file(s)") }
        case .skipped(let file, let reason):
            line("skipped: \(terminalSafe(file)): \(terminalSafe(reason))")
        case .warning(let text):
            line("warning: \(terminalSafe(text))")
        case .stage(let stage):
            if !quiet, let text = stage.progressText { line("\(text)…") }
        case .hashed(let done, let total):
            progress("hashing", done: done, total: total)
        case .extracted(let done, let total, _):
            progress("extracting", done: done, total: total)
        }
    }

    /// One phase's progress: rate and ETA count from the phase's first event.
    private func progress(_ phase: String, done: Int, total: Int) {
        guard !quiet else { return }
        let now = Date()
        if phase != currentPhase {
            if barShown { FileHandle.standardError.write(Data("\n".utf8)); barShown = false }
            currentPhase = phase
            phaseStart = now
            lastPrint = .distantPast
        }
        let elapsed = now.timeIntervalSince(phaseStart)
        let rate = elapsed > 0.05 || done == total ? Double(done) / max(elapsed, 0.001) : 0
        let eta = rate > 0 ? Double(total - done) / rate : 0
        let status = String(format: "%d/%d files  %.1f files/s  ETA %@", done, total, rate, Self.clock(eta))
        if isTerminal {
            guard done == total || now.timeIntervalSince(lastPrint) > 0.1 else { return }
            let width = 30
            let filled = total > 0 ? width * done / total : width
            let bar = String(repeating: "█", count: filled) + String(repeating: "·", count: width - filled)
            FileHandle.standardError.write(Data("\r\u{1B}[2K\(phase) [\(bar)] \(status)".utf8))
            barShown = done < total
            if done == total { FileHandle.standardError.write(Data("\n".utf8)) }
        } else if done == total || now.timeIntervalSince(lastPrint) > 5 {
            FileHandle.standardError.write(Data("\(phase): \(status)\n".utf8))
        } else { return }
        lastPrint = now
    }

    private func line(_ text: String) {
        if barShown { FileHandle.standardError.write(Data("\r\u{1B}[2K".utf8)); barShown = false }
        FileHandle.standardError.write(Data((text + "\n").utf8))
    }

    static func clock(_ seconds: Double) -> String {
        let s = Int(seconds.rounded())
        return String(format: "%d:%02d", s / 60, s % 60)
    }
}
