// One serving daemon per database and replays beside it (issue 12, item 5), the cooldown across
// out-of-order commits (item 6), and replay input that is not a recording (item 7).
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

@Suite(.serialized) struct DaemonExclusionTests {
    @Test func aSecondServingDaemonExitsNamingTheFirstAndAReplayBesideItNeverTouchesItsSpool() throws {
        let ws = try CLIWorkspace()
        try ws.setUp()
        let first = try ServingDaemon(ws, name: "first")
        #expect(eventually(timeout: 10) { first.log.contains("ready") }, "\(first.log)")
        let second = try ServingDaemon(ws, name: "second")
        #expect(second.exited(), "it refuses to start")
        second.stop()
        #expect(second.process.terminationStatus == 1)
        #expect(second.log == "narvarod: narvarod pid \(first.process.processIdentifier) already serves database \(ws.database): one daemon per database; stop it first (systemctl stop narvarod)\n")
        #expect(try String(contentsOfFile: DaemonLock.path(forDatabase: ws.database), encoding: .utf8) == "\(first.process.processIdentifier)\n")

        // The database locked: a replay beside the serving daemon keeps its swipes in memory only.
        let spool = SwipeSpool.path(forDatabase: ws.database)
        let locker = try SQLiteConnection(path: ws.database)
        try locker.execute("BEGIN IMMEDIATE")
        let recording = fixturesDirectory.appendingPathComponent("demo/entre-week.evemu").path
        let replay = try ws.narvarod(["--replay", recording, "--reader", "entre", "--start", "2026-11-16T00:00:00+01:00", "--drain-timeout", "0"])
        try locker.execute("ROLLBACK")
        #expect(replay.status == 1)
        #expect(replay.stderr.contains("spool-not-used"), "\(replay.stderr.suffix(400))")
        #expect(replay.stderr.contains("37 swipes were not committed") && replay.stderr.contains("replay \(recording) again"), "\(replay.stderr.suffix(400))")
        let spoolBytes = (try? Data(contentsOf: URL(fileURLWithPath: spool))) ?? Data()
        #expect(spoolBytes.isEmpty, "the serving daemon's spool is untouched")
        // Run again when the database is free: everything is recorded, once.
        let again = try ws.narvarod(["--replay", recording, "--reader", "entre", "--start", "2026-11-16T00:00:00+01:00"])
        #expect(again.status == 0 && again.stdout.contains("37 swipes recorded"), "\(again.stdout) \(again.stderr.suffix(300))")
        first.stop()
        #expect(first.process.terminationStatus == 0)
        // The lock dies with its holder: a new daemon starts.
        let third = try ServingDaemon(ws, name: "third")
        #expect(eventually(timeout: 10) { third.log.contains("ready") }, "\(third.log)")
        third.stop()
    }

    @Test func aStreamingReplayRetriesItsBacklogWithoutWaitingForTheNextLine() throws {
        let ws = try CLIWorkspace()
        try ws.setUp()
        #expect(try ws.narvarod(["--replay", "/dev/null", "--reader", "entre"]).status == 0)
        let locker = try SQLiteConnection(path: ws.database)
        try locker.execute("BEGIN IMMEDIATE")
        let daemon = try StreamingDaemon(ws)
        daemon.send(HostileInput.swipe("0001234567", at: 100) + HostileInput.swipe("0001234568", at: 200))
        let spool = SwipeSpool.path(forDatabase: ws.database)
        #expect(eventually(timeout: 10) { ((try? SwipeSpool(path: spool).inspect().swipes.count) ?? 0) == 2 })
        try locker.execute("ROLLBACK")
        // No further input: the timer alone commits the backlog.
        #expect(eventually(timeout: 10) { ((try? locker.scalar("SELECT count(*) FROM checkins")) ?? 0) == 2 })
        try daemon.input.fileHandleForWriting.close()
        daemon.process.waitUntilExit()
        #expect(daemon.process.terminationStatus == 0)
    }

    @Test func theCooldownLooksBothWaysSoAnOutOfOrderCommitCountsOnce() throws {
        let ws = try CLIWorkspace()
        try ws.setUp()
        let later = ws.directory.appendingPathComponent("later.evemu").path
        let earlier = ws.directory.appendingPathComponent("earlier.evemu").path
        try HostileInput.swipe("0001234567", at: 1_794_834_005).write(toFile: later, atomically: false, encoding: .utf8)
        try HostileInput.swipe("0001234567", at: 1_794_834_000).write(toFile: earlier, atomically: false, encoding: .utf8)
        #expect(try ws.narvarod(["--replay", later, "--reader", "entre"]).status == 0)
        #expect(try ws.narvarod(["--replay", earlier, "--reader", "entre"]).status == 0)
        let db = try SQLiteConnection(path: ws.database)
        let outcomes = try db.query("SELECT outcome FROM checkins ORDER BY time_us").map { $0.string(0) }
        #expect(outcomes == ["duplicate", "unknown"], "the swipe 5 s before the committed one is within its cooldown")
    }

    @Test func inputThatIsNotARecordingIsAnErrorNamingTheLine() throws {
        let ws = try CLIWorkspace()
        try ws.setUp()
        let directory = try ws.narvarod(["--replay", ws.directory.path, "--reader", "entre"])
        #expect(directory.status == 1)
        #expect(directory.stderr == "narvarod: \(ws.directory.path) is a directory: --replay takes an evemu recording (a file, or '-' for standard input)\n")
        let zero = try ws.narvarod(["--replay", "/dev/zero", "--reader", "entre"])
        #expect(zero.status == 1)
        #expect(zero.stderr == "narvarod: /dev/zero line 1: longer than 4096 bytes, not an evemu recording\n")
        let long = ws.directory.appendingPathComponent("long.evemu").path
        try (HostileInput.swipe("0001234567", at: 1_794_834_000) + "# " + String(repeating: "x", count: 5000) + "\n").write(
            toFile: long, atomically: false, encoding: .utf8)
        let longRun = try ws.narvarod(["--replay", long, "--reader", "entre"])
        #expect(longRun.status == 1)
        #expect(longRun.stderr.hasSuffix("narvarod: \(long) line 45: longer than 4096 bytes, not an evemu recording\n"), "\(longRun.stderr)")
        #expect(longRun.stderr.contains("checkin id=1 "), "the swipe before it is committed")
        // A read error (EIO from /proc/self/mem at offset 0) is an error, not the end of the input.
        let unreadable = try ws.narvarod(["--replay", "/proc/self/mem", "--reader", "entre"])
        #expect(unreadable.status == 1)
        #expect(unreadable.stderr.contains("cannot read /proc/self/mem"), "\(unreadable.stderr)")
    }
}
