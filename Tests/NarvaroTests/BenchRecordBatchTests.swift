// `recordBatch` (the benchmark's batched import) decides every swipe exactly as `record` does, and
// commits all of a batch or none of it.
@testable import NarvaroCore
@testable import NarvaroDesk
@testable import NarvaroDaemon
@testable import NarvaroCLI
@testable import NarvaroCommands
@testable import NarvarodCommands
@testable import NarvaroBench
import Foundation
import Testing

@Suite struct BenchRecordBatchTests {
    static let swipes: [(String, String)] = [
        ("1001", "2026-11-17T15:00:00+01:00"), ("1001", "2026-11-17T15:00:03+01:00"), // a double swipe
        ("2002", "2026-11-17T15:01:00+01:00"), ("1001", "2026-11-18T15:00:00+01:00"),
        ("2002", "2026-11-19T15:00:00+01:00"),
    ]

    static func setUp() throws -> TestDatabase {
        let db = try TestDatabase()
        try db.standardVenue()
        _ = try db.store.addVisitor(VisitorDetails(birthYear: 2009, gender: .woman), card: "1001", format: .raw,
                                    now: TestDatabase.time("2026-11-01T12:00:00+01:00"), currentYear: 2026)
        return db
    }

    static func rows(_ db: TestDatabase) throws -> [String] {
        try db.store.db.query("SELECT time_us, outcome, attribution, visitor_id, local_day FROM checkins ORDER BY id").map {
            "\($0.int64(0)) \($0.string(1)) \($0.string(2)) \($0.int64(3)) \($0.int(4))"
        } + db.store.db.query("SELECT local_day, role, gender, age_band, visits, new_visitors FROM day_totals ORDER BY 1, 2, 3, 4").map {
            "\($0.int(0)) \($0.string(1)) \($0.string(2)) \($0.string(3)) \($0.int(4)) \($0.int(5))"
        }
    }

    @Test func aBatchWritesWhatOneByOneWrites() throws {
        let single = try Self.setUp()
        for (card, time) in Self.swipes { try single.swipe(card, at: time) }
        let batched = try Self.setUp()
        let prepared = try Self.swipes.map { try batched.recorder.prepare(Swipe(reader: "entre", card: $0.0, time: TestDatabase.time($0.1))) }
        let results = try batched.recorder.recordBatch(prepared)
        #expect(results.map(\.outcome) == [.counted, .duplicate, .unknown, .counted, .unknown])
        #expect(try Self.rows(batched) == Self.rows(single))
        #expect(try batched.store.verifyStatistics() == [])
        // Replaying the batch (a crash after commit) records nothing new.
        #expect(try batched.recorder.recordBatch(prepared).allSatisfy { !$0.isNew })
        #expect(try batched.store.db.scalar("SELECT count(*) FROM checkins") == 5)
    }

    @Test func aFailingSwipeRollsBackTheWholeBatch() throws {
        let db = try Self.setUp()
        var prepared = try Self.swipes.map { try db.recorder.prepare(Swipe(reader: "entre", card: $0.0, time: TestDatabase.time($0.1))) }
        prepared[3].reader = "removed-reader"
        #expect(throws: StoreError.self) { try db.recorder.recordBatch(prepared) }
        #expect(try db.store.db.scalar("SELECT count(*) FROM checkins") == 0)
        #expect(try db.store.db.scalar("SELECT count(*) FROM visits") == 0)
        #expect(!db.store.db.isInTransaction)
    }
}
