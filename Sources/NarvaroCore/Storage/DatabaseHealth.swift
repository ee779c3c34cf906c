// Two checks before trusting a database: is it intact (PRAGMA quick_check, run when the daemon
// starts and before report/export) and can this process write it (the serving daemon refuses to
// start otherwise, rather than collect swipes it can never commit).
import CSQLite
import Glibc

extension SQLiteConnection {
    /// `PRAGMA quick_check`: the problems it finds (at most `limit`), empty when the file is intact.
    /// A file too damaged to be checked at all reports the error as its problem. With a `budget`,
    /// the check stops after that many milliseconds and what it saw so far is the answer (SQLite's
    /// progress handler interrupts it): the cost of a check before a report stays bounded.
    public func quickCheckProblems(limit: Int = 5, budgetMilliseconds: Int? = nil) -> [String] {
        quickCheck(limit: limit, budgetMilliseconds: budgetMilliseconds).problems
    }

    /// `quickCheckProblems`, and whether the check ran to its end (false: the budget stopped it).
    public func quickCheck(limit: Int = 5, budgetMilliseconds: Int? = nil) -> (problems: [String], complete: Bool) {
        var deadline = budgetMilliseconds.map { Self.monotonicMilliseconds() + Int64($0) } ?? Int64.max
        if budgetMilliseconds != nil {
            // Every 10,000 virtual-machine steps: cheap, and at most a few ms late.
            sqlite3_progress_handler(handle, 10_000, { context in
                guard let context else { return 0 }
                return SQLiteConnection.monotonicMilliseconds() > context.load(as: Int64.self) ? 1 : 0
            }, &deadline)
        }
        defer { if budgetMilliseconds != nil { sqlite3_progress_handler(handle, 0, nil, nil) } }
        do {
            let rows = try query("PRAGMA quick_check(\(max(1, limit)))").map { $0.string(0) }
            return (rows == ["ok"] ? [] : rows, true)
        } catch .database(let failure) where failure.isInterrupted && budgetMilliseconds != nil {
            return ([], false)  // out of time, nothing found so far
        } catch .database(let failure) {
            return (["\(failure.message) (code \(failure.code))"], true)
        } catch {
            return (["\(error)"], true)
        }
    }

    /// Throws `StoreError.damaged` when quick_check finds a problem (within the budget, if any).
    public func requireIntact(budgetMilliseconds: Int? = nil) throws {
        if let problem = quickCheckProblems(limit: 1, budgetMilliseconds: budgetMilliseconds).first {
            throw StoreError.damaged(path: path, problem: problem)
        }
    }

    private static let clockOrigin = ContinuousClock.now

    /// Milliseconds on the monotonic clock (from an arbitrary origin), for deadlines.
    static func monotonicMilliseconds() -> Int64 {
        let elapsed = ContinuousClock.now - clockOrigin
        return elapsed.components.seconds * 1000 + elapsed.components.attoseconds / 1_000_000_000_000_000
    }

    /// Throws `StoreError.notWritable` when this connection cannot write: opened read-only
    /// (file mode, owner, read-only filesystem) or refused a rolled-back write. A busy database is
    /// writable, only not now: that passes.
    public func requireWritable() throws {
        if sqlite3_db_readonly(handle, "main") == 1 {
            throw StoreError.notWritable(path: path, reason: "opened read-only")
        }
        do {
            // Rewriting user_version with its own value dirties a page; the rollback undoes it.
            let version = try scalar("PRAGMA user_version")
            try execute("BEGIN IMMEDIATE")
            defer { try? execute("ROLLBACK") }
            try execute("PRAGMA user_version = \(version)")
        } catch .database(let failure) where !failure.isBusy {
            throw StoreError.notWritable(path: path, reason: failure.message)
        } catch {
            return
        }
    }

    /// `narvaro doctor`: the first line `PRAGMA integrity_check` reports ("ok" when intact).
    public func integrityCheckResult() throws(StoreError) -> String {
        try queryOne(Self.integrityCheck)?.string(0) ?? "?"
    }
    static let integrityCheck = "PRAGMA integrity_check"

    /// The journal mode the database runs in ("wal" when healthy).
    public func journalMode() throws(StoreError) -> String {
        try queryOne(Self.journalModeQuery)?.string(0) ?? "?"
    }
    static let journalModeQuery = "PRAGMA journal_mode"

    /// The schema version stored in the file (`PRAGMA user_version`).
    public func schemaVersion() throws(StoreError) -> Int64 {
        try scalar(Self.schemaVersionQuery)
    }
    static let schemaVersionQuery = "PRAGMA user_version"
}
