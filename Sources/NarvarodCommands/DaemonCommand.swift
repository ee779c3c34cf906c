// The options of narvarod and the choice between replaying a recording and serving readers.
import NarvaroCLI
import NarvaroCore

import NarvaroDaemon
import FoundationEssentials
import Glibc

let daemonCommand = CommandSpec(
    ["run"], "serve card readers, or replay a recording (--replay)",
    options: [
        .value("--replay", "FILE", "replay an evemu recording ('-' reads standard input, committing each swipe as it arrives)"),
        .value("--reader", "NAME", "with --replay or --device: the configured reader the input belongs to"),
        .value("--start", "ISO8601", "with --replay: the time that small event times count from (default now)"),
        .value("--device", "PATH", "read one input device as --reader until SIGINT/SIGTERM"),
        .value("--drain-timeout", "SECONDS", "with --replay: how long to keep retrying swipes the database could not take yet (default 30)"),
        .value("--batch", "N", "with --replay: commit N swipes per transaction (default 1: each swipe committed as it is decoded)"),
        .flag("--verbose", "log debug lines"),
    ]
) { args, ctx in
    let journal = Journal(minimum: args.flag("--verbose") ? .debug : .info)
    // The database, its WAL/SHM and the spool are private to the service user and its group.
    umask(0o027)
    if let replay = args.string("--replay") {
        guard let reader = args.string("--reader") else { throw CommandError.usage("--replay needs --reader NAME") }
        try runReplay(path: replay, reader: reader, start: args.string("--start"), drainSeconds: try args.int("--drain-timeout", in: 0...86_400) ?? 30,
                      batch: try args.int("--batch", in: 1...100_000) ?? 1, context: ctx, journal: journal)
        return
    }
    if args.string("--batch") != nil { throw CommandError.usage("--batch goes with --replay") }
    if args.string("--start") != nil { throw CommandError.usage("--start goes with --replay") }
    var fixed: (reader: String, path: String)?
    if let device = args.string("--device") {
        guard let reader = args.string("--reader") else { throw CommandError.usage("--device needs --reader NAME") }
        // A device named on the command line must be a keyboard-like evdev node now: say so at once.
        try ReaderSource(path: device).close()
        fixed = (reader, device)
    } else if args.string("--reader") != nil {
        throw CommandError.usage("--reader goes with --replay or --device")
    }
    // One serving daemon per database (it alone owns the spool); held until the process ends.
    let lock = try DaemonLock.acquire(database: ctx.databasePath)
    defer { withExtendedLifetime(lock) {} }
    let store = try openDaemonStore(ctx, busyTimeoutMilliseconds: 100)
    // Swipes the daemon could never commit must not pile up unseen: refuse to start instead.
    try store.requireWritable()
    let spool = SwipeSpool(path: SwipeSpool.path(forDatabase: ctx.databasePath))
    let pipeline = try SwipePipeline(recorder: CheckInRecorder(store: store), spool: spool, busyTimeouts: daemonBusyTimeouts)
    logSpoolLoad(pipeline.spoolContents, spool: spool, journal: journal)
    let scanner = InputDeviceScanner(devRoot: ctx.environment["NARVARO_DEV_ROOT"] ?? "/dev", sysRoot: ctx.environment["NARVARO_SYS_ROOT"] ?? "/sys")
    let readers = ReaderService(store: store, pipeline: pipeline, journal: journal, scanner: scanner, fixedDevice: fixed)
    let loop = try ServeLoop(store: store, pipeline: pipeline, readers: readers, journal: journal, environment: ctx.environment)
    let code = try loop.run()
    if code != 0 { throw CommandError.daemonFailed("narvarod stopped with code \(code)") }
}

/// Opens the store for the daemon: a short busy timeout so a locked database defers swipes to the
/// spool instead of stalling the loop, and the card key created on first start.
func openDaemonStore(_ ctx: CommandContext, busyTimeoutMilliseconds: Int) throws -> Store {
    let db = try NarvaroDatabase.open(path: ctx.databasePath, create: true, busyTimeoutMilliseconds: busyTimeoutMilliseconds)
    // A damaged database is never written into (ids would be reused, totals go wrong).
    try db.requireIntact()
    let store = Store(db: db, cardKey: Store.cardKeyProvider(path: ctx.cardKeyPath, db: db))
    _ = try store.hasher()
    return store
}

/// A swipe's first attempt waits out a brief lock (the 100 ms the store is opened with); retries
/// behind a backlog do not wait at all, so the poll loop never stalls while the lock is held.
let daemonBusyTimeouts = BusyTimeouts(first: 100, retry: 0)

func parseStart(_ text: String?) throws -> EventTime {
    guard let text else { return EventTime(microseconds: Int64(Date().timeIntervalSince1970 * 1_000_000)) }
    guard let time = ISO8601.parse(text) else {
        throw CommandError.usage("--start takes an ISO 8601 time with offset, e.g. 2026-11-16T00:00:00+01:00, not '\(text)'")
    }
    return time
}

/// The most swipes of a replay that share one sync of the WAL, each still its own transaction:
/// enough that the sync no longer dominates (issue 17), few enough that each group is reported
/// within ~25 ms.
let replayGroup = 256

func runReplay(path: String, reader: String, start: String?, drainSeconds: Int, batch: Int = 1, context ctx: CommandContext, journal: Journal) throws {
    let startTime = try parseStart(start)
    let source = try LineSource(path: path)
    // The spool belongs to whoever holds the daemon lock. Beside a serving daemon (or another
    // replay) this replay keeps its backlog in memory only: it never touches their spool.
    var lock: DaemonLock?
    do { lock = try DaemonLock.acquire(database: ctx.databasePath) } catch let error as DaemonError {
        guard case .lockHeld = error else { throw error }
        journal.log(.notice, "spool-not-used", [("reason", error.description)])
    }
    defer { withExtendedLifetime(lock) {} }
    // A short busy timeout: a locked database defers swipes to the queue (and spool) instead of
    // holding up the input; the backlog is retried every second and at the end.
    let store = try openDaemonStore(ctx, busyTimeoutMilliseconds: 100)
    _ = try store.reader(named: reader)
    let spool = lock == nil ? nil : SwipeSpool(path: SwipeSpool.path(forDatabase: ctx.databasePath))
    // Swipes read together wait in memory for their group (or batch) until it is full, the input
    // pauses or ends: the recording itself is what a crash mid-group would replay again (idempotent).
    let policy: CommitPolicy = batch > 1 ? .batches(of: batch) : .groups(of: replayGroup)
    let pipeline = try SwipePipeline(recorder: CheckInRecorder(store: store), spool: spool, busyTimeouts: daemonBusyTimeouts,
                                     policy: policy)
    if let spool { logSpoolLoad(pipeline.spoolContents, spool: spool, journal: journal) }
    // Start-up's code (opening, checking, migrating the database) is not the replay's: hand its pages
    // back so they do not add to the replay's peak (issue 17, goals 2 and 7).
    StartUpPages.release()
    var summary = try Replay.run(source: source, reader: reader, start: startTime, pipeline: pipeline) { journal.log($0) }
    let deadline = Date().addingTimeInterval(Double(drainSeconds))
    var lastReport = Date()
    while pipeline.backlog > 0, Date() < deadline {
        usleep(250_000)
        for event in pipeline.flush() {
            summary.count(event)
            if case .deferred = event { continue }
            journal.log(event)
        }
        if Date().timeIntervalSince(lastReport) >= 5 {
            journal.log(.warning, "backlog", [("swipes", String(pipeline.backlog))])
            lastReport = Date()
        }
    }
    for event in pipeline.abandonUnhashed() {
        summary.count(event)
        journal.log(event)
    }
    do { try pipeline.catchUpStatistics(waiting: true) } catch {
        // The check-ins are on disk; their statistics follow at the next start or `narvaro` command.
        journal.log(.warning, "statistics-behind", [("error", "\(error)"), ("what", "counted when narvarod or narvaro next opens the database")])
    }
    summary.pending = pipeline.backlog
    var line = "replayed \(path == "-" ? "standard input" : path) as \(reader): \(summary.recorded) swipes recorded, \(summary.rejected) rejected"
    if summary.alreadyRecorded > 0 { line += ", \(summary.alreadyRecorded) already recorded" }
    ctx.out(line + "\n")
    if summary.failed > 0 {
        throw CommandError.notRecorded("\(summary.failed) swipes could not be recorded (see the swipe-lost lines above): fix the database, then replay \(path) again (swipes already recorded are not counted twice)")
    }
    if summary.pending > 0 {
        let why = pipeline.lastDeferral ?? "the database could not take them"
        if let spool {
            throw CommandError.notRecorded("\(summary.pending) swipes wait in the spool \(spool.path), not yet committed (\(why)): they are safe; run narvarod again when the database can take them")
        }
        throw CommandError.notRecorded("\(summary.pending) swipes were not committed (\(why)) and not spooled (another narvarod owns the spool): replay \(path) again later (swipes already recorded are not counted twice)")
    }
}

/// Logs what loading the spool found: each quarantined line by number, a mode narrowed to 0600.
func logSpoolLoad(_ contents: SpoolContents, spool: SwipeSpool, journal: Journal) {
    for bad in contents.quarantined {
        journal.log(.warning, "spool-line-quarantined", [("spool", spool.path), ("line", String(bad.line)), ("reason", bad.reason),
                                                         ("moved-to", spool.quarantinePath)])
    }
    if let mode = contents.modeFixedFrom {
        journal.log(.warning, "spool-mode-fixed", [("spool", spool.path), ("was", String(mode, radix: 8)), ("now", "600")])
    }
}
