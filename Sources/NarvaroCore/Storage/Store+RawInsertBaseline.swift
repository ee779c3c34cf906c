// The raw-sqlite3 baseline of `narvaro bench ingest`: copies of check-in rows inserted through a
// separate connection with plain sqlite3 calls, one autocommit transaction per row (or all rows in
// one transaction, the batched baseline), to show what the disk allows at best. Used only by NarvaroBench.
import CSQLite

extension Store {
    /// Inserts copies of the check-in rows `ids` (swipe keys inverted so they stay unique) through
    /// a separate raw sqlite3 connection with the store's pragmas (WAL, synchronous=FULL, foreign
    /// keys, secure_delete); returns how many were inserted and how long the inserts took.
    /// `oneTransaction`: all rows between one BEGIN and COMMIT (timed with the commit).
    package func insertCheckInCopiesRaw(ids: [Int64], oneTransaction: Bool = false) throws -> (count: Int, duration: Duration) {
        var rows: [Row] = []
        for id in ids {
            if let row = try db.queryOne(Self.checkInCopy, id) { rows.append(row) }
        }
        let raw = try SQLiteConnection(path: db.path, create: false)
        try raw.execute(Self.storePragmas)
        // The same page cache as `recordBatch` gives a batch of this size: neither side spills.
        if oneTransaction { try raw.execute("PRAGMA cache_size = -\(CheckInRecorder.batchCacheKiB(rows.count))") }
        var stmt: OpaquePointer?
        let sql = Self.insertCheckInCopy
        guard sqlite3_prepare_v2(raw.handle, sql, -1, &stmt, nil) == SQLITE_OK, let stmt else { throw raw.error(SQLITE_ERROR, sql: sql) }
        defer { sqlite3_finalize(stmt) }
        let started = ContinuousClock.now
        if oneTransaction { try raw.execute("BEGIN IMMEDIATE") }
        for row in rows {
            for i in 0..<7 { bindInteger(stmt, Int32(i + 1), row[i]) }
            sqlite3_bind_text(stmt, 8, row.string(7), -1, narvaro_sqlite_transient())
            sqlite3_bind_text(stmt, 9, row.string(8), -1, narvaro_sqlite_transient())
            let key = row.blob(9).map { ~$0 }
            key.withUnsafeBytes { _ = sqlite3_bind_blob(stmt, 10, $0.baseAddress, Int32($0.count), narvaro_sqlite_transient()) }
            let rc = sqlite3_step(stmt)
            sqlite3_reset(stmt)
            guard rc == SQLITE_DONE else { throw raw.error(rc, sql: sql) }
        }
        if oneTransaction { try raw.execute("COMMIT") }
        return (rows.count, ContinuousClock.now - started)
    }

    private func bindInteger(_ stmt: OpaquePointer, _ index: Int32, _ value: SQLValue) {
        if case .integer(let v) = value { sqlite3_bind_int64(stmt, index, v) } else { sqlite3_bind_null(stmt, index) }
    }

    static let checkInColumns = "time_us, reader_id, venue_id, activity_id, card_id, visitor_id, local_day, outcome, attribution, swipe_key"
    static let checkInCopy = "SELECT \(checkInColumns) FROM checkins WHERE id = ?1"
    static let insertCheckInCopy = "INSERT INTO checkins(\(checkInColumns)) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)"
    static let storePragmas = "PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL; PRAGMA foreign_keys = ON; PRAGMA secure_delete = ON"
}
