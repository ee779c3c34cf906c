// SQLite's work per swipe (issue 17, goal 2): no statement of the swipe path builds a temporary
// B-tree, an old database gets the rewritten CHECK constraints, and they still refuse what they refused.
@testable import NarvaroCore
import Foundation
import Testing

@Suite struct SwipePathSQLiteWorkTests {
    /// The opcodes of `sql` as this connection compiles it (its parsed schema, not the file's).
    static func opcodes(_ db: SQLiteConnection, _ sql: String) throws -> [String] {
        try db.query("EXPLAIN " + sql).map { $0.string(1) }
    }

    /// Every statement a new counted swipe runs: an `OpenEphemeral` in one of them was a temporary
    /// B-tree set up and zeroed for every swipe (4 per swipe before, a fifth of its instructions).
    @Test func noStatementOfTheSwipePathBuildsATemporaryBTree() throws {
        let db = try TestDatabase()
        try db.standardVenue()
        for sql in [CheckInRecorder.lookup, CheckInRecorder.insertCheckIn, CheckInRecorder.recordedSwipe, Store.insertVisitUnlessCounted, Store.addDayTotal,
                    "INSERT INTO first_visits(visitor_id, venue_id, first_day) VALUES (?1, ?2, ?3)",
                    "INSERT INTO visitors(code, created_at) VALUES (?1, ?2)",
                    // The statistics' catch-up, per check-in it counts.
                    Store.pendingCheckIns, Store.firstDayAtVenue, Store.readStatisticsThrough, Store.writeStatisticsThrough,
                    DayTotalsFold.addTotals] {
            #expect(try !Self.opcodes(db.store.db, sql).contains("OpenEphemeral"), "\(sql)")
        }
    }

    /// A database at schema 7 gets the equality CHECKs: the migrating connection itself compiles
    /// them (schema_version bumped), the rows are intact, and each CHECK still refuses a wrong value.
    @Test func anOldDatabaseMigratesAndItsChecksStillRefuse() throws {
        let dir = try TemporaryDirectory("equality-checks")
        let old = try SQLiteConnection(path: dir.url.appendingPathComponent("old.db").path)
        for version in 0..<7 { try old.execute(Schema.migrations[version]) }
        try old.execute("PRAGMA user_version = 7")
        try old.execute("INSERT INTO visitors(code, gender, role, created_at) VALUES ('V1', 'woman', 'staff', 0)")
        try old.execute("""
            INSERT INTO checkins(time_us, reader_id, venue_id, card_id, visitor_id, local_day, outcome, attribution, swipe_key)
            VALUES (1, 1, 1, 1, 1, 0, 'counted', 'schedule', x'01')
            """)
        try old.execute("INSERT INTO central_outbox(venue_id, kind, key, seq) VALUES (1, 'day', '0', 1)")
        #expect(try Self.opcodes(old, CheckInRecorder.insertCheckIn).contains("OpenEphemeral"), "schema 7 used an IN list")

        try NarvaroDatabase.migrate(old)
        #expect(try old.scalar("PRAGMA user_version") == Int64(Schema.currentVersion))
        #expect(try old.scalar("SELECT count(*) FROM sqlite_schema WHERE sql LIKE '%CHECK (% IN (%'") == 0)
        #expect(try !Self.opcodes(old, CheckInRecorder.insertCheckIn).contains("OpenEphemeral"))
        #expect(try !Self.opcodes(old, Store.addDayTotal).contains("OpenEphemeral"), "the outbox trigger's note")
        #expect(try old.scalar("SELECT count(*) FROM checkins WHERE outcome = 'counted'") == 1)
        #expect(try old.queryOne("PRAGMA integrity_check")?.string(0) == "ok")

        for bad in ["UPDATE checkins SET outcome = 'bogus'", "UPDATE visitors SET gender = 'bogus'", "UPDATE visitors SET role = 'bogus'",
                    "UPDATE central_outbox SET kind = 'bogus'"] {
            let error = #expect(throws: StoreError.self, "\(bad)") { try old.execute(bad) }
            #expect("\(error.map { String(describing: $0) } ?? "")".contains("CHECK"), "\(bad)")
        }
        for good in ["UPDATE checkins SET outcome = 'activity'", "UPDATE visitors SET gender = 'unstated', role = 'volunteer'",
                     "UPDATE central_outbox SET kind = 'venue'"] {
            try old.execute(good)
        }
    }

    /// A swipe committed late (a spool drained after a later swipe) is a duplicate of the swipe
    /// after it within the cooldown, and of the one before it: both neighbours are looked at.
    @Test func aLateSwipeSeesItsNeighboursOnBothSides() throws {
        let db = try TestDatabase()
        try db.standardVenue()
        try db.swipe("1001", at: "2026-11-17T15:00:20+01:00")
        #expect(try db.swipe("1001", at: "2026-11-17T15:00:15+01:00").outcome == .duplicate)
        try db.swipe("1002", at: "2026-11-17T15:00:00+01:00")
        #expect(try db.swipe("1002", at: "2026-11-17T15:00:08+01:00").outcome == .duplicate)
        #expect(try db.swipe("1002", at: "2026-11-17T15:00:30+01:00").outcome != .duplicate)
    }

    /// A batch grows the page cache for its transaction and gives it back after, also when it fails.
    @Test func aBatchLeavesThePageCacheAsItFoundIt() throws {
        let db = try TestDatabase()
        try db.standardVenue()
        let before = try db.store.db.scalar("PRAGMA cache_size")
        let swipes = try (0..<3).map { try db.recorder.prepare(Swipe(reader: "entre", card: "20\($0)", time: TestDatabase.time("2026-11-17T15:0\($0):00+01:00"))) }
        #expect(try db.recorder.recordBatch(swipes).count == 3)
        #expect(try db.store.db.scalar("PRAGMA cache_size") == before)
        var late = swipes[0]
        late.reader = "nowhere"
        _ = #expect(throws: StoreError.self) { try db.recorder.recordBatch([swipes[1], late]) }
        #expect(try db.store.db.scalar("PRAGMA cache_size") == before)
    }

    /// A batch writes each day total once, at its end, and still what one swipe at a time writes:
    /// also when a late swipe (before the visitor's first day) recomputes days in the middle of it.
    @Test func aBatchWritesEachDayTotalOnceAndWhatOneByOneWrites() throws {
        let swipes: [(String, String)] = [
            ("1001", "2026-11-18T15:00:00+01:00"), ("1002", "2026-11-18T15:01:00+01:00"), ("1003", "2026-11-18T15:02:00+01:00"),
            ("1001", "2026-11-17T15:00:00+01:00"),  // late: before 1001's first day, recomputes both days
            ("1002", "2026-11-19T15:00:00+01:00"), ("1003", "2026-11-19T15:01:00+01:00"), ("9999", "2026-11-19T15:02:00+01:00"),
        ]
        func setUp() throws -> TestDatabase {
            let db = try TestDatabase()
            try db.standardVenue()
            for card in ["1001", "1002", "1003"] {
                _ = try db.store.addVisitor(VisitorDetails(birthYear: 2009, gender: .woman), card: card, format: .raw,
                                            now: TestDatabase.time("2026-11-01T12:00:00+01:00"), currentYear: 2026)
            }
            return db
        }
        func written(_ db: TestDatabase) throws -> [String] {
            try ["SELECT * FROM day_totals ORDER BY 1, 2, 3, 4, 5, 6", "SELECT * FROM visits ORDER BY 1, 2, 3, 4",
                 "SELECT * FROM first_visits ORDER BY 1, 2", "SELECT venue_id, kind, key FROM central_outbox ORDER BY 1, 2, 3"]
                .flatMap { try db.store.db.query($0).map { "\($0)" } }
        }
        let single = try setUp()
        for (card, time) in swipes { try single.swipe(card, at: time) }
        let batched = try setUp()
        try batched.store.db.execute("""
            CREATE TEMP TABLE day_total_writes(n INTEGER);
            CREATE TEMP TRIGGER count_insert AFTER INSERT ON main.day_totals BEGIN INSERT INTO day_total_writes VALUES (1); END;
            CREATE TEMP TRIGGER count_update AFTER UPDATE ON main.day_totals BEGIN INSERT INTO day_total_writes VALUES (1); END;
            """)
        let prepared = try swipes.map { try batched.recorder.prepare(Swipe(reader: "entre", card: $0.0, time: TestDatabase.time($0.1))) }
        _ = try batched.recorder.recordBatch(prepared)
        #expect(try written(batched) == written(single))
        #expect(try batched.store.verifyStatistics() == [])
        // 11-18's three visits: one insert, flushed before the late swipe's recomputation (which
        // inserts 11-17's and 11-18's rows again: two); 11-19: one row for the two enrolled
        // visitors, one for the unknown card's placeholder. One swipe at a time: 3 + 2 + 3.
        let writes = try batched.store.db.scalar("SELECT count(*) FROM day_total_writes")
        #expect(writes == 5)
    }
}
