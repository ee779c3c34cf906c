// The statistics follow the check-ins (Store+StatisticsCatchUp.swift): a deferred swipe writes only
// its check-in, a catch-up counts it exactly as the swipe would have, whatever happened between
// (enrolments, merges, edits, forgetting, retention), and nothing is counted twice or left out.
@testable import NarvaroCore
@testable import NarvaroDesk
@testable import NarvaroDaemon
@testable import NarvaroCLI
@testable import NarvaroCommands
@testable import NarvarodCommands
@testable import NarvaroBench
import Foundation
import Glibc
import Testing

@Suite struct StatisticsCatchUpTests {
    /// Every row of the three statistics tables, in a fixed order: visitor ids, not codes (random).
    static func statistics(_ store: Store) throws -> [String] {
        try store.db.query("SELECT venue_id, local_day, activity_id, visitor_id FROM visits ORDER BY 1, 2, 3, 4").map {
            "visit \($0.int(0)) \($0.int(1)) \($0.int(2)) \($0.int(3))"
        } + store.db.query("SELECT visitor_id, venue_id, first_day FROM first_visits ORDER BY 1, 2").map {
            "first \($0.int(0)) \($0.int(1)) \($0.int(2))"
        } + store.db.query("SELECT venue_id, local_day, activity_id, role, gender, age_band, visits, new_visitors FROM day_totals ORDER BY 1, 2, 3, 4, 5, 6").map {
            "total \($0.int(0)) \($0.int(1)) \($0.int(2)) \($0.string(3)) \($0.string(4)) \($0.string(5)) \($0.int(6)) \($0.int(7))"
        }
    }

    static func counts(_ store: Store) throws -> (visits: Int64, totals: Int64) {
        (try store.db.scalar("SELECT count(*) FROM visits"), try store.db.scalar("SELECT coalesce(sum(visits), 0) FROM day_totals"))
    }

    @Test func aDeferredSwipeWritesOnlyItsCheckInAndOneCatchUpCountsItOnce() throws {
        let db = try TestDatabase()
        try db.standardVenue()
        db.recorder.deferStatistics = true
        try db.swipe("1001", at: "2026-11-17T15:00:00+01:00")
        try db.swipe("1002", at: "2026-11-17T15:01:00+01:00")
        #expect(try Self.counts(db.store) == (0, 0))
        #expect(try db.store.checkInsBehindStatistics() == 2)
        #expect(try db.store.catchUpStatistics() == 2)
        #expect(try Self.counts(db.store) == (2, 2))
        #expect(try db.store.checkInsBehindStatistics() == 0)
        // Nothing waits: a second catch-up looks at nothing and changes nothing.
        let before = try Self.statistics(db.store)
        #expect(try db.store.catchUpStatistics() == 0)
        #expect(try Self.statistics(db.store) == before)
        #expect(try db.store.verifyStatistics().isEmpty)
    }

    /// Two databases go through the same swipes and changes: one counts each swipe in its own
    /// transaction, the other defers and catches up at random points (and before each change, as
    /// the changes themselves do). Their statistics are the same rows, and both verify.
    @Test(arguments: [11, 12, 13, 14] as [UInt64])
    func deferredAndCaughtUpEqualsCountedWithEachSwipe(seed: UInt64) throws {
        var rng = StatisticsAuditTests.SeededGenerator(state: seed)
        let inline = try TestDatabase(), deferred = try TestDatabase()
        for db in [inline, deferred] {
            try db.standardVenue()
            try db.store.addActivity(slug: "laxhjalp", venue: "tingshuset", name: "Läxhjälp", organizer: nil)
            try db.store.addSlot(activity: db.store.activity(named: "laxhjalp"),
                                 timing: SlotTiming.parseWeekly(day: "tue", range: "15:00-18:00", from: nil, until: nil))
        }
        deferred.recorder.deferStatistics = true
        let cards = (0..<10).map { String(format: "%06d", $0 * 7919 + 3) }
        var time = TestDatabase.time("2026-10-20T14:00:00+02:00").microseconds
        for step in 0..<160 {
            time += [3_000_000, 600_000_000, 3_600_000_000, 86_400_000_000][Int.random(in: 0..<4, using: &rng)]
            let card = cards[Int.random(in: 0..<cards.count, using: &rng)]
            let change = Int.random(in: 0..<24, using: &rng)
            let pick = Int.random(in: 0..<1000, using: &rng)
            let birthYear = Int.random(in: 1990...2015, using: &rng)
            let gender = Gender.allCases[Int.random(in: 0..<Gender.allCases.count, using: &rng)]
            let role = Role.allCases[Int.random(in: 0..<Role.allCases.count, using: &rng)]
            let catchUp = Int.random(in: 0..<5, using: &rng) == 0
            for db in [inline, deferred] {
                _ = try db.recorder.record(Swipe(reader: "entre", card: card, time: EventTime(microseconds: time)))
                // Chosen by id, the same visitor in both databases (codes are random).
                let visitors = try db.store.visitors().sorted { $0.id < $1.id }
                let chosen = visitors.isEmpty ? nil : visitors[pick % visitors.count]
                switch change {
                case 0:
                    let target = pick % 2 == 0 ? nil : chosen?.code
                    _ = try? db.store.enrolLast(reader: nil, details: VisitorDetails(nickname: "v\(step)", birthYear: birthYear, gender: gender),
                                                existingCode: target, currentYear: 2026)
                case 1:
                    if let chosen { _ = try db.store.editVisitor(code: chosen.code, details: VisitorDetails(role: role), currentYear: 2026) }
                case 2:
                    try? db.store.revokeCard(card, now: EventTime(microseconds: time))
                case 3 where step > 100:
                    if let chosen { _ = try db.store.forget(code: chosen.code) }
                default:
                    break
                }
                if db === deferred, catchUp { try db.store.catchUpStatistics() }
            }
        }
        try deferred.store.catchUpStatistics()
        #expect(try Self.statistics(deferred.store) == Self.statistics(inline.store))
        #expect(try Self.counts(deferred.store).visits > 20)
        #expect(try deferred.store.verifyStatistics().isEmpty)
        #expect(try inline.store.verifyStatistics().isEmpty)
    }

    /// Forgetting the latest visitor deletes the highest check-in ids, which SQLite then gives out
    /// again: the mark comes down with them, so the next check-in is counted, not taken as counted.
    @Test func aCheckInThatReusesAForgottenIdIsCounted() throws {
        let db = try TestDatabase()
        try db.standardVenue()
        try db.swipe("1001", at: "2026-11-17T15:00:00+01:00")
        let first = try db.swipe("2002", at: "2026-11-17T15:05:00+01:00")
        let latestVisitor = try db.store.db.scalar("SELECT max(visitor_id) FROM checkins")
        let code = try #require(try db.store.visitors(includeUnenrolled: true).first { $0.id == latestVisitor }?.code)
        _ = try db.store.forget(code: code)
        #expect(try db.store.statisticsThrough() == first.id - 1)
        db.recorder.deferStatistics = true
        let again = try db.swipe("3003", at: "2026-11-17T15:10:00+01:00")
        #expect(again.id == first.id, "SQLite reuses the forgotten id")
        #expect(try db.store.checkInsBehindStatistics() == 1)
        try db.store.catchUpStatistics()
        #expect(try db.store.verifyStatistics().isEmpty)
        #expect(try Self.counts(db.store).visits == 2)
    }

    /// Retention, a forget and an edit read the per-person statistics: each counts what waits first,
    /// in its own transaction, so a deferred check-in is in what they fold, move or recompute.
    @Test func retentionCountsWhatWaitsBeforeItFolds() throws {
        let db = try TestDatabase()
        try db.standardVenue()
        db.recorder.deferStatistics = true
        try db.swipe("1001", at: "2026-11-17T15:00:00+01:00")
        try db.swipe("1002", at: "2026-11-18T15:00:00+01:00")
        _ = try db.store.runRetention(today: LocalDate(unchecked: 2028, 6, 1), days: 400, now: TestDatabase.time("2028-06-01T12:00:00+02:00"))
        #expect(try db.store.checkInsBehindStatistics() == 0)
        let folded = try db.store.db.scalar("SELECT coalesce(sum(unique_visitors), 0) FROM period_totals WHERE period = '2026-11' AND activity_id = 0")
        #expect(folded == 2, "both deferred visitors are in the folded month")
    }

    /// A program that opens the database to write (`narvaro`, the web pages) counts what a stopped
    /// daemon left uncounted before it reads anything; a read-only opening leaves it as it is.
    @Test func openingTheDatabaseCountsWhatAStoppedDaemonLeft() throws {
        let db = try TestDatabase()
        try db.standardVenue()
        db.recorder.deferStatistics = true
        try db.swipe("1001", at: "2026-11-17T15:00:00+01:00")
        let readOnly = try NarvaroDatabase.openReadOnly(path: db.path)
        #expect(try readOnly.scalar("SELECT count(*) FROM visits") == 0)
        let keyPath = db.directory.appendingPathComponent("card-key").path
        let opened = try Store.open(path: db.path, create: false, cardKeyPath: keyPath)
        #expect(try opened.checkInsBehindStatistics() == 0)
        #expect(try readOnly.scalar("SELECT count(*) FROM visits") == 1)
    }

    /// The daemon's pipeline defers, and catches up by itself once `statisticsGroup` check-ins wait.
    @Test func thePipelineCatchesUpEveryStatisticsGroup() throws {
        let db = try TestDatabase()
        try db.standardVenue()
        let pipeline = try SwipePipeline(recorder: db.recorder, spool: nil)
        let start = TestDatabase.time("2026-11-17T08:00:00+01:00").microseconds
        for index in 0..<(SwipePipeline.statisticsGroup - 1) {
            _ = pipeline.enqueue(Swipe(reader: "entre", card: String(100_000 + index), time: EventTime(microseconds: start + Int64(index) * 1_000_000)))
        }
        #expect(pipeline.statisticsBehind == SwipePipeline.statisticsGroup - 1)
        #expect(try Self.counts(db.store).visits == 0)
        _ = pipeline.enqueue(Swipe(reader: "entre", card: "999999", time: EventTime(microseconds: start + 3_600_000_000)))
        #expect(pipeline.statisticsBehind == 0)
        #expect(try Self.counts(db.store).visits == Int64(SwipePipeline.statisticsGroup))
        #expect(try Self.synchronous(db.store) == 2, "the catch-up's connection is back at FULL for the next swipe")
    }

    static func synchronous(_ store: Store) throws -> Int64 { try store.db.scalar("PRAGMA synchronous") }

    /// A workspace whose database holds the demo week replayed through narvarod, counted.
    static func replayedWeek() throws -> CLIWorkspace {
        let ws = try CLIWorkspace()
        try ws.setUp()
        let replayed = try ws.narvarod(["--replay", fixturesDirectory.appendingPathComponent("demo/entre-week.evemu").path,
                                        "--reader", "entre", "--start", "2026-11-16T00:00:00+01:00"])
        guard replayed.status == 0 else { throw StoreErrorForTests(message: "replay failed: \(replayed.stderr)") }
        return ws
    }

    /// What a run killed before its catch-up leaves: check-ins whose statistics were never written.
    static func uncount(_ db: SQLiteConnection) throws {
        try db.execute("DELETE FROM visits; DELETE FROM first_visits; DELETE FROM day_totals; UPDATE meta SET value = '0' WHERE key = 'statistics_through'")
    }

    /// A serving daemon counts, before it is ready, what an earlier run recorded and never counted
    /// (killed between a swipe's commit and the catch-up): the statistics are as the replay left them.
    @Test func aStartingDaemonCountsWhatTheLastRunLeft() throws {
        let ws = try Self.replayedWeek()
        let reader = try NarvaroDatabase.openReadOnly(path: ws.database)
        let counted = try reader.scalar("SELECT count(*) FROM visits")
        #expect(counted > 0)
        try Self.uncount(SQLiteConnection(path: ws.database, create: false))
        #expect(try reader.scalar("SELECT count(*) FROM visits") == 0)

        let daemon = try ServingDaemon(ws)
        defer { daemon.stop() }
        #expect(eventually(timeout: 5) { daemon.log.contains("ready readers=") }, "\(daemon.log)")
        // Read while it still runs: its stop would count them too.
        #expect(daemon.process.isRunning)
        #expect(try reader.scalar("SELECT count(*) FROM visits") == counted)
        #expect(try reader.queryOne("SELECT value FROM meta WHERE key = 'statistics_through'")?.string(0)
                == String(try reader.scalar("SELECT max(id) FROM checkins")))
    }

    /// A damaged mark is refused with the way out, and `stats rebuild` (which counts every check-in
    /// again) sets it right.
    @Test func aDamagedMarkNamesStatsRebuildWhichRepairsIt() throws {
        let db = try TestDatabase()
        try db.standardVenue()
        try db.swipe("1001", at: "2026-11-17T15:00:00+01:00")
        try db.store.db.run("UPDATE meta SET value = 'x' WHERE key = 'statistics_through'")
        #expect { try db.store.catchUpStatistics() } throws: { "\($0)".contains("narvaro stats rebuild") }
        try db.store.rebuildStatistics()
        #expect(try db.store.checkInsBehindStatistics() == 0)
        #expect(try db.store.verifyStatistics().isEmpty)
    }

    /// `report` and `export` open the database read-only, so they cannot count what waits: they say
    /// how many check-ins their figures lack; a command that writes counts them, and the warning goes.
    @Test func aReadOnlyReportSaysWhatIsNotCountedYet() throws {
        let ws = try Self.replayedWeek()
        let raw = try SQLiteConnection(path: ws.database, create: false)
        let latest = try raw.scalar("SELECT max(id) FROM checkins")
        try raw.execute("UPDATE meta SET value = '\(latest - 3)' WHERE key = 'statistics_through'")
        let behind = try ws.narvaro("report", "--week", "2026-W47", "--lang", "en")
        #expect(behind.status == 0, "\(behind.stderr)")
        #expect(behind.stderr.contains("warning: 3 check-ins are not in these figures yet"), "\(behind.stderr)")
        let verified = try ws.narvaro("stats", "verify")
        #expect(verified.status == 0, "\(verified.stdout)\(verified.stderr)")
        let counted = try ws.narvaro("report", "--week", "2026-W47", "--lang", "en")
        #expect(counted.status == 0)
        #expect(!counted.stderr.contains("not in these figures"), "\(counted.stderr)")
        #expect(counted.stdout == behind.stdout, "the three were counted already: counting again changes nothing")
    }
}
