// The daemon's swipe path without a device: decode → queue → commit, a busy database that
// defers swipes to the spool, and a restart that commits the spool without double counting.
@testable import NarvaroCore
@testable import NarvaroDesk
@testable import NarvaroDaemon
@testable import NarvaroCLI
@testable import NarvaroCommands
@testable import NarvarodCommands
@testable import NarvaroBench
import Foundation
import Testing

@Suite struct PipelineTests {
    /// Key events for `card` + Enter starting at `time`, 5 ms apart.
    static func typing(_ card: String, at time: EventTime) -> [InputEvent] {
        var events: [InputEvent] = []
        var t = time
        for code in card.compactMap({ KeyLayout.code(typing: $0) }) + [EventCode.keyEnter] {
            events.append(InputEvent(time: t, type: EventCode.keyType, code: code, value: 1))
            events.append(InputEvent(time: t + 2000, type: EventCode.keyType, code: code, value: 0))
            t = t + 5000
        }
        return events
    }

    @Test func aBusyDatabaseDefersSwipesToTheSpoolAndNothingIsLost() throws {
        let db = try TestDatabase()
        try db.standardVenue()
        let spoolPath = SwipeSpool.path(forDatabase: db.path)
        let store = try Store(path: db.path, busyTimeoutMilliseconds: 0, cardKey: { CardHasher(key: TestDatabase.key) })
        let pipeline = try SwipePipeline(recorder: CheckInRecorder(store: store), spool: SwipeSpool(path: spoolPath))
        _ = try store.hasher() // the key check is written before the lock is taken
        let blocker = try db.reopen()
        try blocker.db.execute("BEGIN IMMEDIATE")
        let base = TestDatabase.time("2026-11-17T15:00:00+01:00")
        var events: [PipelineEvent] = []
        for (i, card) in ["1001", "1002", "1003"].enumerated() {
            for event in Self.typing(card, at: base + Int64(i) * 60_000_000) { events += pipeline.feed(event, reader: "entre") }
        }
        #expect(pipeline.backlog == 3)
        #expect(events.contains { if case .deferred = $0 { true } else { false } })
        let spooled = try String(contentsOfFile: spoolPath, encoding: .utf8)
        #expect(spooled.split(separator: "\n").count == 3)
        #expect(!spooled.contains("1001"), "the spool holds card hashes, not card numbers")

        // The process dies here; the lock goes away; a new daemon starts from the spool.
        try blocker.db.execute("ROLLBACK")
        let restarted = try SwipePipeline(recorder: CheckInRecorder(store: db.reopen()), spool: SwipeSpool(path: spoolPath))
        #expect(restarted.backlog == 3)
        let recorded = restarted.flush().compactMap { if case .recorded(let r) = $0 { r } else { nil } }
        #expect(recorded.map(\.time) == [base + 20_000, base + 60_020_000, base + 120_020_000], "in order, with their original times")
        #expect(recorded.count == 3 && recorded.allSatisfy(\.isNew))
        #expect(try db.store.db.scalar("SELECT count(*) FROM checkins") == 3)
        #expect(try String(contentsOfFile: spoolPath, encoding: .utf8).isEmpty)
        // A second restart with a stale spool would not count twice (idempotency key).
        let again = try SwipePipeline(recorder: CheckInRecorder(store: db.reopen()), spool: nil)
        for event in Self.typing("1001", at: base) { _ = again.feed(event, reader: "entre") }
        #expect(try db.store.db.scalar("SELECT count(*) FROM checkins") == 3)
    }
}
