// Review of 5d972b8 ("Statistics follow the check-ins"): a serving daemon whose start-up catch-up
// finds the database locked must count what waits once the lock is gone, without a swipe to set it off.
@testable import NarvaroCore
@testable import NarvaroDaemon
@testable import NarvaroCLI
@testable import NarvarodCommands
import Foundation
import Glibc
import Testing

@Suite struct StatisticsCatchUpStartRetryTests {
    @Test func aStartUpCatchUpThatFoundTheDatabaseLockedIsRetriedWithoutASwipe() throws {
        let ws = try StatisticsCatchUpTests.replayedWeek()
        let locker = try SQLiteConnection(path: ws.database, create: false)
        try StatisticsCatchUpTests.uncount(locker)
        let latest = try locker.scalar("SELECT max(id) FROM checkins")
        #expect(latest > 0)
        // Another program (a nightly `narvaro push`, a backup) holds the write lock while narvarod starts.
        try locker.execute("BEGIN IMMEDIATE")
        let daemon = try ServingDaemon(ws)
        defer { daemon.stop() }
        #expect(eventually(timeout: 10) { daemon.log.contains("step=statistics") && daemon.log.contains("step=retention") }, "\(daemon.log)")
        try locker.execute("ROLLBACK")
        func mark() -> String? { try? locker.queryOne("SELECT value FROM meta WHERE key = 'statistics_through'")?.string(0) }
        // The lock is gone and the daemon retries failed steps every second: the check-ins get counted.
        #expect(eventually(timeout: 5) { mark() == String(latest) }, "mark \(mark() ?? "nil") of \(latest); log: \(daemon.log)")
        #expect(daemon.process.isRunning)
    }
}
