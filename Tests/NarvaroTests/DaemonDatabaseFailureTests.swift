// A database the daemon cannot write, or a damaged one (issue 12, items 2 and 3): swipes are kept
// (queue + spool) and replay exits 1; serve refuses to start; a damaged file is never written
// into nor reported from, and doctor says how to recover. Also the serve loop's error policy.
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

@Suite(.serialized) struct DaemonDatabaseFailureTests {
    @Test func databaseErrorsSayWhatKindTheyAre() {
        let readOnly = DatabaseError(code: 8, message: "attempt to write a readonly database")          // SQLITE_READONLY
        let ioRead = DatabaseError(code: 266, message: "disk I/O error")                                  // SQLITE_IOERR_READ
        let corrupt = DatabaseError(code: 11, message: "database disk image is malformed")                // SQLITE_CORRUPT
        let busy = DatabaseError(code: 5, message: "database is locked")
        let full = DatabaseError(code: 13, message: "database or disk is full")
        #expect(readOnly.isReadOnly && !readOnly.isBusy && !readOnly.isCorrupt)
        #expect(ioRead.isIOError && !ioRead.isFull)
        #expect(corrupt.isCorrupt && DatabaseError(code: 26, message: "not a database").isCorrupt)
        #expect(busy.isBusy && full.isFull && !full.isReadOnly)
    }

    @Test func onlyAReasonOfTheSwipeItselfDropsIt() {
        #expect(SwipePipeline.dropsSwipe(StoreError.notFound(kind: "reader", name: "entre", hint: "")))
        #expect(SwipePipeline.dropsSwipe(StoreError.badCard(reader: "entre", reason: "x")))
        for error: any Error in [StoreError.database(DatabaseError(code: 8, message: "ro")), StoreError.database(DatabaseError(code: 11, message: "corrupt")),
                                 StoreError.database(DatabaseError(code: 1, message: "SQL logic error")), StoreError.database(DatabaseError(code: 522, message: "short read")),
                                 StoreError.notFound(kind: "venue", name: "x", hint: ""), DaemonError.spool("x")] {
            #expect(!SwipePipeline.dropsSwipe(error), "\(error) keeps the swipe")
        }
    }

    @Test func theServeLoopsErrorPolicyIsOneTable() {
        #expect(ServeErrorPolicy.action(for: .notify) == .ignore)
        #expect(ServeErrorPolicy.action(for: .dataVersion) == .retryNextTick)
        #expect(ServeErrorPolicy.action(for: .configurationReload) == .retryNextTick)
        #expect(ServeErrorPolicy.action(for: .retention) == .retryAfter(.seconds(600)))
        #expect(ServeErrorPolicy.action(for: .descriptors) == .fatal)
    }

    /// Issue 18: a failed daily retention (the database locked by another program) is not tried
    /// again at every tick, each try a busy wait of the loop: it backs off for 10 minutes.
    @Test func aFailedRetentionBacksOffWhileOtherStepsRetryAtTheNextTick() {
        var schedule = ServeStepSchedule()
        let failedAt = ContinuousClock.now
        #expect(schedule.isDue(.retention, at: failedAt))
        schedule.failed(.retention, at: failedAt)
        schedule.failed(.dataVersion, at: failedAt)
        #expect(!schedule.isDue(.retention, at: failedAt + .seconds(1)), "not at the next tick")
        #expect(!schedule.isDue(.retention, at: failedAt + .seconds(599)))
        #expect(schedule.isDue(.retention, at: failedAt + .seconds(600)))
        #expect(schedule.isDue(.dataVersion, at: failedAt + .seconds(1)), "data_version is retried at the next tick")
        schedule.failed(.retention, at: failedAt + .seconds(600))
        #expect(!schedule.isDue(.retention, at: failedAt + .seconds(601)), "each failure backs off again")
        schedule.succeeded(.retention)
        #expect(schedule.isDue(.retention, at: failedAt + .seconds(601)))
    }

    @Test func aReadOnlyConnectionKeepsTheSwipeQueuedAndSpooled() throws {
        let db = try TestDatabase()
        try db.standardVenue()
        _ = try db.store.hasher()
        let readOnly = Store(db: try SQLiteConnection(path: db.path, readOnly: true), cardKey: { CardHasher(key: TestDatabase.key) })
        let spoolPath = SwipeSpool.path(forDatabase: db.path)
        let pipeline = try SwipePipeline(recorder: CheckInRecorder(store: readOnly), spool: SwipeSpool(path: spoolPath))
        var events: [PipelineEvent] = []
        for event in PipelineTests.typing("1001", at: TestDatabase.time("2026-11-17T15:00:00+01:00")) { events += pipeline.feed(event, reader: "entre") }
        #expect(pipeline.backlog == 1, "\(events)")
        #expect(!events.contains { if case .rejected = $0 { true } else { false } })
        #expect(try SwipeSpool(path: spoolPath).inspect().swipes.count == 1)
        #expect(throws: StoreError.self) { try readOnly.db.requireWritable() }
        try db.store.db.requireWritable()
        // The same swipe, once the database can be written, is committed from the spool.
        let again = try SwipePipeline(recorder: db.recorder, spool: SwipeSpool(path: spoolPath))
        #expect(again.flush().count == 1)
        #expect(try db.store.db.scalar("SELECT count(*) FROM checkins") == 1)
    }

    @Test func aSwipeThatCannotBeHashedYetWaitsInMemoryInOrderAndIsLostOnlyAtExit() throws {
        let db = try TestDatabase()
        try db.standardVenue()
        final class Gate { var open = false }
        let gate = Gate()
        // The card key check cannot be read (an I/O error) until the gate opens.
        let store = try Store(path: db.path, create: false, cardKey: {
            guard gate.open else { throw StoreError.database(DatabaseError(code: 266, message: "disk I/O error")) }
            return CardHasher(key: TestDatabase.key)
        })
        let pipeline = try SwipePipeline(recorder: CheckInRecorder(store: store), spool: SwipeSpool(path: SwipeSpool.path(forDatabase: db.path)))
        let base = TestDatabase.time("2026-11-17T15:00:00+01:00")
        var events: [PipelineEvent] = []
        for (i, card) in ["1001", "1002"].enumerated() {
            for event in PipelineTests.typing(card, at: base + Int64(i) * 60_000_000) { events += pipeline.feed(event, reader: "entre") }
        }
        #expect(pipeline.backlog == 2)
        #expect(events.allSatisfy { if case .deferred = $0 { true } else { false } }, "\(events)")
        gate.open = true
        let committed = pipeline.flush().compactMap { if case .recorded(let r) = $0 { r.time } else { nil } }
        #expect(committed.count == 2 && committed == committed.sorted(), "both, in arrival order")
        gate.open = false
        let late = try Store(path: db.path, create: false, cardKey: { throw StoreError.database(DatabaseError(code: 266, message: "disk I/O error")) })
        let stuck = try SwipePipeline(recorder: CheckInRecorder(store: late), spool: nil)
        for event in PipelineTests.typing("1003", at: base + 600_000_000) { _ = stuck.feed(event, reader: "entre") }
        #expect(stuck.backlog == 1)
        let lost = stuck.abandonUnhashed()
        #expect(lost.count == 1 && stuck.backlog == 0)
        #expect(lost.allSatisfy { if case .failed = $0 { true } else { false } })
    }

    /// A database restored by root (mode 0644) that the daemon's user cannot write.
    @Test(.enabled(if: getuid() == 0, "needs root to run narvarod as another user"))
    func aDatabaseTheDaemonCannotWriteKeepsEverySwipeAndServeRefusesToStart() throws {
        let ws = try CLIWorkspace()
        try ws.setUp()
        #expect(try ws.narvarod(["--replay", "/dev/null", "--reader", "entre"]).status == 0)
        let dir = ws.directory.path, key = ws.environment["NARVARO_CARD_KEY"] ?? ""
        #expect(chown(dir, 65534, 65534) == 0 && chown(key, 65534, 65534) == 0 && chmod(dir, 0o755) == 0 && chmod(ws.database, 0o644) == 0)
        // Writers keep the -wal and -shm files (staff read through them): restored by root with the database.
        for suffix in ["-wal", "-shm"] { _ = chmod(ws.database + suffix, 0o644) }
        func asNobody(_ arguments: [String]) throws -> ProcessResult {
            try Executables.runTool("/usr/bin/timeout", ["20", "/usr/bin/setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", "/usr/bin/env",
                                                         "NARVARO_DATABASE=\(ws.database)", "NARVARO_CARD_KEY=\(key)",
                                                         "NARVARO_DEV_ROOT=\(dir)/dev", Executables.path("narvarod")] + arguments)
        }
        let recording = fixturesDirectory.appendingPathComponent("demo/entre-week.evemu").path
        let replay = try asNobody(["--replay", recording, "--reader", "entre", "--start", "2026-11-16T00:00:00+01:00", "--drain-timeout", "0"])
        #expect(replay.status == 1, "\(replay.stderr.suffix(300))")
        #expect(replay.stdout.contains("0 swipes recorded, 0 rejected"), "\(replay.stdout)")
        #expect(replay.stderr.contains("37 swipes wait in the spool") && replay.stderr.contains("read-only"), "\(replay.stderr.suffix(300))")
        #expect(try SwipeSpool(path: SwipeSpool.path(forDatabase: ws.database)).inspect().swipes.count == 37)
        let serve = try asNobody([])
        #expect(serve.status == 1)
        #expect(serve.stderr == "narvarod: database \(ws.database) cannot be written (opened read-only): give the daemon's user write access to it and its directory, or remount the filesystem read-write\n")
        // Write access restored: the next start commits all 37.
        #expect(chown(ws.database, 65534, 65534) == 0)
        for suffix in ["-wal", "-shm"] { _ = chown(ws.database + suffix, 65534, 65534) }
        let after = try asNobody(["--replay", "/dev/null", "--reader", "entre"])
        #expect(after.status == 0 && after.stdout.contains("37 swipes recorded"), "\(after.stdout) \(after.stderr.suffix(300))")
    }

    @Test func aDamagedDatabaseIsNeitherWrittenIntoNorReportedFrom() throws {
        let ws = try CLIWorkspace()
        try ws.setUp()
        let recording = fixturesDirectory.appendingPathComponent("demo/entre-week.evemu").path
        #expect(try ws.narvarod(["--replay", recording, "--reader", "entre", "--start", "2026-11-16T00:00:00+01:00"]).status == 0)
        // Garble the root page of `checkins` in the file itself (the WAL checkpointed into it first).
        let root: Int64
        do {
            let db = try SQLiteConnection(path: ws.database)
            _ = try db.query("PRAGMA wal_checkpoint(TRUNCATE)")
            root = try db.scalar("SELECT rootpage FROM sqlite_master WHERE name = 'checkins'")
        }
        let file = try FileHandle(forUpdating: URL(fileURLWithPath: ws.database))
        try file.seek(toOffset: UInt64(root - 1) * 4096 + 8)
        file.write(Data(repeating: 0xA5, count: 64))
        try file.close()

        let replay = try ws.narvarod(["--replay", recording, "--reader", "entre", "--start", "2026-11-23T00:00:00+01:00"])
        #expect(replay.status == 1)
        #expect(replay.stderr.contains("is damaged") && replay.stderr.contains("narvaro doctor"), "\(replay.stderr)")
        #expect(!replay.stderr.contains("checkin id="), "nothing written into it")
        let serve = try ServingDaemon(ws)
        #expect(serve.exited(), "it refuses to start")
        serve.stop()
        #expect(serve.process.terminationStatus == 1 && serve.log.contains("is damaged"), "\(serve.log)")
        let report = try ws.narvaro("report", "--week", "2026-W47")
        #expect(report.status == 1 && report.stdout.isEmpty && report.stderr.contains("is damaged"), "\(report.stdout) \(report.stderr)")
        let export = try ws.narvaro("export", "--period", "2026-H2", "--format", "csv")
        #expect(export.status == 1 && export.stdout.isEmpty && export.stderr.contains("is damaged"), "\(export.stderr)")
        let doctor = try ws.narvaro("doctor")
        #expect(doctor.status == 1)
        #expect(doctor.stdout.contains("restore \(ws.database) from a backup") && doctor.stdout.contains(".recover"), "\(doctor.stdout)")
    }
}
