// What `narvaro bench` reads besides the reports: the history's day range, the visitors active
// lately (the ingest workload), the report statements' query plans, the file's size per table, and
// a raw-sqlite3 insert baseline. Used only by NarvaroBench.
import CSQLite

/// The database's size after a checkpoint, per table (indexes counted with their table).
package struct DatabaseSize {
    package var checkIns: Int
    package var bytes: Int
    package var tables: [String: Int]
}

extension Store {
    /// The first and last local day with a visit (0 when there are none).
    package func visitDayRange() throws -> (first: Int, last: Int) {
        (Int(try db.scalar(Self.firstVisitDay)), Int(try db.scalar(Self.lastVisitDay)))
    }
    static let firstVisitDay = "SELECT coalesce(min(local_day), 0) FROM visits"
    static let lastVisitDay = "SELECT coalesce(max(local_day), 0) FROM visits"

    /// The last local day with a check-in (0 when there are none).
    package func lastCheckInDay() throws -> Int {
        Int(try db.scalar(Self.lastCheckInDayQuery))
    }
    // One seek per venue on `checkins_day`: `max(local_day)` over the table read every check-in, and
    // the ingest measurements ask between their runs, when that would empty the page cache they warmed.
    static let lastCheckInDayQuery =
        "SELECT coalesce(max((SELECT max(local_day) FROM checkins WHERE venue_id = venues.id)), 0) FROM venues"

    /// Per venue, the visitors with a visit after `day` and their latest card generation (cards - 1).
    package func activeVisitors(after day: Int) throws -> [Int64: [(visitor: Int64, generation: Int)]] {
        var active: [Int64: [(visitor: Int64, generation: Int)]] = [:]
        for row in try db.query(Self.activeVisitorsQuery, day) {
            active[row.int64(0), default: []].append((row.int64(1), row.int(2)))
        }
        return active
    }
    static let activeVisitorsQuery = """
        SELECT v.venue_id, v.visitor_id, (SELECT count(*) - 1 FROM cards c WHERE c.visitor_id = v.visitor_id)
        FROM visits v WHERE v.local_day > ?1 GROUP BY v.venue_id, v.visitor_id ORDER BY v.venue_id, v.visitor_id
        """

    /// The readers named `…-entre` (the generator's entrances) with their venue ids.
    package func entranceReaders() throws -> [(name: String, venueID: Int64)] {
        try db.query(Self.entranceReadersQuery).map { ($0.string(0), $0.int64(1)) }
    }
    static let entranceReadersQuery = "SELECT name, venue_id FROM readers WHERE name LIKE '%-entre' ORDER BY venue_id"

    /// The largest visitor id (0 when there are none).
    package func maxVisitorID() throws -> Int64 {
        try db.scalar(Self.maxVisitorIDQuery)
    }
    static let maxVisitorIDQuery = "SELECT max(id) FROM visitors"

    /// The plans of the statements prepared on this connection whose SQL passes `matching` (found
    /// with `sqlite3_next_stmt`, so the SQL is exactly what ran, not a copy), sorted by SQL.
    package func preparedQueryPlans(matching: (String) -> Bool) throws -> [(sql: String, steps: [String])] {
        var sqls: [String] = []
        var stmt = sqlite3_next_stmt(db.handle, nil)
        while let current = stmt {
            if let text = sqlite3_sql(current).map({ String(cString: $0) }), matching(text) { sqls.append(text) }
            stmt = sqlite3_next_stmt(db.handle, current)
        }
        return try Set(sqls).sorted().map { sql in
            (sql, try db.query(Self.explainQueryPlan + sql).map { $0.string(3) })
        }
    }
    static let explainQueryPlan = "EXPLAIN QUERY PLAN "

    /// Checkpoints everything and empties the WAL file (TRUNCATE), so the ingest measured next
    /// starts from the state every other one starts from: a WAL that grows as it is written costs
    /// each sync a metadata commit that a reused one does not (docs/benchmarks.md, "Ingest").
    package func emptyWAL() throws {
        _ = try db.queryOne(Self.checkpoint)
    }

    /// Checkpoints everything and keeps the WAL file as it is, so the next transaction writes its
    /// frames over the old ones from the start: the state narvarod runs in once its WAL has reached
    /// `wal_autocheckpoint` pages, where each sync overwrites blocks the file already has.
    /// Throws when a reader kept the checkpoint from finishing (the next writer would append).
    package func restartWAL() throws {
        guard let row = try db.queryOne(Self.restartCheckpoint), row.int(0) == 0, row.int(1) == row.int(2) else {
            throw StoreError.conflict("the WAL of \(db.path) could not be checkpointed whole: another connection is reading it")
        }
    }

    /// The database size after a checkpoint, per table (indexes counted with their table).
    package func databaseSize() throws -> DatabaseSize {
        _ = try db.queryOne(Self.checkpoint)
        let bytes = try db.scalar(Self.pageCount) * db.scalar(Self.pageSize)
        var tables: [String: Int] = [:]
        let owners = Dictionary(try db.query(Self.schemaOwners).map { ($0.string(0), $0.string(1)) }) { a, _ in a }
        // dbstat is an optional SQLite feature: without it the total is still exact.
        if let rows = try? db.query(Self.pagesPerObject) {
            for row in rows { tables[owners[row.string(0)] ?? row.string(0), default: 0] += row.int(1) }
        }
        return DatabaseSize(checkIns: Int(try db.scalar(Self.checkInCount)), bytes: Int(bytes), tables: tables)
    }
    static let checkpoint = "PRAGMA wal_checkpoint(TRUNCATE)"
    static let restartCheckpoint = "PRAGMA wal_checkpoint(RESTART)"
    static let pageCount = "PRAGMA page_count"
    static let pageSize = "PRAGMA page_size"
    static let schemaOwners = "SELECT name, tbl_name FROM sqlite_master"
    static let pagesPerObject = "SELECT name, sum(pgsize) FROM dbstat GROUP BY name"
    static let checkInCount = "SELECT count(*) FROM checkins"

    /// The SQLite library version, for benchmark results.
    package static var sqliteVersion: String { String(cString: sqlite3_libversion()) }
}
