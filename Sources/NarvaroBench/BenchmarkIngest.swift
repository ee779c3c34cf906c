// Ingest measurements: swipes through the daemon's full path (key events → CardDecoder → prepare →
// attribute → commit, synchronous=FULL, one transaction per swipe), the same rows inserted with raw
// SQLite calls and the same pragmas as a floor, and a batched import through `recordBatch`.
import NarvaroCLI
import NarvaroCore
import NarvaroDaemon
import NarvaroCommands
import CSQLite

/// A rate: `count` operations in `seconds`.
public struct RateResult: Codable, Sendable, Equatable {
    public var count: Int
    public var seconds: Double
    public var perSecond: Double { seconds > 0 ? Double(count) / seconds : 0 }

    public init(count: Int, seconds: Double) {
        self.count = count
        self.seconds = seconds
    }
}

public enum BenchmarkIngest {
    /// Feeds the swipes' key events through a `SwipePipeline` (with its spool, as the daemon runs it).
    /// Returns the rate and the ids of the check-ins it wrote.
    public static func pipeline(store: Store, swipes: [BenchmarkSwipe]) throws -> (RateResult, [Int64]) {
        let pipeline = try SwipePipeline(recorder: CheckInRecorder(store: store),
                                         spool: SwipeSpool(path: SwipeSpool.path(forDatabase: store.db.path)))
        var ids: [Int64] = []
        ids.reserveCapacity(swipes.count)
        var failure: String?
        let started = ContinuousClock.now
        for item in swipes {
            for event in item.events {
                for output in pipeline.feed(event, reader: item.swipe.reader) {
                    switch output {
                    case .recorded(let result): ids.append(result.id)
                    case .rejected(_, let reason, _), .failed(_, let reason, _): failure = failure ?? reason
                    case .deferred(_, _, let error): failure = failure ?? error
                    }
                }
            }
        }
        let seconds = BenchmarkGenerator.seconds(ContinuousClock.now - started)
        if let failure { throw StoreError.invalid("benchmark swipe not recorded: \(failure)") }
        return (RateResult(count: ids.count, seconds: seconds), ids)
    }

    /// Inserts copies of the check-in rows `ids` (swipe keys inverted so they stay unique) through
    /// a separate raw sqlite3 connection with the store's pragmas (WAL, synchronous=FULL, foreign
    /// keys, secure_delete), one autocommit transaction per row: what the disk allows at best.
    public static func rawInserts(store: Store, ids: [Int64]) throws -> RateResult {
        let columns = "time_us, reader_id, venue_id, activity_id, card_id, visitor_id, local_day, outcome, attribution, swipe_key"
        var rows: [Row] = []
        for id in ids {
            if let row = try store.db.queryOne("SELECT \(columns) FROM checkins WHERE id = ?1", id) { rows.append(row) }
        }
        let raw = try SQLiteConnection(path: store.db.path, create: false)
        try raw.execute("PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL; PRAGMA foreign_keys = ON; PRAGMA secure_delete = ON")
        var stmt: OpaquePointer?
        let sql = "INSERT INTO checkins(\(columns)) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)"
        guard sqlite3_prepare_v2(raw.handle, sql, -1, &stmt, nil) == SQLITE_OK, let stmt else { throw raw.error(SQLITE_ERROR, sql: sql) }
        defer { sqlite3_finalize(stmt) }
        let started = ContinuousClock.now
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
        return RateResult(count: rows.count, seconds: BenchmarkGenerator.seconds(ContinuousClock.now - started))
    }

    private static func bindInteger(_ stmt: OpaquePointer, _ index: Int32, _ value: SQLValue) {
        if case .integer(let v) = value { sqlite3_bind_int64(stmt, index, v) } else { sqlite3_bind_null(stmt, index) }
    }

    /// Prepares the swipes and commits them with `recordBatch`: one transaction, one fsync.
    public static func batch(store: Store, swipes: [BenchmarkSwipe]) throws -> RateResult {
        let recorder = CheckInRecorder(store: store)
        let started = ContinuousClock.now
        let prepared = try swipes.map { try recorder.prepare($0.swipe) }
        let results = try recorder.recordBatch(prepared)
        return RateResult(count: results.filter(\.isNew).count, seconds: BenchmarkGenerator.seconds(ContinuousClock.now - started))
    }
}
