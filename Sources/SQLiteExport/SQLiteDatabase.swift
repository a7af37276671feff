import CSQLite
import Foundation

/// The little of SQLite the export needs, over the C library: open a file, run statements, and
/// insert rows through one prepared statement each. Every failure is a ``SQLiteError`` naming the
/// database and SQLite's own message.
final class SQLiteDatabase {
    let path: String
    private var handle: OpaquePointer?

    init(creating path: String) throws {
        self.path = path
        guard sqlite3_open_v2(path, &handle, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nil) == SQLITE_OK else {
            let message = handle.map { String(cString: sqlite3_errmsg($0)) } ?? "cannot open"
            sqlite3_close(handle)
            throw SQLiteError(path: path, message: message)
        }
    }

    init(readingAt path: String) throws {
        self.path = path
        guard sqlite3_open_v2(path, &handle, SQLITE_OPEN_READONLY, nil) == SQLITE_OK else {
            let message = handle.map { String(cString: sqlite3_errmsg($0)) } ?? "cannot open"
            sqlite3_close(handle)
            throw SQLiteError(path: path, message: message)
        }
    }

    deinit { sqlite3_close(handle) }

    /// Runs one or more statements that return no rows.
    func execute(_ sql: String) throws {
        guard sqlite3_exec(handle, sql, nil, nil, nil) == SQLITE_OK else { throw error() }
    }

    /// A value bound to a statement's parameter.
    enum Value {
        case text(String?)
        case integer(Int)
        case real(Double)
    }

    /// Runs the prepared `sql` once for each row of `rows`, binding its values in order.
    func insert<Rows: Sequence>(_ sql: String, _ rows: Rows) throws where Rows.Element == [Value] {
        var statement: OpaquePointer?
        guard sqlite3_prepare_v2(handle, sql, -1, &statement, nil) == SQLITE_OK else { throw error() }
        defer { sqlite3_finalize(statement) }
        for row in rows {
            sqlite3_reset(statement)
            for (i, value) in row.enumerated() {
                let index = Int32(i + 1)
                switch value {
                case .text(let s?): sqlite3_bind_text(statement, index, s, -1, Self.transient)
                case .text(nil): sqlite3_bind_null(statement, index)
                case .integer(let n): sqlite3_bind_int64(statement, index, Int64(n))
                case .real(let x): if x.isFinite { sqlite3_bind_double(statement, index, x) } else { sqlite3_bind_null(statement, index) }
                }
            }
            guard sqlite3_step(statement) == SQLITE_DONE else { throw error() }
        }
    }

    /// The rows of a query, each column as text (NULL as nil).
    func rows(_ sql: String) throws -> [[String?]] {
        var statement: OpaquePointer?
        guard sqlite3_prepare_v2(handle, sql, -1, &statement, nil) == SQLITE_OK else { throw error() }
        defer { sqlite3_finalize(statement) }
        var out: [[String?]] = []
        while true {
            let rc = sqlite3_step(statement)
            if rc == SQLITE_DONE { return out }
            guard rc == SQLITE_ROW else { throw error() }
            out.append((0..<sqlite3_column_count(statement)).map { c in
                sqlite3_column_text(statement, c).map { String(cString: $0) }
            })
        }
    }

    private func error() -> SQLiteError {
        SQLiteError(path: path, message: String(cString: sqlite3_errmsg(handle)))
    }

    /// SQLITE_TRANSIENT: SQLite copies the bound text before the call returns.
    private static let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)
}

/// A failure of SQLite, as one line.
public struct SQLiteError: Error, CustomStringConvertible, Sendable {
    public let path: String
    public let message: String
    public var description: String { "\(path): SQLite: \(message)" }
}
