// `narvarod --replay FILE --batch N` (issue 17): N swipes per transaction write exactly what one
// transaction per swipe writes, a second replay records nothing new, and a batch the database
// cannot take waits in the spool like any backlog.
@testable import NarvaroCore
@testable import NarvaroDesk
@testable import NarvaroDaemon
@testable import NarvaroCLI
@testable import NarvaroCommands
@testable import NarvarodCommands
@testable import NarvaroBench
import Foundation
import Testing

@Suite(.serialized) struct DaemonBatchReplayTests {
    static var recording: String { fixturesDirectory.appendingPathComponent("demo/entre-week.evemu").path }
    static let start = "2026-11-16T00:00:00+01:00"

    static func replay(_ ws: CLIWorkspace, _ extra: [String] = []) throws -> ProcessResult {
        try ws.narvarod(["--replay", recording, "--reader", "entre", "--start", start] + extra)
    }

    /// Everything the swipe path writes, without the keyed hashes (each workspace has its own card key).
    static func written(_ ws: CLIWorkspace) throws -> [String] {
        let store = try Store(path: ws.database, create: false, cardKey: { CardHasher(key: TestDatabase.key) })
        return try [
            "SELECT id, time_us, reader_id, venue_id, activity_id, card_id, visitor_id, local_day, outcome, attribution FROM checkins ORDER BY id",
            "SELECT id, visitor_id, activity_id, revoked_at, created_at FROM cards ORDER BY id",
            "SELECT id, enrolled, created_at FROM visitors ORDER BY id",
            "SELECT * FROM visits ORDER BY 1, 2, 3, 4",
            "SELECT * FROM first_visits ORDER BY 1, 2",
            "SELECT * FROM day_totals ORDER BY 1, 2, 3, 4, 5, 6",
            "SELECT venue_id, kind, key FROM central_outbox ORDER BY 1, 2, 3",
        ].flatMap { sql in try store.db.query(sql).map { row in "\(row)" } }
    }

    @Test func aBatchedReplayWritesWhatAReplayOneSwipeAtATimeWrites() throws {
        let single = try CLIWorkspace()
        try single.setUp()
        let one = try Self.replay(single)
        #expect(one.status == 0, "\(one.stderr.suffix(400))")
        let batched = try CLIWorkspace()
        try batched.setUp()
        // 37 swipes in batches of 4: nine full batches and a last one of one swipe.
        let many = try Self.replay(batched, ["--batch", "4"])
        #expect(many.status == 0, "\(many.stderr.suffix(400))")
        #expect(many.stdout.contains("37 swipes recorded"), "\(many.stdout)")
        #expect(many.stdout == one.stdout)
        let rows = try Self.written(batched)
        #expect(rows.count > 37 * 2)
        #expect(rows == (try Self.written(single)))
        let verify = try batched.narvaro("stats", "verify")
        #expect(verify.status == 0, "\(verify.stdout) \(verify.stderr)")
    }

    @Test func aBatchedReplayOfTheSameFileTwiceRecordsNothingNew() throws {
        let ws = try CLIWorkspace()
        try ws.setUp()
        #expect(try Self.replay(ws, ["--batch", "10"]).status == 0)
        let before = try Self.written(ws)
        let again = try Self.replay(ws, ["--batch", "10"])
        #expect(again.status == 0, "\(again.stderr.suffix(400))")
        #expect(again.stdout.contains("0 swipes recorded") && again.stdout.contains("37 already recorded"), "\(again.stdout)")
        #expect(try Self.written(ws) == before)
    }

    @Test func aBatchTheLockedDatabaseCannotTakeWaitsInTheSpool() throws {
        let ws = try CLIWorkspace()
        try ws.setUp()
        let lockerDB = try NarvaroDatabase.open(path: ws.database, create: false)
        let locker = Store(db: lockerDB, cardKey: Store.cardKeyProvider(path: ws.environment["NARVARO_CARD_KEY"] ?? "", db: lockerDB))
        _ = try locker.hasher() // creates the card key, as the daemon's first start would
        try locker.db.execute("BEGIN IMMEDIATE")
        let locked = try Self.replay(ws, ["--batch", "5", "--drain-timeout", "1"])
        #expect(locked.status == 1, "\(locked.stderr.suffix(400))")
        #expect(locked.stderr.contains("37 swipes wait in the spool"), "\(locked.stderr.suffix(400))")
        let spooled = try String(contentsOfFile: SwipeSpool.path(forDatabase: ws.database), encoding: .utf8)
        #expect(spooled.split(separator: "\n").count == 37)
        try locker.db.execute("ROLLBACK")
        #expect(try locker.db.scalar("SELECT count(*) FROM checkins") == 0)
        // The lock is gone: the next run commits the spool first, then finds the file recorded.
        let again = try Self.replay(ws, ["--batch", "5"])
        #expect(again.status == 0, "\(again.stderr.suffix(400))")
        #expect(again.stdout.contains("37 already recorded"), "\(again.stdout)")
        #expect(try locker.db.scalar("SELECT count(*) FROM checkins") == 37)
        #expect(try String(contentsOfFile: SwipeSpool.path(forDatabase: ws.database), encoding: .utf8).isEmpty)
    }

    @Test func batchWithoutReplayIsAUsageError() throws {
        let ws = try CLIWorkspace()
        try ws.setUp()
        let result = try ws.narvarod(["--batch", "5"])
        #expect(result.status == 2)
        #expect(result.stderr.contains("--batch goes with --replay"), "\(result.stderr)")
        #expect(try ws.narvarod(["--replay", Self.recording, "--reader", "entre", "--batch", "0"]).status == 2)
    }

    /// A batch holding a swipe refused for a reason of its own (its reader was removed while it
    /// waited in the spool) is rolled back and committed one by one: only that swipe is rejected.
    @Test func aSwipeRefusedForItsOwnReasonRejectsOnlyItselfNotItsBatch() throws {
        let db = try TestDatabase()
        try db.standardVenue()
        let hasher = try db.store.hasher()
        let time = TestDatabase.time("2026-11-17T15:00:00+01:00")
        let spool = SwipeSpool(path: db.path + ".spool")
        try spool.store([PreparedSwipe(reader: "entre", time: time, cardHash: hasher.hash("1001")),
                         PreparedSwipe(reader: "removed", time: time + 1_000_000, cardHash: hasher.hash("2002")),
                         PreparedSwipe(reader: "entre", time: time + 2_000_000, cardHash: hasher.hash("3003"))])
        let pipeline = try SwipePipeline(recorder: db.recorder, spool: SwipeSpool(path: db.path + ".spool"), policy: .batches(of: 5))
        var summary = ReplaySummary()
        for event in pipeline.flush() { summary.count(event) }
        #expect(summary.recorded == 2 && summary.rejected == 1, "\(summary)")
        #expect(pipeline.backlog == 0)
        #expect(try db.store.db.scalar("SELECT count(*) FROM checkins") == 2)
    }
}
