// The benchmark generator writes what the real swipe path would have written: statistics that equal
// a full recomputation, swipe keys the recorder recognises, cards the readers' format maps back.
@testable import NarvaroCore
@testable import NarvaroDesk
@testable import NarvaroDaemon
@testable import NarvaroCLI
@testable import NarvaroCommands
@testable import NarvarodCommands
@testable import NarvaroBench
import Foundation
import Testing

@Suite struct BenchGeneratorTests {
    /// Two venues, a few thousand check-ins: months of history, turnover included.
    static func generated(checkIns: Int = 4000, seed: UInt64 = 7) throws -> (TestDatabase, BenchmarkSummary) {
        let db = try TestDatabase()
        let generator = BenchmarkGenerator(store: db.store, plan: BenchmarkPlan(checkIns: checkIns, venues: 2, seed: seed))
        generator.transactionSize = 1000
        return (db, try generator.run())
    }

    @Test func generatesExactlyTheRequestedCheckInsWithConsistentStatistics() throws {
        let (db, summary) = try Self.generated()
        #expect(summary.checkIns == 4000)
        #expect(try db.store.db.scalar("SELECT count(*) FROM checkins") == 4000)
        #expect(try db.store.verifyStatistics() == [])
        // WAL and synchronous FULL are back for whoever uses the database next.
        #expect(try db.store.db.scalar("PRAGMA synchronous") == 2)
        #expect(try db.store.db.queryOne("PRAGMA journal_mode")?.string(0) == "wal")
        #expect(try db.reopen().db.scalar("SELECT count(*) FROM checkins") == 4000)
    }

    @Test func theHistoryLooksLikeAMeetingPlace() throws {
        let (db, summary) = try Self.generated()
        let sql = db.store.db
        let outcomes = Dictionary(uniqueKeysWithValues: try sql.query("SELECT outcome, count(*) FROM checkins GROUP BY outcome").map { ($0.string(0), $0.int(1)) })
        #expect((outcomes["counted"] ?? 0) > 3000)
        #expect((outcomes["unknown"] ?? 0) > 0 && (outcomes["duplicate"] ?? 0) > 0)
        let sources = Set(try sql.query("SELECT DISTINCT attribution FROM checkins").map { $0.string(0) })
        #expect(sources == ["schedule", "fixed", "drop-in"])
        // Fewer visits than check-ins (duplicates, second swipes), and regulars coming back week after week.
        let visits = try sql.scalar("SELECT count(*) FROM visits")
        #expect(visits < 4000 && visits > 3000)
        let returning = try sql.scalar("SELECT count(*) FROM (SELECT visitor_id FROM visits GROUP BY visitor_id HAVING count(*) >= 10)")
        #expect(returning >= 40)
        #expect(try sql.scalar("SELECT count(DISTINCT role) FROM visitors") == 3)
        #expect(summary.lastDay > summary.firstDay)
    }

    @Test func aGeneratedSwipeReplayedThroughTheRecorderIsRecognisedAsAlreadyRecorded() throws {
        let (db, _) = try Self.generated(checkIns: 1500)
        let row = try #require(try db.store.db.queryOne("""
            SELECT c.time_us, r.name, c.visitor_id, c.id FROM checkins c JOIN readers r ON r.id = c.reader_id
            JOIN cards k ON k.id = c.card_id WHERE c.outcome = 'counted' AND k.revoked_at IS NULL ORDER BY c.id DESC LIMIT 1
            """))
        let generation = try db.store.db.scalar("SELECT count(*) - 1 FROM cards WHERE visitor_id = \(row.int64(2))")
        let card = BenchmarkGenerator.cardText(visitorID: row.int64(2), generation: Int(generation))
        let replayed = try db.recorder.record(Swipe(reader: row.string(1), card: card, time: EventTime(microseconds: row.int64(0))))
        #expect(!replayed.isNew)
        #expect(replayed.id == row.int64(3))
        // The same card a day later is a counted visit of the same visitor, not an unknown card.
        let later = try db.recorder.record(Swipe(reader: row.string(1), card: card, time: EventTime(microseconds: row.int64(0) + 86_400_000_000)))
        #expect(later.isNew && later.outcome == .counted)
        #expect(try db.store.verifyStatistics() == [])
    }

    @Test func theSameSeedGivesTheSameDatabase() throws {
        let (a, _) = try Self.generated(checkIns: 800, seed: 3)
        let (b, _) = try Self.generated(checkIns: 800, seed: 3)
        let digest = "SELECT group_concat(time_us || ':' || visitor_id || ':' || outcome, ',') FROM (SELECT * FROM checkins ORDER BY id)"
        #expect(try a.store.db.queryOne(digest)?.string(0) == b.store.db.queryOne(digest)?.string(0))
    }

    @Test func generatingIntoADatabaseThatHasVenuesIsRefused() throws {
        let db = try TestDatabase()
        try db.standardVenue()
        #expect(throws: CommandError.self) { try BenchmarkGenerator(store: db.store, plan: BenchmarkPlan(checkIns: 10, venues: 1)).run() }
    }

    @Test func sizesScaleVenuesNotIntensity() {
        #expect(BenchmarkPlan.forSize(10_000).venues == 1)
        #expect(BenchmarkPlan.forSize(1_000_000).venues == 10)
        #expect(BenchmarkPlan.forSize(10_000_000).venues == 100)
    }
}
