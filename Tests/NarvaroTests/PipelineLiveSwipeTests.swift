// A live swipe is hashed and committed in one transaction (`SwipePipeline.commitLive`). When the
// database refuses it, it is deferred once and spooled, as before; when it is committed, a spool an
// earlier attempt could not empty is emptied, so swipes already committed are never spooled for
// the next start.
@testable import NarvaroCore
@testable import NarvaroDaemon
import Foundation
import Testing

@Suite struct PipelineLiveSwipeTests {
    @Test func aRefusedLiveSwipeIsDeferredOnceAndALaterOneEmptiesAStaleSpool() throws {
        let db = try TestDatabase()
        try db.standardVenue()
        let spoolPath = SwipeSpool.path(forDatabase: db.path)
        let store = try Store(path: db.path, busyTimeoutMilliseconds: 0, cardKey: { CardHasher(key: TestDatabase.key) })
        _ = try store.hasher()
        let pipeline = try SwipePipeline(recorder: CheckInRecorder(store: store), spool: SwipeSpool(path: spoolPath),
                                         busyTimeouts: BusyTimeouts(first: 0, retry: 0))
        let base = TestDatabase.time("2026-11-17T15:00:00+01:00")

        // Locked by another program: one deferral for the one swipe, and the swipe spooled.
        let blocker = try db.reopen()
        try blocker.db.execute("BEGIN IMMEDIATE")
        let refused = pipeline.enqueue(Swipe(reader: "entre", card: "1001", time: base))
        #expect(refused.filter { if case .deferred = $0 { true } else { false } }.count == 1, "\(refused)")
        #expect(pipeline.failedAttempts == 1)
        #expect(pipeline.backlog == 1)
        #expect(try String(contentsOfFile: spoolPath, encoding: .utf8).split(separator: "\n").count == 1)
        try blocker.db.execute("ROLLBACK")

        // The backlog is committed, but the spool cannot be emptied (a symlink stands in its place).
        let aside = spoolPath + ".aside"
        try FileManager.default.moveItem(atPath: spoolPath, toPath: aside)
        try FileManager.default.createSymbolicLink(atPath: spoolPath, withDestinationPath: aside)
        let flushed = pipeline.flush()
        #expect(flushed.contains { if case .recorded = $0 { true } else { false } })
        #expect(flushed.contains { if case .deferred(_, _, let error) = $0 { error.hasPrefix("spool:") } else { false } }, "\(flushed)")
        try FileManager.default.removeItem(atPath: spoolPath)
        try FileManager.default.moveItem(atPath: aside, toPath: spoolPath)
        #expect(try !String(contentsOfFile: spoolPath, encoding: .utf8).isEmpty, "a committed swipe still in the spool")

        // The next live swipe is committed and empties it.
        let next = pipeline.enqueue(Swipe(reader: "entre", card: "1002", time: base + 60_000_000))
        #expect(next.count == 1 && { if case .recorded = next[0] { true } else { false } }(), "\(next)")
        #expect(try String(contentsOfFile: spoolPath, encoding: .utf8).isEmpty)
        #expect(try db.store.db.scalar("SELECT count(*) FROM checkins") == 2)
    }
}
