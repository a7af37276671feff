import Foundation

/// One part of a dataset for sharded extraction: shard `index` of `count` (0-based, as Slurm's
/// `--array=0-N` and Kubernetes' `JOB_COMPLETION_INDEX` count).
///
/// A file belongs to shard `h mod count`, where `h` is the first 8 bytes (big-endian) of the
/// SHA-256 of its path relative to the dataset root, as UTF-8. The split therefore depends only on
/// the relative path and the shard count: not on the machine, the mount point, the file system's
/// order or which shard counts were used before. Every file is in exactly one shard; files with the
/// same bytes under different names may fall in different shards (each analyses it once; the
/// cache keeps one entry).
public struct Shard: Equatable, Sendable, CustomStringConvertible {
    public let index: Int
    public let count: Int

    /// - Throws: ``CatalogError`` (`.options`) unless `0 ≤ index < count` and `count ≥ 1`.
    public init(index: Int, count: Int) throws {
        guard count >= 1, count <= 1_000_000, index >= 0, index < count else {
            throw CatalogError.invalidOptions("shard \(index)/\(count): the index must be 0 to count − 1 (count 1 to 1,000,000)")
        }
        self.index = index
        self.count = count
    }

    /// `I/N`, as `--shard` takes it.
    public var description: String { "\(index)/\(count)" }

    /// Parses `I/N`.
    public init(parsing text: String) throws {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, let i = Int(parts[0]), let n = Int(parts[1]) else {
            throw CatalogError.invalidOptions("--shard \(text): expected I/N, e.g. 0/4 for the first of four shards")
        }
        try self.init(index: i, count: n)
    }

    /// Whether the file at `relativePath` (relative to the dataset root) is in this shard.
    public func contains(_ relativePath: String) -> Bool {
        Self.slot(of: relativePath, count: count) == index
    }

    /// The shard, of `count`, that `relativePath` belongs to.
    public static func slot(of relativePath: String, count: Int) -> Int {
        let digest = ContentHash.digest(Array(relativePath.utf8))
        let h = digest.prefix(8).reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
        return Int(h % UInt64(count))
    }

    /// The shard a batch engine assigns through the environment, or nil when none does.
    ///
    /// - Slurm job arrays: `SLURM_ARRAY_TASK_ID`, counted from `SLURM_ARRAY_TASK_MIN`, with
    ///   `SLURM_ARRAY_TASK_COUNT` tasks (or `MAX − MIN + 1`); the array must be contiguous
    ///   (`--array=0-7` or `1-8`, not `0-14:2`). With `count` given (`--shard-count`, as
    ///   `deploy/slurm` passes it), the task id itself is the index, so an array of some tasks
    ///   (`--array=2,5`, a retry) runs those shards.
    /// - Kubernetes Indexed Jobs: `JOB_COMPLETION_INDEX`, with the count from `count` (the
    ///   `--shard-count` option) or `BACKBEAT_SHARD_COUNT` (Kubernetes does not export the Job's
    ///   `completions`).
    ///
    /// - Throws: ``CatalogError`` (`.options`) naming the variable when a value is malformed.
    public static func fromEnvironment(_ env: [String: String], count: Int? = nil) throws -> Shard? {
        func number(_ name: String) throws -> Int? {
            guard let text = env[name], !text.isEmpty else { return nil }
            guard let n = Int(text), abs(n) <= 1_000_000 else { throw CatalogError.invalidOptions("\(name)=\(text) is not a whole number up to 1,000,000") }
            return n
        }
        if let id = try number("SLURM_ARRAY_TASK_ID") {
            // With the count given, the task id is the index: `sbatch --array=2` re-runs shard 2 alone.
            if let count { return try Shard(index: id, count: count) }
            let low = try number("SLURM_ARRAY_TASK_MIN") ?? 0
            let span = try number("SLURM_ARRAY_TASK_MAX").map { $0 - low + 1 }
            if let declared = try number("SLURM_ARRAY_TASK_COUNT"), let span, declared != span {
                throw CatalogError.invalidOptions("the Slurm array is not contiguous (\(declared) tasks from \(low) to \(low + span - 1)); submit it as --array=0-\(declared - 1)")
            }
            guard let n = try number("SLURM_ARRAY_TASK_COUNT") ?? span else {
                throw CatalogError.invalidOptions("SLURM_ARRAY_TASK_ID is set but not the array's size (SLURM_ARRAY_TASK_COUNT); pass --shard-count")
            }
            return try Shard(index: id - low, count: n)
        }
        if let id = try number("JOB_COMPLETION_INDEX") {
            guard let n = try count ?? number("BACKBEAT_SHARD_COUNT") else {
                throw CatalogError.invalidOptions("JOB_COMPLETION_INDEX is set but not the shard count; pass --shard-count or set BACKBEAT_SHARD_COUNT to the Job's completions")
            }
            return try Shard(index: id, count: n)
        }
        return nil
    }
}
