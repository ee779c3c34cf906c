// A locked database and a full disk while swipes arrive: the swipes wait in the queue and the
// spool and are committed, in order and with their original times, as soon as the database can take them.
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

@Suite(.serialized) struct DaemonBacklogTests {
    /// Swipes waiting in the spool next to the workspace's database.
    func spooledCount(_ ws: CLIWorkspace) -> Int {
        let text = (try? String(contentsOfFile: SwipeSpool.path(forDatabase: ws.database), encoding: .utf8)) ?? ""
        return text.split(separator: "\n").count
    }

    @Test func aDatabaseLockedForTenSecondsLosesNoSwipeAndKeepsTheOrder() throws {
        let ws = try CLIWorkspace()
        try ws.setUp()
        let chunks = try DaemonCrashTests.swipeChunks()
        let keyPath = ws.environment["NARVARO_CARD_KEY"] ?? ""
        let lockerDB = try NarvaroDatabase.open(path: ws.database, create: false)
        let locker = Store(db: lockerDB, cardKey: Store.cardKeyProvider(path: keyPath, db: lockerDB))
        _ = try locker.hasher() // creates the card key, as the daemon's first start would

        let daemon = try StreamingDaemon(ws)
        let process = daemon.process
        daemon.send(chunks.prefix(3).joined())
        #expect(eventually(timeout: 10) { ((try? locker.db.scalar("SELECT count(*) FROM checkins")) ?? 0) == 3 }, "the first swipes are committed before the lock")
        // Another program takes the write lock for 10 s while the rest of the swipes arrive.
        try locker.db.execute("BEGIN IMMEDIATE")
        // The replay commits what it has read when its input pauses: the fourth swipe meets the lock
        // alone (and is spooled), so every swipe after it arrives behind a backlog.
        daemon.send(chunks[3])
        #expect(eventually(timeout: 10) { spooledCount(ws) == 1 }, "the swipe the lock refused is spooled: \(spooledCount(ws))")
        for chunk in chunks.dropFirst(4) { daemon.send(chunk) }
        let locked = Date()
        #expect(eventually(timeout: 10) { spooledCount(ws) == 34 }, "the swipes that could not be committed are on disk in the spool: \(spooledCount(ws))")
        // The lock is held for ten seconds in all (the scenario), whenever the spool filled.
        usleep(UInt32(max(0, 10 - Date().timeIntervalSince(locked)) * 1_000_000))
        #expect(process.isRunning)
        #expect(spooledCount(ws) == 34, "nothing left the spool while the lock was held")
        try locker.db.execute("ROLLBACK")
        try daemon.input.fileHandleForWriting.close()
        process.waitUntilExit()
        let log = daemon.log()
        #expect(process.terminationStatus == 0, "\(log.suffix(500))")
        #expect(log.contains("swipe-deferred"))
        let times = try locker.db.query("SELECT time_us FROM checkins ORDER BY id").map { $0.int64(0) }
        #expect(times.count == 37)
        #expect(times == times.sorted(), "committed in order, with their original times")
        #expect(try String(contentsOfFile: SwipeSpool.path(forDatabase: ws.database), encoding: .utf8).isEmpty)
    }

    /// Issue 18: while another program holds the write lock, a new swipe behind the backlog goes
    /// straight to the spool without trying the database (no busy wait per swipe); only the retries
    /// try it, without waiting. Before, every swipe and every retry waited 100 ms on SQLITE_BUSY.
    @Test func behindABacklogNewSwipesAreSpooledWithoutTryingTheLockedDatabase() throws {
        let ws = try CLIWorkspace()
        try ws.setUp()
        let chunks = try DaemonCrashTests.swipeChunks()
        let keyPath = ws.environment["NARVARO_CARD_KEY"] ?? ""
        let lockerDB = try NarvaroDatabase.open(path: ws.database, create: false)
        let locker = Store(db: lockerDB, cardKey: Store.cardKeyProvider(path: keyPath, db: lockerDB))
        _ = try locker.hasher()

        let daemon = try StreamingDaemon(ws)
        let process = daemon.process
        daemon.send(chunks.prefix(3).joined())
        #expect(eventually(timeout: 10) { ((try? locker.db.scalar("SELECT count(*) FROM checkins")) ?? 0) == 3 }, "the first swipes are committed before the lock")
        try locker.db.execute("BEGIN IMMEDIATE")
        // The replay commits what it has read when its input pauses: the fourth swipe meets the lock
        // alone (and is spooled), so every swipe after it arrives behind a backlog.
        daemon.send(chunks[3])
        #expect(eventually(timeout: 10) { spooledCount(ws) == 1 }, "the swipe the lock refused is spooled: \(spooledCount(ws))")
        for chunk in chunks.dropFirst(4) { daemon.send(chunk) }
        let locked = Date()
        #expect(eventually(timeout: 10) { spooledCount(ws) == 34 }, "every swipe behind the lock is on disk in the spool: \(spooledCount(ws))")
        // The lock is held for at least three seconds (the scenario: a few idle-second retries meet it).
        usleep(UInt32(max(0, 3 - Date().timeIntervalSince(locked)) * 1_000_000))
        #expect(process.isRunning)
        try locker.db.execute("ROLLBACK")
        try daemon.input.fileHandleForWriting.close()
        process.waitUntilExit()
        let log = daemon.log()
        #expect(process.terminationStatus == 0, "\(log.suffix(500))")
        let deferrals = log.split(separator: "\n").filter { $0.contains("swipe-deferred") }
        let notTried = deferrals.filter { $0.contains("not tried") }
        let busy = deferrals.filter { $0.contains("busy") || $0.contains("locked") }
        #expect(notTried.count == 33, "every swipe after the first one the lock refused was spooled untried: \(deferrals.count) deferrals")
        // The tries: the first swipe, then one per idle second of the input (about 3), never one per swipe.
        #expect(busy.count >= 1 && busy.count < 10, "\(busy.count) attempts met the lock for 34 swipes")
        let times = try locker.db.query("SELECT time_us FROM checkins ORDER BY id").map { $0.int64(0) }
        #expect(times.count == 37, "nothing lost")
        #expect(times == times.sorted(), "committed in order, with their original times")
        #expect(try String(contentsOfFile: SwipeSpool.path(forDatabase: ws.database), encoding: .utf8).isEmpty)
    }

    @Test func aFullDiskSpoolsSwipesAndTheyAreCommittedWhenSpaceReturns() throws {
        let ws = try CLIWorkspace()
        try ws.setUp()
        let recording = fixturesDirectory.appendingPathComponent("demo/entre-week.evemu").path
        let before = try Data(contentsOf: URL(fileURLWithPath: ws.database)).count
        // The database file may not grow (RLIMIT_FSIZE at its current size); the small spool still fits.
        let full = try Executables.runTool("/usr/bin/prlimit", ["--fsize=\(max(before, 64 * 1024))", try Executables.path("narvarod"),
                                                               "--database", ws.database, "--card-key", ws.environment["NARVARO_CARD_KEY"] ?? "",
                                                               "--replay", recording, "--reader", "entre", "--start", "2026-11-16T00:00:00+01:00",
                                                               "--drain-timeout", "1"])
        #expect(full.status == 1, "\(full.stderr.suffix(400))")
        #expect(full.stderr.contains("wait in the spool"))
        let spooled = try String(contentsOfFile: SwipeSpool.path(forDatabase: ws.database), encoding: .utf8)
        let waiting = spooled.split(separator: "\n").count
        #expect(waiting > 0)
        // Space returns: the next start commits the spool first.
        let empty = ws.directory.appendingPathComponent("empty.evemu")
        try "".write(to: empty, atomically: true, encoding: .utf8)
        let again = try ws.narvarod(["--replay", empty.path, "--reader", "entre"])
        #expect(again.status == 0, "\(again.stderr.suffix(400))")
        let store = try Store(path: ws.database, create: false, cardKey: { CardHasher(key: TestDatabase.key) })
        #expect(try store.db.scalar("SELECT count(*) FROM checkins") == 37)
        #expect(try store.db.queryOne("PRAGMA integrity_check")?.string(0) == "ok")
    }
}
