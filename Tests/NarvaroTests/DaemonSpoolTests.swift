// The spool under damage (issue 12, item 4): bad lines are quarantined by number and the good ones
// committed; old-format lines still read; a symlink is refused, a 0666 spool narrowed to 0600;
// impossible times (Int64.min, year 294247) never crash and are refused wherever they enter.
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

@Suite struct DaemonSpoolTests {
    @Test func badLinesAreQuarantinedByNumberAndEveryGoodLineIsCommitted() throws {
        let ws = try CLIWorkspace()
        try ws.setUp()
        _ = try ws.narvarod(["--replay", "/dev/null", "--reader", "entre"]) // creates the card key
        let t = TestDatabase.time("2026-11-17T15:00:00+01:00").microseconds
        let good1 = HostileInput.spoolLine(t, hash: 1)
        let badUTF8: [UInt8] = Array("\(t + 1)\tentr".utf8) + [0xFF, 0xFE] + Array("e\t\(String(repeating: "ab", count: 32))\n".utf8)
        let oldCRLF = HostileInput.oldSpoolLine(t + 60_000_000, hash: 2).replacingOccurrences(of: "\n", with: "\r\n")
        var badChecksum = HostileInput.spoolLine(t + 120_000_000, hash: 3)
        badChecksum = String(badChecksum.dropLast(2)) + (badChecksum.dropLast().last == "0" ? "1" : "0") + "\n"
        let minTime = HostileInput.oldSpoolLine(.min, hash: 4)               // crashed narvarod at every start
        let farFuture = HostileInput.spoolLine(9_223_372_036_854_775_807, hash: 5)  // year 294247
        let good2 = HostileInput.spoolLine(t + 180_000_000, hash: 6)
        var bytes = Array(good1.utf8) + badUTF8 + Array(oldCRLF.utf8) + Array(badChecksum.utf8)
        bytes += Array(minTime.utf8) + Array(farFuture.utf8) + Array(good2.utf8) + Array("1794834000\tentre".utf8) // torn last write
        let spool = SwipeSpool.path(forDatabase: ws.database)
        try Data(bytes).write(to: URL(fileURLWithPath: spool))

        let run = try ws.narvarod(["--replay", "/dev/null", "--reader", "entre"])
        #expect(run.status == 0, "\(run.stderr)")
        for line in [2, 4, 5, 6, 8] {
            #expect(run.stderr.contains("spool-line-quarantined spool=\(spool) line=\(line) "), "line \(line) named: \(run.stderr)")
        }
        #expect(run.stdout.contains("3 swipes recorded"), "lines 1, 3 (old format, CRLF) and 7: \(run.stdout)")
        let store = try Store(path: ws.database, create: false, cardKey: { CardHasher(key: TestDatabase.key) })
        #expect(try store.db.scalar("SELECT count(*) FROM checkins") == 3)
        let quarantined = try Data(contentsOf: URL(fileURLWithPath: spool + ".quarantine"))
        #expect(Array(quarantined) == badUTF8 + Array(badChecksum.utf8) + Array(minTime.utf8) + Array(farFuture.utf8) + Array("1794834000\tentre\n".utf8),
                "the bad lines are kept byte for byte")
        #expect(try Data(contentsOf: URL(fileURLWithPath: spool)).isEmpty, "emptied only after the good lines were committed")
        #expect(try mode(spool + ".quarantine") == 0o600)
    }

    @Test func theQuarantineHappensBeforeTheSpoolIsRewrittenAndDoctorChangesNothing() throws {
        let db = try TestDatabase()
        let spoolPath = SwipeSpool.path(forDatabase: db.path)
        let t = TestDatabase.time("2026-11-17T15:00:00+01:00").microseconds
        let text = HostileInput.spoolLine(t, hash: 1) + "garbage\n" + HostileInput.spoolLine(t + 1, hash: 2)
        try text.write(toFile: spoolPath, atomically: false, encoding: .utf8)
        let finding = Doctor.checkSpool(database: db.path)
        #expect(finding.status == .warning && finding.detail.contains("line 2"), "\(finding)")
        #expect(try String(contentsOfFile: spoolPath, encoding: .utf8) == text, "doctor only looks")
        let contents = try SwipeSpool(path: spoolPath).load()
        #expect(contents.swipes.map(\.time.microseconds) == [t, t + 1])
        #expect(contents.quarantined == [QuarantinedSpoolLine(line: 2, reason: "expected 4 tab-separated fields, found 1")])
        #expect(try String(contentsOfFile: spoolPath + ".quarantine", encoding: .utf8) == "garbage\n")
        #expect(try String(contentsOfFile: spoolPath, encoding: .utf8) == HostileInput.spoolLine(t, hash: 1) + HostileInput.spoolLine(t + 1, hash: 2))
    }

    @Test func aSymlinkedSpoolIsRefusedAndItsTargetLeftAlone() throws {
        let ws = try CLIWorkspace()
        try ws.setUp()
        let target = ws.directory.appendingPathComponent("elsewhere").path
        try "precious\n".write(toFile: target, atomically: false, encoding: .utf8)
        let spool = SwipeSpool.path(forDatabase: ws.database)
        #expect(symlink(target, spool) == 0)
        let recording = fixturesDirectory.appendingPathComponent("demo/entre-week.evemu").path
        let run = try ws.narvarod(["--replay", recording, "--reader", "entre", "--start", "2026-11-16T00:00:00+01:00"])
        #expect(run.status == 1)
        #expect(run.stderr.contains("is a symbolic link"), "\(run.stderr)")
        #expect(try String(contentsOfFile: target, encoding: .utf8) == "precious\n")
        let serving = try ServingDaemon(ws)
        #expect(serving.exited(), "it refuses to start")
        serving.stop()
        #expect(serving.process.terminationStatus == 1)
        #expect(serving.log.contains("is a symbolic link"), "\(serving.log)")
        #expect(try String(contentsOfFile: target, encoding: .utf8) == "precious\n")
    }

    @Test func aWorldWritableSpoolIsNarrowedTo0600() throws {
        let ws = try CLIWorkspace()
        try ws.setUp()
        _ = try ws.narvarod(["--replay", "/dev/null", "--reader", "entre"])
        let spool = SwipeSpool.path(forDatabase: ws.database)
        let t = TestDatabase.time("2026-11-17T15:00:00+01:00").microseconds
        try HostileInput.spoolLine(t, hash: 9).write(toFile: spool, atomically: false, encoding: .utf8)
        #expect(chmod(spool, 0o666) == 0)
        let run = try ws.narvarod(["--replay", "/dev/null", "--reader", "entre"])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stderr.contains("spool-mode-fixed spool=\(spool) was=666 now=600"), "\(run.stderr)")
        #expect(try mode(spool) == 0o600)
        #expect(run.stdout.contains("1 swipes recorded"))
    }

    @Test func impossibleTimesAreRefusedWhereverTheyEnter() throws {
        // The recorder: Int64.min used to overflow the cooldown window (a crash).
        let db = try TestDatabase()
        try db.standardVenue()
        for micros in [Int64.min, -1, SwipeTimeRange.end.microseconds, .max] {
            let time = EventTime(microseconds: micros)
            #expect(throws: StoreError.badTime(reader: "entre", time: time)) { try db.recorder.record(Swipe(reader: "entre", card: "42", time: time)) }
            let prepared = PreparedSwipe(reader: "entre", time: time, cardHash: Array(repeating: 1, count: 32))
            #expect(throws: StoreError.badTime(reader: "entre", time: time)) { try db.recorder.record(prepared) }
            #expect(SwipePipeline.dropsSwipe(StoreError.badTime(reader: "entre", time: time)))
        }
        #expect(try db.store.db.scalar("SELECT count(*) FROM checkins") == 0)
        // The decoder: a swipe whose Enter carries an impossible time is rejected, not emitted.
        var script = KeyScript(start: 9_000_000_000_000_000_000)
        script.type("0001234567")
        let enter = script.enter()
        #expect(decode(script.events) == [.rejected(.badTime, at: enter)])
    }

    @Test func aYear294247SwipeInARecordingIsRejectedNotGreetedAsToday() throws {
        let ws = try CLIWorkspace()
        try ws.setUp()
        let recording = ws.directory.appendingPathComponent("future.evemu").path
        try (HostileInput.swipe("0001234567", at: 9_000_000_000_000) + HostileInput.swipe("0001234568", at: 1_794_834_000)).write(
            toFile: recording, atomically: false, encoding: .utf8)
        let run = try ws.narvarod(["--replay", recording, "--reader", "entre"])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.contains("1 swipes recorded, 1 rejected"), "\(run.stdout)")
        #expect(run.stderr.contains("reason=badTime"), "\(run.stderr)")
        let store = try Store(path: ws.database, create: false, cardKey: { CardHasher(key: TestDatabase.key) })
        #expect(try store.db.scalar("SELECT max(time_us) FROM checkins") == 1_794_834_000_000_000 + 80_000, "the Enter of the real swipe")
    }

    func mode(_ path: String) throws -> mode_t {
        var info = stat()
        guard stat(path, &info) == 0 else { throw StoreErrorForTests(message: "stat \(path)") }
        return info.st_mode & 0o7777
    }
}

@Suite struct DaemonSpoolDurabilityTests {
    /// The spool's directory entry must survive a power cut too: after creating the spool, the
    /// daemon fsyncs its directory (seen in the system calls it makes, traced with strace).
    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/strace")))
    func creatingTheSpoolFsyncsItsDirectory() throws {
        let ws = try CLIWorkspace()
        try ws.setUp()
        #expect(try ws.narvarod(["--replay", "/dev/null", "--reader", "entre"]).status == 0)
        let locker = try SQLiteConnection(path: ws.database)
        try locker.execute("BEGIN IMMEDIATE")
        defer { try? locker.execute("ROLLBACK") }
        let recording = ws.directory.appendingPathComponent("one.evemu").path
        try HostileInput.swipe("0001234567", at: 1_794_834_000).write(toFile: recording, atomically: false, encoding: .utf8)
        let trace = ws.directory.appendingPathComponent("trace.txt").path
        let run = try Executables.runTool("/usr/bin/strace", ["-f", "-e", "trace=openat,fsync", "-o", trace, "/usr/bin/env",
                                                              "NARVARO_DATABASE=\(ws.database)", "NARVARO_CARD_KEY=\(ws.environment["NARVARO_CARD_KEY"] ?? "")",
                                                              Executables.path("narvarod"), "--replay", recording, "--reader", "entre", "--drain-timeout", "0"])
        #expect(run.status == 1 && run.stderr.contains("1 swipes wait in the spool"), "\(run.stderr.suffix(300))")
        let calls = try String(contentsOfFile: trace, encoding: .utf8).split(separator: "\n").map(String.init)
        let spool = SwipeSpool.path(forDatabase: ws.database)
        guard let created = calls.firstIndex(where: { $0.contains("openat(AT_FDCWD, \"\(spool)\"") && $0.contains("O_CREAT") }) else {
            Issue.record("the spool was not created: \(calls.suffix(20))")
            return
        }
        let directoryOpen = calls[created...].first { $0.contains("openat(AT_FDCWD, \"\(ws.directory.path)\"") && $0.contains("O_DIRECTORY") }
        let fd = directoryOpen.flatMap { $0.split(separator: "=").last?.trimmingCharacters(in: .whitespaces) }
        #expect(fd != nil, "the directory is opened after the spool is created")
        #expect(calls[created...].contains { fd != nil && $0.contains("fsync(\(fd ?? ""))") && $0.hasSuffix("= 0") }, "and fsynced")
    }
}

extension DaemonSpoolDurabilityTests {
    /// A FIFO planted as the spool must not hang the daemon (open would wait for a reader).
    @Test func aFIFOAtTheSpoolPathIsRefusedWithoutHanging() throws {
        let db = try TestDatabase()
        let path = SwipeSpool.path(forDatabase: db.path)
        #expect(mkfifo(path, 0o600) == 0)
        let swipe = PreparedSwipe(reader: "entre", time: TestDatabase.time("2026-11-17T15:00:00+01:00"), cardHash: Array(repeating: 1, count: 32))
        #expect(throws: DaemonError.self) { try SwipeSpool(path: path).store([swipe]) }
        #expect(throws: DaemonError.self) { _ = try SwipeSpool(path: path).load() }
    }
}
