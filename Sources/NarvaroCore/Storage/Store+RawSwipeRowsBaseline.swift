// The second raw baseline of a batched import: copies of EVERY row a batch of swipes wrote (new
// visitors and cards, check-ins, visits, first visits, day totals), inserted in one transaction with
// plain sqlite3 calls, the pragmas and page cache of `recordBatch`. Used only by NarvaroBench.
import CSQLite

extension Store {
    /// What the database held before a batch: the batch's rows are the ones past it.
    package struct RowMark: Sendable, Equatable {
        package var checkIn: Int64, visitor: Int64, card: Int64
        /// The last day with a check-in: the batch's swipes must all fall on later days (the
        /// bench's workload does), so its visits, first visits and day totals are those after it.
        package var day: Int
    }

    package func rowMark() throws -> RowMark {
        RowMark(checkIn: try db.scalar("SELECT coalesce(max(id), 0) FROM checkins"),
                visitor: try db.scalar("SELECT coalesce(max(id), 0) FROM visitors"),
                card: try db.scalar("SELECT coalesce(max(id), 0) FROM cards"), day: try lastCheckInDay())
    }

    /// Inserts copies of the rows written after `mark` up to `end` (visitors, cards, check-ins by
    /// id) through a separate raw connection, all in one transaction (timed from BEGIN to COMMIT).
    /// Copies are kept apart from the originals and from `insertCheckInCopiesRaw`'s: visitor codes
    /// get a suffix, card hashes and swipe keys are XORed with 0xA5 (not inverted), visits and day totals
    /// move past `end.day`, first visits to venue id + 1,000,000 (no foreign key).
    /// Returns the rows copied per table, in the order inserted, and the time.
    package func insertRowCopiesRaw(since mark: RowMark, until end: RowMark) throws -> (rows: [(table: String, count: Int)], duration: Duration) {
        let shift = Int64(end.day - mark.day)
        var plan: [(table: String, insert: String, rows: [Row])] = []
        func add(_ table: String, _ columns: String, _ select: String, _ bindings: [SQLValue], scramble: Int? = nil) throws {
            var rows = try db.query(select, bindings: bindings)
            if let scramble {
                for i in rows.indices { rows[i].values[scramble] = .blob(rows[i].blob(scramble).map { $0 ^ 0xA5 }) }
            }
            let marks = (1...columns.split(separator: ",").count).map { "?\($0)" }.joined(separator: ", ")
            plan.append((table, "INSERT INTO \(table)(\(columns)) VALUES (\(marks))", rows))
        }
        try add("visitors", "code, nickname, birth_year, gender, role, enrolled, created_at, cell_key",
                "SELECT code || '~copy', nickname, birth_year, gender, role, enrolled, created_at, cell_key FROM visitors WHERE id > ?1 AND id <= ?2 ORDER BY id",
                [.integer(mark.visitor), .integer(end.visitor)])
        try add("cards", "card_hash, visitor_id, activity_id, revoked_at, created_at",
                "SELECT card_hash, visitor_id, activity_id, revoked_at, created_at FROM cards WHERE id > ?1 AND id <= ?2 ORDER BY id",
                [.integer(mark.card), .integer(end.card)], scramble: 0)
        try add("checkins", Self.checkInColumns,
                "SELECT \(Self.checkInColumns) FROM checkins WHERE id > ?1 AND id <= ?2 ORDER BY id",
                [.integer(mark.checkIn), .integer(end.checkIn)], scramble: 9)
        try add("visits", "venue_id, local_day, activity_id, visitor_id",
                "SELECT venue_id, local_day + ?2, activity_id, visitor_id FROM visits WHERE local_day > ?1 AND local_day <= ?3",
                [.integer(Int64(mark.day)), .integer(shift), .integer(Int64(end.day))])
        try add("first_visits", "visitor_id, venue_id, first_day",
                "SELECT visitor_id, venue_id + 1000000, first_day FROM first_visits WHERE first_day > ?1 AND first_day <= ?2",
                [.integer(Int64(mark.day)), .integer(Int64(end.day))])
        try add("day_totals", "venue_id, local_day, activity_id, role, gender, age_band, visits, new_visitors",
                "SELECT venue_id, local_day + ?2, activity_id, role, gender, age_band, visits, new_visitors FROM day_totals WHERE local_day > ?1 AND local_day <= ?3",
                [.integer(Int64(mark.day)), .integer(shift), .integer(Int64(end.day))])

        let raw = try SQLiteConnection(path: db.path, create: false)
        try raw.execute(Self.storePragmas)
        let checkIns = plan.first { $0.table == "checkins" }?.rows.count ?? 0
        try raw.execute("PRAGMA cache_size = -\(CheckInRecorder.batchCacheKiB(checkIns))")
        var statements: [OpaquePointer] = []
        defer { for stmt in statements { sqlite3_finalize(stmt) } }
        for step in plan {
            var stmt: OpaquePointer?
            guard sqlite3_prepare_v2(raw.handle, step.insert, -1, &stmt, nil) == SQLITE_OK, let stmt else { throw raw.error(SQLITE_ERROR, sql: step.insert) }
            statements.append(stmt)
        }
        let started = ContinuousClock.now
        try raw.execute("BEGIN IMMEDIATE")
        for (step, stmt) in zip(plan, statements) {
            for row in step.rows {
                for (i, value) in row.values.enumerated() { Self.bindRaw(stmt, Int32(i + 1), value) }
                let rc = sqlite3_step(stmt)
                sqlite3_reset(stmt)
                guard rc == SQLITE_DONE else { try? raw.execute("ROLLBACK"); throw raw.error(rc, sql: step.insert) }
            }
        }
        try raw.execute("COMMIT")
        return (plan.map { ($0.table, $0.rows.count) }, ContinuousClock.now - started)
    }

    static func bindRaw(_ stmt: OpaquePointer, _ index: Int32, _ value: SQLValue) {
        switch value {
        case .null: sqlite3_bind_null(stmt, index)
        case .integer(let v): sqlite3_bind_int64(stmt, index, v)
        case .real(let v): sqlite3_bind_double(stmt, index, v)
        case .text(let s): sqlite3_bind_text(stmt, index, s, -1, narvaro_sqlite_transient())
        case .blob(let b): b.withUnsafeBytes { _ = sqlite3_bind_blob(stmt, index, $0.baseAddress, Int32($0.count), narvaro_sqlite_transient()) }
        }
    }
}
