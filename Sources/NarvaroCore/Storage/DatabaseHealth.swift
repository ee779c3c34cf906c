// Two checks before trusting a database: is it intact (PRAGMA quick_check, run when the daemon
// starts and before report/export) and can this process write it (the serving daemon refuses to
// start otherwise, rather than collect swipes it can never commit).
import CSQLite

public enum DatabaseHealthError: Error, CustomStringConvertible, Equatable {
    case damaged(path: String, problem: String)
    case notWritable(path: String, reason: String)

    public var description: String {
        switch self {
        case .damaged(let path, let problem):
            return "database \(path) is damaged (\(problem)): nothing was read or written; run `narvaro doctor` for how to recover it"
        case .notWritable(let path, let reason):
            return "database \(path) cannot be written (\(reason)): give the daemon's user write access to it and its directory, or remount the filesystem read-write"
        }
    }
}

extension SQLiteConnection {
    /// `PRAGMA quick_check`: the problems it finds (at most `limit`), empty when the file is intact.
    /// A file too damaged to be checked at all reports the error as its problem.
    public func quickCheckProblems(limit: Int = 5) -> [String] {
        do {
            let rows = try query("PRAGMA quick_check(\(max(1, limit)))").map { $0.string(0) }
            return rows == ["ok"] ? [] : rows
        } catch {
            return ["\(error.message) (code \(error.code))"]
        }
    }

    /// Throws `DatabaseHealthError.damaged` when quick_check finds a problem.
    public func requireIntact() throws {
        if let problem = quickCheckProblems(limit: 1).first { throw DatabaseHealthError.damaged(path: path, problem: problem) }
    }

    /// Throws `DatabaseHealthError.notWritable` when this connection cannot write: opened read-only
    /// (file mode, owner, read-only filesystem) or refused a rolled-back write. A busy database is
    /// writable, only not now: that passes.
    public func requireWritable() throws {
        if sqlite3_db_readonly(handle, "main") == 1 {
            throw DatabaseHealthError.notWritable(path: path, reason: "opened read-only")
        }
        do {
            // Rewriting user_version with its own value dirties a page; the rollback undoes it.
            let version = try scalar("PRAGMA user_version")
            try execute("BEGIN IMMEDIATE")
            defer { try? execute("ROLLBACK") }
            try execute("PRAGMA user_version = \(version)")
        } catch where !error.isBusy {
            throw DatabaseHealthError.notWritable(path: path, reason: error.message)
        } catch {
            return
        }
    }

    /// `narvaro doctor`: the first line `PRAGMA integrity_check` reports ("ok" when intact).
    public func integrityCheckResult() throws(DatabaseError) -> String {
        try queryOne(Self.integrityCheck)?.string(0) ?? "?"
    }
    static let integrityCheck = "PRAGMA integrity_check"

    /// The journal mode the database runs in ("wal" when healthy).
    public func journalMode() throws(DatabaseError) -> String {
        try queryOne(Self.journalModeQuery)?.string(0) ?? "?"
    }
    static let journalModeQuery = "PRAGMA journal_mode"

    /// The schema version stored in the file (`PRAGMA user_version`).
    public func schemaVersion() throws(DatabaseError) -> Int64 {
        try scalar(Self.schemaVersionQuery)
    }
    static let schemaVersionQuery = "PRAGMA user_version"
}
