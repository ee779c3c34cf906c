// Group commit (issue 17): swipes that wait together are committed one transaction each and made
// durable by one sync of the WAL; the connection is back at synchronous=FULL afterwards, a refusal
// keeps the rest queued, and a replay commits what it has read as soon as its input pauses.
@testable import NarvaroCore
@testable import NarvaroDesk
@testable import NarvaroDaemon
@testable import NarvaroCLI
@testable import NarvaroCommands
@testable import NarvarodCommands
@testable import NarvaroBench
import CSQLite
import Foundation
import Glibc
import Testing

@Suite struct GroupCommitTests {
    static func synchronous(_ db: SQLiteConnection) throws -> Int64 { try db.scalar("PRAGMA synchronous") }

    @Test func commitsInsideAGroupSkipTheirOwnSyncAndTheConnectionIsBackAtFullAfter() throws {
        let db = try TestDatabase()
        try db.standardVenue()
        let connection = db.store.db
        #expect(try Self.synchronous(connection) == 2)
        var inside: [Int64] = []
        var after: [Int64] = []
        // Twice: the pragmas are prepared once and reused, and must take effect every time.
        for group in 0..<2 {
            try connection.withGroupCommit {
                inside.append((try? Self.synchronous(connection)) ?? -1)
                for minute in 0..<3 {
                    _ = try? db.swipe("1\(group)\(minute)", at: "2026-11-17T15:\(group)\(minute):00+01:00")
                }
            }
            after.append(try Self.synchronous(connection))
        }
        #expect(inside == [1, 1], "NORMAL (1) while each group commits")
        #expect(after == [2, 2], "FULL (2) again after each")
        // Committed for everyone, not only this connection.
        let other = try NarvaroDatabase.openReadOnly(path: db.path)
        #expect(try other.scalar("SELECT count(*) FROM checkins") == 6)
        // A group that wrote nothing syncs nothing and still restores FULL.
        try connection.withGroupCommit {}
        #expect(try Self.synchronous(connection) == 2)
    }

    /// Swipes preloaded into the spool, as a backlog: `flush` commits them in groups.
    static func backlog(_ db: TestDatabase, readers: [String]) throws -> SwipeSpool {
        let hasher = try db.store.hasher()
        let time = TestDatabase.time("2026-11-17T15:00:00+01:00")
        let spool = SwipeSpool(path: db.path + ".spool")
        try spool.store(readers.enumerated().map { index, reader in
            PreparedSwipe(reader: reader, time: time + Int64(index) * 60_000_000, cardHash: hasher.hash("\(1000 + index)"))
        })
        return spool
    }

    @Test func aBacklogIsCommittedInGroupsAndASwipeRefusedForItsOwnReasonAloneIsRejected() throws {
        let db = try TestDatabase()
        try db.standardVenue()
        var readers = Array(repeating: "entre", count: 10)
        readers[6] = "removed"
        let spool = try Self.backlog(db, readers: readers)
        let pipeline = try SwipePipeline(recorder: db.recorder, spool: spool, policy: .groups(of: 4))
        #expect(pipeline.backlog == 10 && pipeline.holdsUntriedSwipes)
        var summary = ReplaySummary()
        let events = pipeline.flush()
        for event in events { summary.count(event) }
        #expect(summary.recorded == 9 && summary.rejected == 1, "\(summary)")
        #expect(pipeline.backlog == 0 && !pipeline.holdsUntriedSwipes)
        // Reported in arrival order, the refused one in its place.
        let order = events.compactMap { event -> String? in
            switch event {
            case .recorded(let result): return result.checkIn.reader
            case .rejected(let reader, _, _): return reader
            default: return nil
            }
        }
        #expect(order == readers)
        #expect(try db.store.db.scalar("SELECT count(*) FROM checkins") == 9)
        #expect(try Self.synchronous(db.store.db) == 2)
        #expect(try db.store.verifyStatistics().isEmpty)
    }

    @Test func aGroupTheLockedDatabaseRefusesStaysQueuedInOrderAndCommitsOnceTheLockIsGone() throws {
        let db = try TestDatabase()
        try db.standardVenue()
        let spool = try Self.backlog(db, readers: Array(repeating: "entre", count: 6))
        let pipeline = try SwipePipeline(recorder: db.recorder, spool: spool, busyTimeouts: BusyTimeouts(first: 0, retry: 0),
                                         policy: .groups(of: 4))
        let locker = try NarvaroDatabase.open(path: db.path, create: false)
        try locker.execute("BEGIN IMMEDIATE")
        let refused = pipeline.flush()
        #expect(refused.contains { if case .deferred = $0 { return true } else { return false } })
        #expect(!refused.contains { if case .recorded = $0 { return true } else { return false } })
        #expect(pipeline.backlog == 6 && !pipeline.holdsUntriedSwipes)
        #expect(try SwipeSpool(path: spool.path).load().swipes.count == 6, "the whole backlog is in the spool")
        try locker.execute("ROLLBACK")
        var summary = ReplaySummary()
        for event in pipeline.flush() { summary.count(event) }
        #expect(summary.recorded == 6, "\(summary)")
        #expect(pipeline.backlog == 0)
        let times = try db.store.db.query("SELECT time_us FROM checkins ORDER BY id").map { $0.int64(0) }
        #expect(times == times.sorted() && times.count == 6, "committed in arrival order")
    }

    /// A live reader's swipe is a group of one: committed and synced at once, nothing held.
    @Test func aLiveSwipeIsCommittedAtOnceAsAGroupOfOne() throws {
        let db = try TestDatabase()
        try db.standardVenue()
        let pipeline = try SwipePipeline(recorder: db.recorder, spool: nil)
        let events = pipeline.enqueue(Swipe(reader: "entre", card: "4242", time: TestDatabase.time("2026-11-17T15:00:00+01:00")))
        #expect(events.count == 1)
        guard case .recorded(let result)? = events.first else { Issue.record("\(events)"); return }
        #expect(result.isNew)
        #expect(pipeline.backlog == 0)
        #expect(try Self.synchronous(db.store.db) == 2)
    }

    /// The SQL a connection runs, through `sqlite3_trace_v2`.
    final class StatementLog {
        var sql: [String] = []
        init(_ db: SQLiteConnection) {
            sqlite3_trace_v2(db.handle, UInt32(SQLITE_TRACE_STMT), { _, context, statement, _ in
                guard let context, let statement, let text = sqlite3_sql(OpaquePointer(statement)) else { return 0 }
                Unmanaged<StatementLog>.fromOpaque(context).takeUnretainedValue().sql.append(String(cString: text))
                return 0
            }, Unmanaged.passUnretained(self).toOpaque())
        }
    }

    /// A group of one commits at synchronous=FULL as it stands (SQLite syncs at the commit): no
    /// pragma switched back and forth, no sync of its own; a larger group switches once each way.
    @Test func aGroupOfOneCommitsAtFullWithoutSwitchingAndALargerGroupSwitchesOnce() throws {
        let db = try TestDatabase()
        try db.standardVenue()
        let log = StatementLog(db.store.db)
        defer { sqlite3_trace_v2(db.store.db.handle, 0, nil, nil) }
        let live = try SwipePipeline(recorder: db.recorder, spool: nil)
        _ = live.enqueue(Swipe(reader: "entre", card: "4242", time: TestDatabase.time("2026-11-17T15:00:00+01:00")))
        let switches = { log.sql.filter { $0.hasPrefix("PRAGMA synchronous") } }
        #expect(switches().isEmpty, "\(log.sql)")
        #expect(log.sql.contains { $0.hasPrefix("INSERT INTO checkins") })
        log.sql = []
        let spool = try Self.backlog(db, readers: ["entre", "entre", "entre"])
        let grouped = try SwipePipeline(recorder: db.recorder, spool: spool, policy: .groups(of: 3))
        var summary = ReplaySummary()
        for event in grouped.flush() { summary.count(event) }
        #expect(summary.recorded == 3)
        #expect(switches() == ["PRAGMA synchronous = NORMAL", "PRAGMA synchronous = FULL"])
        #expect(try Self.synchronous(db.store.db) == 2)
    }

    /// A group's events are logged with one write: the same lines, in order, as one write each.
    @Test func aGroupsEventsAreLoggedInOneWriteWithTheSameLines() {
        let checkIn = CheckIn(id: 7, time: EventTime(microseconds: 1), reader: "entre", venue: "bench", activity: "drop-in",
                              activityName: nil, outcome: .counted, attribution: .dropIn, visitorCode: nil, visitorName: nil)
        let events: [PipelineEvent] = [.recorded(RecordedCheckIn(checkIn: checkIn, isNew: true)),
                                       .rejected(reader: "entre", reason: .card("no such reader"), at: EventTime(microseconds: 2)),
                                       .recorded(RecordedCheckIn(checkIn: checkIn, isNew: false))]
        let one = LockedLines(), each = LockedLines()
        Journal(write: { one.append($0) }).log(events)
        let journal = Journal(write: { each.append($0) })
        for event in events { journal.log(event) }
        #expect(one.lines.count == 1)
        #expect(each.lines.count == 3)
        #expect(one.lines == [each.lines.joined()])
        // Below the minimum priority nothing is written, not even an empty write.
        let quiet = LockedLines()
        Journal(minimum: .error, write: { quiet.append($0) }).log(events)
        #expect(quiet.lines.isEmpty)
    }

    /// `narvarod --replay -` commits the swipes it has read as soon as its input pauses, and counts
    /// their statistics: both are in the database while standard input is still open, not only at the end.
    @Test func aReplayCommitsWhatItHasReadWhenItsInputPauses() throws {
        let ws = try CLIWorkspace()
        try ws.setUp()
        let chunks = try DaemonCrashTests.swipeChunks()
        let daemon = try StreamingDaemon(ws)
        defer {
            try? daemon.input.fileHandleForWriting.close()
            daemon.process.waitUntilExit()
        }
        for chunk in chunks.prefix(5) { daemon.send(chunk) }
        let reader = try NarvaroDatabase.openReadOnly(path: ws.database)
        var count: Int64 = 0
        for _ in 0..<200 where count < 5 {
            usleep(50_000)
            count = try reader.scalar("SELECT count(*) FROM checkins")
        }
        #expect(count == 5, "the five swipes sent are committed while the input is open")
        func mark() throws -> String? { try reader.queryOne("SELECT value FROM meta WHERE key = 'statistics_through'")?.string(0) }
        #expect(try eventually(timeout: 10) { try mark() == "5" }, "the five are counted while the input is open")
        #expect(try reader.scalar("SELECT count(*) FROM visits") > 0)
        #expect(daemon.process.isRunning)
    }

    /// A group being filled checks the configuration (PRAGMA data_version) at its first swipe
    /// only; the next group checks again, so a change by another program is in force from there.
    @Test func aGroupHashesWithTheCardFormatCheckedAtItsFirstSwipeAndTheNextGroupChecksAgain() throws {
        let db = try TestDatabase()
        try db.standardVenue(format: .raw)
        let pipeline = try SwipePipeline(recorder: db.recorder, spool: nil, policy: .groups(of: 8))
        let card = "0000004242", hasher = try db.store.hasher()
        let asRaw = hasher.hash(card), asDecimal = hasher.hash(try CardFormat.decimal10.canonicalCard(card))
        #expect(asRaw != asDecimal)
        func swipe(_ minute: Int) -> [PipelineEvent] {
            pipeline.enqueue(Swipe(reader: "entre", card: card, time: TestDatabase.time("2026-11-17T15:\(10 + minute):00+01:00")))
        }
        _ = swipe(0)
        var settings = ReaderSettings()
        settings.cardFormat = .decimal10
        _ = try db.reopen().editReader(name: "entre", settings: settings)   // another program
        _ = swipe(1)
        #expect(pipeline.queue.map(\.cardHash) == [asRaw, asRaw], "the group's format is the one read at its start")
        var summary = ReplaySummary()
        for event in pipeline.flush() { summary.count(event) }
        #expect(summary.recorded == 2 && pipeline.queue.isEmpty)
        _ = swipe(2)
        #expect(pipeline.queue.map(\.cardHash) == [asDecimal], "the next group reads the change")
    }
}
