// narvarod's one thread: a poll() loop over the readers' fds, inotify for hotplug and for the
// database's directory, a signalfd and a one-shot timerfd re-armed to the next deadline, so idle it
// sleeps (issue 17). Each swipe is committed before it is logged; a database that cannot take it
// defers it to the spool, retried every second without waiting for the lock (see SwipePipeline).
// The tick checks configuration changes (PRAGMA data_version), pets the watchdog, runs the daily
// retention and, `statisticsPause` after the first swipe not counted yet, the statistics' catch-up.
// What a failed step means is ServeErrorPolicy's decision, applied in `attempt`.
import NarvaroCore
import FoundationEssentials

public final class ServeLoop {
    private let store: Store
    private let pipeline: SwipePipeline
    private let readers: ReaderService
    private let journal: Journal
    private let notifier: SystemdNotifier
    private let signals: SignalDescriptor
    private let timer: TimerDescriptor
    private var inotify: InotifyWatcher
    /// The database's directory: another program's commit writes the -wal there, so a configuration
    /// change wakes the loop without polling data_version.
    private var databaseWatch: InotifyWatcher
    private var lastTick = ContinuousClock.now
    /// When the statistics of the check-ins just recorded are written: a short pause after the first
    /// swipe not counted yet, so a queue at the desk is counted in one catch-up, not one per swipe,
    /// and a steady stream still at least every `statisticsPause`.
    private var statisticsDue: ContinuousClock.Instant?
    static let statisticsPause = Duration.milliseconds(50)
    /// When the daily retention is next looked at: the venue's next midnight (at most an hour away,
    /// in case the wall clock jumps), or the end of a back-off.
    private var retentionDue = ContinuousClock.now
    private var dataVersion: Int64 = 0
    private var lastWatchdog = ContinuousClock.now
    private var lastBacklogLog = ContinuousClock.now
    private var lastStatus = ""
    private var lastRetentionDay: LocalDate?
    /// Whether StartUpPages.release() has run (once, before the first long sleep).
    private var startUpReleased = false
    private var swipesToday = 0
    private var today: LocalDate?
    /// Steps failing now (warned about once, until they succeed again).
    private var failing: Set<ServeStep> = []
    /// Steps backing off after a failure (the retention), as ServeErrorPolicy says.
    private var schedule = ServeStepSchedule()

    /// Creates the descriptors. Call before any other thread exists: the signals are blocked here.
    public init(store: Store, pipeline: SwipePipeline, readers: ReaderService, journal: Journal,
                environment: [String: String] = ProcessInfo.processInfo.environment) throws {
        self.signals = try SignalDescriptor(signals: [.terminate, .interrupt, .hangup])
        self.store = store
        self.pipeline = pipeline
        self.readers = readers
        self.journal = journal
        self.notifier = try SystemdNotifier(environment: environment)
        self.timer = try TimerDescriptor(interval: .seconds(1))
        self.inotify = try InotifyWatcher(mask: .hotplug)
        for directory in [readers.scanner.inputDirectory] + readers.scanner.linkDirectories {
            _ = try inotify.watch(directory)
        }
        self.databaseWatch = try InotifyWatcher(mask: [.modified, .created, .movedIn])
        _ = try databaseWatch.watch(URL(fileURLWithPath: store.databasePath).deletingLastPathComponent().path)
    }

    /// Runs until SIGTERM or SIGINT; returns the exit code.
    public func run() throws -> Int32 {
        try readers.loadConfiguration()
        readers.rescan()
        dataVersion = try store.dataVersion()
        if readers.readersUp < readers.readersConfigured {
            journal.log(.warning, "readers-missing", [("up", String(readers.readersUp)), ("configured", String(readers.readersConfigured)),
                                                      ("what", "waiting for them to be plugged in")])
        }
        report(pipeline.flush())
        // Check-ins an earlier run recorded but did not count (it was killed or lost power).
        try catchUpStatistics()
        try attempt(.notify) { try notifier.ready(status: status()) }
        journal.log(.notice, "ready", [("readers", "\(readers.readersUp)/\(readers.readersConfigured)"), ("backlog", String(pipeline.backlog))])
        while true {
            updateStatus()
            if pipeline.statisticsBehind > 0, statisticsDue == nil { statisticsDue = .now + Self.statisticsPause }
            let wake = nextWake()
            try attempt(.descriptors) { try timer.arm(after: wake) }
            var poller = Poller()
            poller.add(signals.fileDescriptor)
            poller.add(timer.fileDescriptor)
            poller.add(inotify.fileDescriptor)
            poller.add(databaseWatch.fileDescriptor)
            let readerFDs = readers.fileDescriptors
            for entry in readerFDs { poller.add(entry.fd) }
            // The first long sleep (start-up and the first retention done): start-up's code pages and
            // heap peak need not stay resident while the loop sleeps (issue 17, goal 7).
            if !startUpReleased, wake >= .seconds(2) {
                StartUpPages.release()
                startUpReleased = true
            }
            for ready in try attempt(.descriptors, { try poller.wait(timeout: .infinite) }) ?? [] {
                if ready.fileDescriptor == signals.fileDescriptor {
                    if let code = try handleSignal() { return code }
                } else if ready.fileDescriptor == timer.fileDescriptor {
                    try attempt(.descriptors) { _ = try timer.read() }
                    try tick()
                } else if ready.fileDescriptor == inotify.fileDescriptor {
                    try attempt(.descriptors) {
                        _ = try inotify.read()
                        _ = try inotify.retryPending()
                    }
                    readers.rescan()
                } else if ready.fileDescriptor == databaseWatch.fileDescriptor {
                    try attempt(.descriptors) { _ = try databaseWatch.read() }
                    try checkConfiguration()
                } else if let reader = readerFDs.first(where: { $0.fd == ready.fileDescriptor })?.reader {
                    if ready.events.contains(.readable) { report(readers.read(reader)) }
                    if !ready.events.isDisjoint(with: [.hangup, .error, .invalid]) { readers.hangUp(reader) }
                }
            }
        }
    }

    /// SIGTERM/SIGINT: finish, flush the queue, exit 0. SIGHUP: reload the configuration and rescan.
    private func handleSignal() throws -> Int32? {
        guard let signal = try attempt(.descriptors, { try signals.read() }) ?? nil else { return nil }
        if signal == .hangup {
            journal.log(.notice, "reload", [("signal", "SIGHUP")])
            try attempt(.configurationReload) { try readers.loadConfiguration() }
            readers.rescan()
            return nil
        }
        try attempt(.notify) { try notifier.stopping() }
        journal.log(.notice, "stopping", [("signal", signal.description), ("backlog", String(pipeline.backlog))])
        report(pipeline.flush())
        report(pipeline.abandonUnhashed())
        try attempt(.statistics) { try pipeline.catchUpStatistics(waiting: true) }
        readers.closeAll()
        if pipeline.backlog > 0 {
            journal.log(.warning, "stopped-with-backlog", [("swipes", String(pipeline.backlog)), ("spool", "kept on disk, committed at the next start")])
        }
        return 0
    }

    /// The next time the loop must wake with no input: the watchdog, and only while there is
    /// something to do, the one-second tick (a backlog, a half-typed swipe, a reader to grab, a
    /// step to retry); the retention's check. Otherwise it sleeps until input.
    private func nextWake() -> Duration {
        var deadlines = [retentionDue]
        if let interval = notifier.watchdogInterval { deadlines.append(lastWatchdog + interval) }
        if let statisticsDue { deadlines.append(statisticsDue) }
        if pipeline.backlog > 0 || pipeline.hasPartialSwipe || readers.grabsPending || !failing.subtracting([.retention]).isEmpty {
            deadlines.append(lastTick + .seconds(1))
        }
        return max(deadlines.min()! - .now, .microseconds(1))
    }

    /// Another connection committed (narvaro reader add …): pick up reader changes without a restart.
    private func checkConfiguration() throws {
        if let version = try attempt(.dataVersion, { try store.dataVersion() }), version != dataVersion {
            // The version is taken only once the reload succeeded, so a failed reload is retried.
            if try attempt(.configurationReload, { try readers.loadConfiguration() }) != nil {
                dataVersion = version
                readers.rescan()
            }
        }
    }

    private func tick() throws {
        lastTick = .now
        let now = EventTime(microseconds: Int64(Date().timeIntervalSince1970 * 1_000_000))
        report(pipeline.expireIdle(now: now))
        if pipeline.backlog > 0 {
            report(pipeline.flush())
            if ContinuousClock.now - lastBacklogLog >= .seconds(60) {
                journal.log(.warning, "backlog", [("swipes", String(pipeline.backlog))])
                lastBacklogLog = .now
            }
        }
        try checkConfiguration()
        if let due = statisticsDue, ContinuousClock.now >= due { try catchUpStatistics() }
        readers.grabPending()
        // The timer fires at the deadline; a few milliseconds of rounding must not skip a pet.
        if let interval = notifier.watchdogInterval, ContinuousClock.now - lastWatchdog >= interval - .milliseconds(5) {
            try attempt(.notify) { try notifier.watchdog() }
            lastWatchdog = .now
        }
        if ContinuousClock.now >= retentionDue {
            retentionDue = .now + .seconds(3600)
            if schedule.isDue(.retention, at: .now) {
                try attempt(.retention) { retentionDue = .now + (try runRetentionOncePerDay(now: now)) }
            }
            if let backOff = schedule.due(.retention) { retentionDue = min(retentionDue, backOff) }
        }
    }

    /// Counts what waits; a failure (the database busy or read-only) is tried again a second later.
    private func catchUpStatistics() throws {
        statisticsDue = try attempt(.statistics, { try pipeline.catchUpStatistics() }) == nil ? .now + .seconds(1) : nil
    }

    /// STATUS follows every change (a swipe, a reader plugged), not a tick.
    private func updateStatus() {
        let current = status()
        if current != lastStatus {
            _ = try? attempt(.notify) { try notifier.status(current) }
            lastStatus = current
        }
    }

    /// Runs `body`; a failure is handled as ServeErrorPolicy says for `step`. Returns nil when the
    /// step failed and the loop goes on; rethrows only what is fatal.
    @discardableResult
    private func attempt<T>(_ step: ServeStep, _ body: () throws -> T) throws -> T? {
        do {
            let value = try body()
            failing.remove(step)
            schedule.succeeded(step)
            return value
        } catch {
            schedule.failed(step, at: .now)
            switch ServeErrorPolicy.action(for: step) {
            case .ignore:
                journal.log(.debug, "step-failed", [("step", step.rawValue), ("error", "\(error)")])
            case .retryNextTick:
                if failing.insert(step).inserted {
                    journal.log(.warning, "step-failed", [("step", step.rawValue), ("error", "\(error)"),
                                                          ("what", "retried every second; swipes are still recorded or spooled")])
                }
            case .retryAfter(let delay):
                if failing.insert(step).inserted {
                    journal.log(.warning, "step-failed", [("step", step.rawValue), ("error", "\(error)"),
                                                          ("what", "retried in \(delay.components.seconds) s; swipes are still recorded or spooled")])
                }
            case .fatal:
                journal.log(.error, "step-failed", [("step", step.rawValue), ("error", "\(error)"), ("what", "stopping")])
                throw error
            }
            return nil
        }
    }

    /// Runs the retention once per local day; returns how long until the venue's next midnight
    /// (a second past it, and at most an hour: a wall clock set at boot must not postpone it a day).
    private func runRetentionOncePerDay(now: EventTime) throws -> Duration {
        let clock = try VenueClock(identifier: store.venues().first?.timeZone ?? "Europe/Stockholm")
        let day = clock.localDate(of: now)
        if today != day { today = day; swipesToday = 0 }
        let untilMidnight = clock.startOfDay(day.adding(days: 1)).microseconds - now.microseconds
        let wait = Duration.microseconds(min(max(untilMidnight, 0), 3_600_000_000)) + .seconds(1)
        guard lastRetentionDay != day else { return wait }
        // A failure throws to `attempt`, which backs off (ServeErrorPolicy) instead of retrying
        // every tick: each try may wait on a lock the swipes' path must not be stalled by.
        let summary = try store.runRetention(today: day, now: now)
        lastRetentionDay = day
        if summary.checkIns > 0 || summary.visitors > 0 {
            journal.log(.notice, "retention", [("kept-from", summary.horizon), ("check-ins", String(summary.checkIns)),
                                               ("visitors", String(summary.visitors))])
        }
        return wait
    }

    private func status() -> String {
        "readers up \(readers.readersUp)/\(readers.readersConfigured), swipes today \(swipesToday), backlog \(pipeline.backlog)"
    }

    private func report(_ events: [PipelineEvent]) {
        for event in events {
            if case .recorded(let result) = event, result.isNew { swipesToday += 1 }
            journal.log(event)
        }
    }
}
