// narvarod's one thread: a poll() loop over the readers' fds, an inotify fd for hotplug, a signalfd
// and a timerfd. Each swipe is committed before it is logged; a database that cannot take it defers
// it to the spool, retried on every tick without waiting for the lock (see SwipePipeline). The tick also checks configuration changes
// (PRAGMA data_version), pets the watchdog, updates STATUS and runs the daily retention. What a
// failed step means is ServeErrorPolicy's decision, applied in `attempt`; nowhere else.
import NarvaroCore
import Foundation

public final class ServeLoop {
    private let store: Store
    private let pipeline: SwipePipeline
    private let readers: ReaderService
    private let journal: Journal
    private let notifier: SystemdNotifier
    private let signals: SignalDescriptor
    private let timer: TimerDescriptor
    private var inotify: InotifyWatcher
    private var dataVersion: Int64 = 0
    private var lastWatchdog = ContinuousClock.now
    private var lastBacklogLog = ContinuousClock.now
    private var lastStatus = ""
    private var lastRetentionDay: LocalDate?
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
        try attempt(.notify) { try notifier.ready(status: status()) }
        journal.log(.notice, "ready", [("readers", "\(readers.readersUp)/\(readers.readersConfigured)"), ("backlog", String(pipeline.backlog))])
        while true {
            var poller = Poller()
            poller.add(signals.fileDescriptor)
            poller.add(timer.fileDescriptor)
            poller.add(inotify.fileDescriptor)
            let readerFDs = readers.fileDescriptors
            for entry in readerFDs { poller.add(entry.fd) }
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
        readers.closeAll()
        if pipeline.backlog > 0 {
            journal.log(.warning, "stopped-with-backlog", [("swipes", String(pipeline.backlog)), ("spool", "kept on disk, committed at the next start")])
        }
        return 0
    }

    private func tick() throws {
        let now = EventTime(microseconds: Int64(Date().timeIntervalSince1970 * 1_000_000))
        report(pipeline.expireIdle(now: now))
        if pipeline.backlog > 0 {
            report(pipeline.flush())
            if ContinuousClock.now - lastBacklogLog >= .seconds(60) {
                journal.log(.warning, "backlog", [("swipes", String(pipeline.backlog))])
                lastBacklogLog = .now
            }
        }
        // Another connection committed (narvaro reader add …): pick up reader changes without a restart.
        if let version = try attempt(.dataVersion, { try store.dataVersion() }), version != dataVersion {
            // The version is taken only once the reload succeeded, so a failed reload is retried.
            if try attempt(.configurationReload, { try readers.loadConfiguration() }) != nil {
                dataVersion = version
                readers.rescan()
            }
        }
        readers.grabPending()
        if let interval = notifier.watchdogInterval, ContinuousClock.now - lastWatchdog >= interval {
            try attempt(.notify) { try notifier.watchdog() }
            lastWatchdog = .now
        }
        let current = status()
        if current != lastStatus {
            try attempt(.notify) { try notifier.status(current) }
            lastStatus = current
        }
        if schedule.isDue(.retention, at: .now) {
            try attempt(.retention) { try runRetentionOncePerDay(now: now) }
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

    private func runRetentionOncePerDay(now: EventTime) throws {
        let clock = try VenueClock(identifier: store.venues().first?.timeZone ?? "Europe/Stockholm")
        let day = clock.localDate(of: now)
        if today != day { today = day; swipesToday = 0 }
        guard lastRetentionDay != day else { return }
        // A failure throws to `attempt`, which backs off (ServeErrorPolicy) instead of retrying
        // every tick: each try may wait on a lock the swipes' path must not be stalled by.
        let summary = try store.runRetention(today: day, now: now)
        lastRetentionDay = day
        if summary.checkIns > 0 || summary.visitors > 0 {
            journal.log(.notice, "retention", [("kept-from", summary.horizon), ("check-ins", String(summary.checkIns)),
                                               ("visitors", String(summary.visitors))])
        }
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
