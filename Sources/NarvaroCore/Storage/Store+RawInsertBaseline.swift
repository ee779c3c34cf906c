// The raw-sqlite3 baseline of `narvaro-bench measure`: copies of check-in rows inserted through a
// separate connection with plain sqlite3 calls, one autocommit transaction per row (or all rows in
// one transaction, the batched baseline), to show what the disk allows at best. Used only by NarvaroBench.
import CSQLite

extension Store {
    /// A raw connection for copies of check-in rows (`RawCheckInCopier`).
    package func rawCheckInCopier() throws -> RawCheckInCopier { try RawCheckInCopier(store: self) }
}

/// A separate raw sqlite3 connection to the store's database with the store's pragmas, inserting
/// copies of check-in rows: the baseline every ingest measurement divides by. One copier inserts
/// several sets of copies, so the later ones run on a warm connection, as the swipe path does.
package final class RawCheckInCopier {
    let store: Store
    let raw: SQLiteConnection
    private let insert: OpaquePointer

    init(store: Store) throws {
        self.store = store
        raw = try SQLiteConnection(path: store.db.path, create: false)
        try raw.execute(Store.storePragmas)
        insert = try Self.prepare(Store.insertCheckInCopy, on: raw)
    }

    deinit { sqlite3_finalize(insert) }

    /// `sql` prepared on the raw connection; the caller finalizes it.
    func rawStatement(_ sql: String) throws -> OpaquePointer { try Self.prepare(sql, on: raw) }

    private static func prepare(_ sql: String, on raw: SQLiteConnection) throws -> OpaquePointer {
        var stmt: OpaquePointer?
        guard sqlite3_prepare_v2(raw.handle, sql, -1, &stmt, nil) == SQLITE_OK, let stmt else { throw raw.error(SQLITE_ERROR, sql: sql) }
        return stmt
    }

    /// Binds `values` to `stmt`, runs it to its end and resets it.
    func step(_ stmt: OpaquePointer, _ values: [SQLValue]) throws {
        for (i, value) in values.enumerated() { Store.bindRaw(stmt, Int32(i + 1), value) }
        let rc = sqlite3_step(stmt)
        sqlite3_reset(stmt)
        guard rc == SQLITE_DONE else { throw raw.error(rc, sql: String(cString: sqlite3_sql(stmt))) }
    }

    /// Inserts copies of the check-in rows `ids` (swipe keys inverted so they stay unique), one
    /// autocommit transaction per row; returns how many were inserted, how long the inserts took
    /// and the process CPU they used.
    /// `oneTransaction`: all rows between one BEGIN and COMMIT (timed with the commit).
    package func insertCopies(ids: [Int64], oneTransaction: Bool = false) throws -> (count: Int, duration: Duration, cpuSeconds: Double) {
        var rows: [Row] = []
        for id in ids {
            if let row = try store.db.queryOne(Store.checkInCopy, id) { rows.append(row) }
        }
        // The same page cache as `recordBatch` gives a batch of this size: neither side spills.
        try raw.execute("PRAGMA cache_size = \(oneTransaction ? -CheckInRecorder.batchCacheKiB(rows.count) : -2000)")
        let cpu = ProcessCPUClock.seconds()
        let started = ContinuousClock.now
        if oneTransaction { try raw.execute("BEGIN IMMEDIATE") }
        for row in rows {
            for i in 0..<7 { bindInteger(Int32(i + 1), row[i]) }
            sqlite3_bind_text(insert, 8, row.string(7), -1, narvaro_sqlite_transient())
            sqlite3_bind_text(insert, 9, row.string(8), -1, narvaro_sqlite_transient())
            let key = row.blob(9).map { ~$0 }
            key.withUnsafeBytes { _ = sqlite3_bind_blob(insert, 10, $0.baseAddress, Int32($0.count), narvaro_sqlite_transient()) }
            let rc = sqlite3_step(insert)
            sqlite3_reset(insert)
            guard rc == SQLITE_DONE else { throw raw.error(rc, sql: Store.insertCheckInCopy) }
        }
        if oneTransaction { try raw.execute("COMMIT") }
        let duration = ContinuousClock.now - started
        return (rows.count, duration, ProcessCPUClock.seconds() - cpu)
    }

    private func bindInteger(_ index: Int32, _ value: SQLValue) {
        if case .integer(let v) = value { sqlite3_bind_int64(insert, index, v) } else { sqlite3_bind_null(insert, index) }
    }
}

extension Store {
    static let checkInColumns = "time_us, reader_id, venue_id, activity_id, card_id, visitor_id, local_day, outcome, attribution, swipe_key"
    static let checkInCopy = "SELECT \(checkInColumns) FROM checkins WHERE id = ?1"
    static let insertCheckInCopy = "INSERT INTO checkins(\(checkInColumns)) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)"
    /// What `NarvaroDatabase.open` sets, the WAL's size and checkpoint interval included: a raw side
    /// that checkpointed every 1,000 pages (SQLite's default) would reuse its WAL sooner than the store.
    static let storePragmas = "PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL; PRAGMA foreign_keys = ON; PRAGMA secure_delete = ON; "
        + "PRAGMA journal_size_limit = \(NarvaroDatabase.walSizeLimit); PRAGMA wal_autocheckpoint = \(NarvaroDatabase.walCheckpointPages)"
}
