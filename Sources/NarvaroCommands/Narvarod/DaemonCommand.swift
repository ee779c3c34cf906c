// The options of narvarod and the choice between replaying a recording and serving readers.
import NarvaroCore
import NarvaroDesk
import NarvaroDaemon
import Foundation

let daemonCommand = CommandSpec(
    ["run"], "serve card readers, or replay a recording (--replay)",
    options: [
        .value("--replay", "FILE", "replay an evemu recording ('-' reads standard input, committing each swipe as it arrives)"),
        .value("--reader", "NAME", "with --replay or --device: the configured reader the input belongs to"),
        .value("--start", "ISO8601", "with --replay: the time that small event times count from (default now)"),
        .value("--device", "PATH", "read one input device as --reader until SIGINT/SIGTERM"),
        .value("--drain-timeout", "SECONDS", "with --replay: how long to keep retrying swipes the database could not take yet (default 30)"),
        .flag("--verbose", "log debug lines"),
    ]
) { args, ctx in
    let journal = Journal(minimum: args.flag("--verbose") ? .debug : .info)
    // The database, its WAL/SHM and the spool are private to the service user and its group.
    umask(0o027)
    if let replay = args.string("--replay") {
        guard let reader = args.string("--reader") else { throw UsageError("--replay needs --reader NAME") }
        try runReplay(path: replay, reader: reader, start: args.string("--start"), drainSeconds: try args.int("--drain-timeout", in: 0...86_400) ?? 30,
                      context: ctx, journal: journal)
        return
    }
    if args.string("--start") != nil { throw UsageError("--start goes with --replay") }
    var fixed: (reader: String, path: String)?
    if let device = args.string("--device") {
        guard let reader = args.string("--reader") else { throw UsageError("--device needs --reader NAME") }
        // A device named on the command line must be a keyboard-like evdev node now: say so at once.
        try ReaderSource(path: device).close()
        fixed = (reader, device)
    } else if args.string("--reader") != nil {
        throw UsageError("--reader goes with --replay or --device")
    }
    let store = try openDaemonStore(ctx, busyTimeoutMilliseconds: 100)
    let pipeline = try SwipePipeline(recorder: CheckInRecorder(store: store), spool: SwipeSpool(path: SwipeSpool.path(forDatabase: ctx.databasePath)))
    let scanner = InputDeviceScanner(devRoot: ctx.environment["NARVARO_DEV_ROOT"] ?? "/dev", sysRoot: ctx.environment["NARVARO_SYS_ROOT"] ?? "/sys")
    let readers = ReaderService(store: store, pipeline: pipeline, journal: journal, scanner: scanner, fixedDevice: fixed)
    let loop = try ServeLoop(store: store, pipeline: pipeline, readers: readers, journal: journal, environment: ctx.environment)
    let code = try loop.run()
    if code != 0 { throw StoreError.invalid("narvarod stopped with code \(code)") }
}

/// Opens the store for the daemon: a short busy timeout so a locked database defers swipes to the
/// spool instead of stalling the loop, and the card key created on first start.
func openDaemonStore(_ ctx: CommandContext, busyTimeoutMilliseconds: Int) throws -> Store {
    let db = try NarvaroDatabase.open(path: ctx.databasePath, create: true, busyTimeoutMilliseconds: busyTimeoutMilliseconds)
    let store = Store(db: db, cardKey: Store.cardKeyProvider(path: ctx.cardKeyPath, db: db))
    _ = try store.hasher()
    return store
}

func parseStart(_ text: String?) throws -> EventTime {
    guard let text else { return EventTime(microseconds: Int64(Date().timeIntervalSince1970 * 1_000_000)) }
    guard let time = ISO8601.parse(text) else {
        throw UsageError("--start takes an ISO 8601 time with offset, e.g. 2026-11-16T00:00:00+01:00, not '\(text)'")
    }
    return time
}

func runReplay(path: String, reader: String, start: String?, drainSeconds: Int, context ctx: CommandContext, journal: Journal) throws {
    let startTime = try parseStart(start)
    // A short busy timeout: a locked database defers swipes to the queue and spool instead of
    // holding up the input; the backlog is retried with every new swipe and at the end.
    let store = try openDaemonStore(ctx, busyTimeoutMilliseconds: 100)
    _ = try store.reader(named: reader)
    let source = try LineSource(path: path)
    let pipeline = try SwipePipeline(recorder: CheckInRecorder(store: store), spool: SwipeSpool(path: SwipeSpool.path(forDatabase: ctx.databasePath)))
    var summary = try Replay.run(source: source, reader: reader, start: startTime, pipeline: pipeline) { journal.log($0) }
    let deadline = Date().addingTimeInterval(Double(drainSeconds))
    var lastReport = Date()
    while pipeline.backlog > 0, Date() < deadline {
        usleep(250_000)
        for event in pipeline.flush() {
            if case .recorded = event { summary.recorded += 1; journal.log(event) }
        }
        if Date().timeIntervalSince(lastReport) >= 5 {
            journal.log(.warning, "backlog", [("swipes", String(pipeline.backlog))])
            lastReport = Date()
        }
    }
    summary.pending = pipeline.backlog
    var line = "replayed \(path == "-" ? "standard input" : path) as \(reader): \(summary.recorded) swipes recorded, \(summary.rejected) rejected"
    if summary.alreadyRecorded > 0 { line += ", \(summary.alreadyRecorded) already recorded" }
    ctx.out(line + "\n")
    if summary.pending > 0 {
        throw StoreError.invalid("\(summary.pending) swipes wait in the spool \(SwipeSpool.path(forDatabase: ctx.databasePath)) because the database could not take them (busy or disk full): they are safe; run narvarod again when it can")
    }
}
