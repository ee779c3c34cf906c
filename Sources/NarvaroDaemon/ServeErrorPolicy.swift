// The serve loop's error policy, in one place: for each step of the loop, what a failure means.
// No swipe passes through it (the pipeline keeps them); a reader's own failures stay ReaderService's.
import NarvaroCore

/// A step of the serve loop that can fail.
public enum ServeStep: String, CaseIterable, Sendable {
    /// systemd notifications: READY, STATUS, STOPPING, WATCHDOG.
    case notify
    /// Reading PRAGMA data_version to see whether `narvaro` changed the configuration.
    case dataVersion
    /// Reloading readers from the database (a change seen, or SIGHUP).
    case configurationReload
    /// The daily retention run.
    case retention
    /// Writing the statistics of the check-ins recorded (`SwipePipeline.catchUpStatistics`).
    case statistics
    /// poll(), the timerfd, the signalfd, inotify: the loop's own descriptors.
    case descriptors
}

/// What the loop does about a failed step.
public enum ServeFailureAction: Equatable, Sendable {
    /// Nothing: the step is a courtesy (systemd may not listen; a missed watchdog restarts us anyway).
    case ignore
    /// Log a warning (once until the step succeeds again) and try again at the next tick, keeping
    /// the state from before (the readers last loaded): the database may be busy, read-only or full
    /// for a while, and recording must go on meanwhile.
    case retryNextTick
    /// Log a warning (once until the step succeeds again) and skip the step for this long: for a
    /// step that is not urgent and costs a busy wait when it fails (the daily retention writes).
    case retryAfter(Duration)
    /// End the daemon with exit 1 and the error on stderr; systemd restarts it. The loop cannot
    /// work without its descriptors, and looping on a broken one would spin.
    case fatal
}

/// Swipes are never subject to this policy: the pipeline keeps every swipe the database cannot take
/// (`SwipePipeline.dropsSwipe` says which few are dropped). A reader's own failures (open, grab,
/// read) concern that reader only: ReaderService logs them and lets the device go until the next
/// rescan finds it again; they never end the loop.
public enum ServeErrorPolicy {
    public static func action(for step: ServeStep) -> ServeFailureAction {
        switch step {
        case .notify: return .ignore
        case .dataVersion, .configurationReload, .statistics: return .retryNextTick
        case .retention: return .retryAfter(.seconds(600))
        case .descriptors: return .fatal
        }
    }
}

/// When each step may run again after a failure, as the policy says: the loop asks `isDue`
/// before a step and reports how it went. Times are passed in, so it is tested without waiting.
public struct ServeStepSchedule: Sendable {
    private var notBefore: [ServeStep: ContinuousClock.Instant] = [:]

    public init() {}

    public func isDue(_ step: ServeStep, at now: ContinuousClock.Instant) -> Bool {
        guard let time = notBefore[step] else { return true }
        return now >= time
    }

    /// When a backed-off step may run again (nil: now).
    public func due(_ step: ServeStep) -> ContinuousClock.Instant? { notBefore[step] }

    public mutating func failed(_ step: ServeStep, at now: ContinuousClock.Instant) {
        if case .retryAfter(let delay) = ServeErrorPolicy.action(for: step) { notBefore[step] = now + delay }
    }

    public mutating func succeeded(_ step: ServeStep) { notBefore[step] = nil }
}
