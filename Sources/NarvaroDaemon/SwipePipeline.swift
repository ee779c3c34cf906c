// The daemon's path from key events to committed check-ins: a CardDecoder per reader, a queue of
// hashed swipes committed in arrival order. A swipe is dropped only for a reason of its own
// (`dropsSwipe`); any database-side failure keeps it queued, and spooled, until a flush succeeds.
// Once a backlog exists, new swipes go straight to the spool and only `flush` (the tick) retries.
// Swipes that wait together (a replay, a backlog) share one sync of the WAL (`CommitPolicy`).
// A swipe's transaction writes only its check-in: the statistics follow in a catch-up over many
// swipes, which the owner runs once its input pauses (and the pipeline every `statisticsGroup`).
import NarvaroCore

/// What the pipeline reports to its owner (the loop logs these; the desk shows check-ins).
public enum PipelineEvent: Sendable {
    /// Committed (or found committed before, `result.isNew == false`).
    case recorded(RecordedCheckIn)
    /// The decoder or the recorder refused the input; nothing was recorded.
    case rejected(reader: String, reason: SwipeRejection, at: EventTime)
    /// The database could not take the swipe now; it waits in the queue (and the spool).
    case deferred(reader: String, backlog: Int, error: String)
    /// A decoded swipe that could still not be hashed when the program ended (the database could
    /// not be read), so it was neither recorded nor spooled. The loudest event: a lost swipe.
    case failed(reader: String, reason: String, at: EventTime)
}

/// The database connection's busy timeouts: how long one attempt may wait for another program's
/// write lock. The loop is blocked meanwhile, and a reader's kernel buffer holds only 64 events.
/// Why the pipeline refused a swipe, by the step that refused it. Its description is what the
/// journal logs as `reason=` (the decoder's reason name, or the recorder's message).
public enum SwipeRejection: Equatable, Sendable, CustomStringConvertible {
    /// The reader's keys did not make a card; `RejectReason.cause` says who caused it.
    case keys(RejectReason)
    /// A whole card was read, but the recorder refused it for good (`SwipePipeline.dropsSwipe`):
    /// its text does not fit the reader's card format, its time is impossible, its reader is gone.
    case card(String)

    public var description: String {
        switch self {
        case .keys(let reason): return reason.rawValue
        case .card(let message): return message
        }
    }
}

/// How decoded swipes reach the database. Every policy records one transaction per swipe except
/// `batches`; every one reports a swipe only once it is on disk.
public enum CommitPolicy: Equatable, Sendable {
    /// A live reader: each swipe is committed as soon as it is decoded. A backlog retried later
    /// is committed as groups of up to `SwipePipeline.backlogGroup`.
    case eachSwipe
    /// A replay: up to N decoded swipes wait in memory (until N, or until the input pauses), then
    /// each is committed in its own transaction and one sync of the WAL makes them all durable.
    case groups(of: Int)
    /// `narvarod --replay --batch N`: up to N decoded swipes wait in memory and are committed in ONE
    /// transaction (all or none).
    case batches(of: Int)
}

public struct BusyTimeouts: Equatable, Sendable {
    /// A swipe's first attempt, with no backlog: a lock held briefly by `narvaro` is waited out.
    public var first: Int
    /// Retries of a backlog (and everything else the loop does meanwhile): near 0, so the loop
    /// never stalls while the lock is held; the swipes are safe in the spool.
    public var retry: Int
    public init(first: Int, retry: Int) { self.first = first; self.retry = retry }
}

public final class SwipePipeline {
    public let recorder: CheckInRecorder
    /// One decoder per reader, in the order first fed, and the index of the one fed last: a swipe
    /// is ~44 key events from one reader, and hashing its name for each cost ~20,000 instructions
    /// per swipe. Held in arrays and fed in place: a boxed decoder and a (name, box) pair cost
    /// a few retains and releases per key event (~3 % of a swipe's CPU on tmpfs). Not checked for
    /// exclusive access at run time (two `swift_beginAccess` per key event, ~7,000 instructions per
    /// swipe): the pipeline runs on its owner's one thread and `feed` never re-enters.
    @exclusivity(unchecked) private var decoderReaders: [String] = []
    @exclusivity(unchecked) private var decoders: [CardDecoder] = []
    private var decoderIndex: [String: Int] = [:]
    @exclusivity(unchecked) private var lastFed = -1
    private let interKeyTimeout: Int64
    /// Swipes decoded but not yet committed, oldest first.
    public private(set) var queue: [PreparedSwipe] = []
    private let spool: SwipeSpool?
    /// What loading the spool found (quarantined lines, a mode narrowed), for the owner to log.
    public let spoolContents: SpoolContents
    /// Decoded swipes not hashed yet because the database could not be read (the reader, the card
    /// key check): kept in memory only, as they hold card numbers, which never go to disk; hashed
    /// first at every flush. Newer swipes wait behind them, so commits stay in arrival order.
    public private(set) var unhashed: [Swipe] = []
    /// The last database-side failure that kept a swipe queued.
    public private(set) var lastDeferral: String?

    let busyTimeouts: BusyTimeouts?
    /// The busy timeout last set on the connection (nil: the one it was opened with).
    private var busyTimeoutSet: Int?
    /// Database attempts that found it busy or failing (hash or commit), for the log and tests.
    public private(set) var failedAttempts = 0
    /// Groups and batches wait in memory (not in the spool) until full or until `flush` runs; one
    /// the database refuses is spooled like any backlog.
    public let policy: CommitPolicy
    /// How many decoded swipes may wait in memory for the next commit (1: none wait).
    private let holdLimit: Int
    /// The most swipes a retried backlog commits with one sync of the WAL.
    public static let backlogGroup = 256
    /// The last attempt on the database failed and nothing has been committed since.
    private var deferring = false
    /// Check-ins recorded since the last statistics catch-up (SwipePipeline+Statistics.swift).
    public internal(set) var statisticsBehind = 0

    public init(recorder: CheckInRecorder, spool: SwipeSpool?, interKeyTimeout: Int64 = 100_000,
                busyTimeouts: BusyTimeouts? = nil, policy: CommitPolicy = .eachSwipe) throws {
        self.recorder = recorder
        self.spool = spool
        self.busyTimeouts = busyTimeouts
        self.interKeyTimeout = interKeyTimeout
        self.policy = policy
        recorder.deferStatistics = true
        switch policy {
        case .eachSwipe: holdLimit = 1
        case .groups(let size), .batches(let size): holdLimit = max(1, size)
        }
        // Swipes spooled by an earlier run come first, with their original times.
        spoolContents = try spool?.load() ?? SpoolContents()
        queue = spoolContents.swipes
    }

    /// Whether a failure to record belongs to the swipe itself, so retrying can never help: its
    /// reader was removed from the configuration, its card does not fit the reader's format, its
    /// time is impossible. Everything else (every database error included) keeps the swipe.
    public static func dropsSwipe(_ error: any Error) -> Bool {
        switch error {
        case let error as StoreError where error.refusesSwipe: return true
        case StoreError.notFound(kind: "reader", _, _): return true
        default: return false
        }
    }

    public var backlog: Int { queue.count + unhashed.count }

    /// Swipes wait in memory for their group or batch and the database has not refused them: the
    /// owner should `flush` as soon as its input pauses, not a second later.
    public var holdsUntriedSwipes: Bool { backlog > 0 && !deferring }

    /// Feeds one key event from `reader`; decoded swipes are queued and flushed.
    public func feed(_ event: InputEvent, reader: String) -> [PipelineEvent] {
        // Fed in place (a copy out and back cost two hash look-ups and a copy per key event).
        if lastFed < 0 || decoderReaders[lastFed] != reader { lastFed = decoderSlot(reader) }
        let output = decoders[lastFed].feed(event)
        switch output {
        case .swipe(let swipe)?:
            return enqueue(swipe)
        case .rejected(let reason, let time)?:
            return [.rejected(reader: reader, reason: .keys(reason), at: time)]
        case nil:
            return []
        }
    }

    /// The index of `reader`'s decoder, made on its first key event.
    private func decoderSlot(_ reader: String) -> Int {
        if let index = decoderIndex[reader] { return index }
        decoderReaders.append(reader)
        decoders.append(CardDecoder(reader: reader, interKeyTimeout: interKeyTimeout))
        decoderIndex[reader] = decoders.count - 1
        return decoders.count - 1
    }

    /// The reader lost events (SYN_DROPPED sync) or went away: its partial swipe is abandoned.
    public func abandonPartialSwipe(reader: String) {
        if let index = decoderIndex[reader] { decoders[index].abandon() }
    }

    /// Reports partial swipes whose next key is overdue (a reader that never sent Enter), so they
    /// are rejected now rather than when the next card arrives.
    public func expireIdle(now: EventTime) -> [PipelineEvent] {
        var events: [PipelineEvent] = []
        for (reader, index) in decoderIndex.sorted(by: { $0.key < $1.key }) {
            if case .rejected(let reason, let time)? = decoders[index].expire(now: now) {
                events.append(.rejected(reader: reader, reason: .keys(reason), at: time))
            }
        }
        return events
    }

    /// Whether some reader is mid-swipe (or has a key held): its expiry needs the tick.
    public var hasPartialSwipe: Bool { decoders.contains { !$0.isIdle } }

    /// Whether `reader` is between swipes with no key held (safe to grab).
    public func isIdle(reader: String) -> Bool { decoderIndex[reader].map { decoders[$0].isIdle } ?? true }

    /// Queues a decoded swipe (hashed first). With no backlog it is committed at once; behind a
    /// backlog it is only spooled (never committed ahead of older swipes, and without trying the
    /// database, which just refused them): the tick's `flush` retries the backlog in order.
    public func enqueue(_ swipe: Swipe) -> [PipelineEvent] {
        let waiting = backlog
        if waiting == 0, holdLimit == 1 { return commitLive(swipe) }
        unhashed.append(swipe)
        if holdLimit > 1, !deferring {
            // Filling a group or batch: hashed now, committed once N wait (or at the next flush).
            var events = hashWaiting()
            if queue.count >= holdLimit {
                events += commitWaiting(busyTimeout: busyTimeouts?.first)
            } else if deferring {
                syncSpool(&events)   // the database could not be read: what is hashed goes to the spool
            }
            return events
        }
        if waiting == 0 { return commitWaiting(busyTimeout: busyTimeouts?.first) }
        // Hashing is a read, which another program's write lock does not block (WAL).
        setBusyTimeout(busyTimeouts?.retry)
        var events = hashWaiting()
        syncSpool(&events)
        if !events.contains(where: { if case .deferred = $0 { return true } else { return false } }) {
            events.append(.deferred(reader: swipe.reader, backlog: backlog,
                                    error: "queued behind \(waiting) earlier swipes, not tried: the backlog is retried every second"))
        }
        return events
    }

    /// A live swipe with nothing before it: hashed and committed in one transaction (at
    /// `synchronous = FULL`, synced at its commit), without a group. When the database cannot take
    /// it now, it is hashed (a read, which another program's write lock does not block) and spooled
    /// as a backlog.
    private func commitLive(_ swipe: Swipe) -> [PipelineEvent] {
        setBusyTimeout(busyTimeouts?.first)
        var events: [PipelineEvent]
        do {
            events = [.recorded(try recorder.recordLive(swipe))]
            statisticsBehind += 1
            deferring = false
        } catch where Self.dropsSwipe(error) {
            events = [.rejected(reader: swipe.reader, reason: .card("\(error)"), at: swipe.time)]
        } catch {
            // Hashed outside (a refusal of its own drops it, as the old order did: hash, then commit);
            // one deferral either way, the hash's own when that failed too.
            unhashed.append(swipe)
            setBusyTimeout(busyTimeouts?.retry)
            events = hashWaiting()
            let refused = events.contains { if case .rejected = $0 { return true } else { return false } }
            let deferred = events.contains { if case .deferred = $0 { return true } else { return false } }
            if !refused, !deferred { events.insert(deferral(error, reader: swipe.reader), at: 0) }
        }
        // Also empties a spool that an earlier attempt could not empty.
        syncSpool(&events)
        catchUpIfGroupFull()
        return events
    }

    /// Sets the connection's busy timeout when it changes (nil: leave it as opened).
    func setBusyTimeout(_ milliseconds: Int?) {
        guard let milliseconds, milliseconds != busyTimeoutSet else { return }
        // If this fails the old timeout stays: slower, never wrong.
        if (try? recorder.store.setBusyTimeout(milliseconds: milliseconds)) != nil {
            busyTimeoutSet = milliseconds
        }
    }

    /// Hashes waiting swipes in order until one cannot be (the database cannot be read now).
    private func hashWaiting() -> [PipelineEvent] {
        var events: [PipelineEvent] = []
        while let swipe = unhashed.first {
            // A group or batch being filled checked the configuration at its first swipe; the
            // window between a swipe's hashing and its commit is the fill's either way.
            let filling = holdLimit > 1 && !deferring && !queue.isEmpty
            do {
                queue.append(try recorder.prepare(swipe, checkingConfiguration: !filling))
                unhashed.removeFirst()
            } catch where Self.dropsSwipe(error) {
                unhashed.removeFirst()
                events.append(.rejected(reader: swipe.reader, reason: .card("\(error)"), at: swipe.time))
            } catch {
                events.append(deferral(error, reader: swipe.reader, note: "card not hashed yet, kept in memory: "))
                break
            }
        }
        return events
    }

    /// Gives up on swipes that could never be hashed (at exit): they cannot be spooled, so each is
    /// reported as lost. The only way a swipe is lost; see docs/design-decisions.md.
    public func abandonUnhashed() -> [PipelineEvent] {
        defer { unhashed = [] }
        return unhashed.map { .failed(reader: $0.reader, reason: lastDeferral ?? "the database could not be read", at: $0.time) }
    }

    /// Retries the backlog (the tick, the end of a replay): hashes waiting swipes, then commits
    /// queued ones in order until the queue is empty or the database refuses one. Uses the retry
    /// busy timeout, so a database still locked costs the loop no wait.
    public func flush() -> [PipelineEvent] {
        commitWaiting(busyTimeout: busyTimeouts?.retry)
    }

    private func commitWaiting(busyTimeout: Int?) -> [PipelineEvent] {
        setBusyTimeout(busyTimeout)
        var events = hashWaiting()
        while !queue.isEmpty {
            let committed: Bool
            switch policy {
            case .batches(let size) where queue.count > 1: committed = commitBatch(&events, size: size)
            case .batches, .groups: committed = commitGroup(&events, limit: holdLimit)
            case .eachSwipe: committed = commitGroup(&events, limit: Self.backlogGroup)
            }
            guard committed else { break }
        }
        if unhashed.isEmpty, queue.isEmpty { deferring = false }
        syncSpool(&events)
        catchUpIfGroupFull()
        return events
    }

    /// Commits up to `limit` of the oldest queued swipes, each in its own transaction, with one sync
    /// of the WAL for all of them (group commit); they are reported only after it. A swipe refused
    /// for a reason of its own is rejected alone. False when the database refused one (it and those
    /// after it stay queued) or the sync failed (the group stays queued: committed again, its swipes
    /// are found recorded). A group of one (a backlog of one swipe) is one commit at
    /// `synchronous = FULL`, which syncs, as ever; a live swipe is `commitLive`'s.
    private func commitGroup(_ events: inout [PipelineEvent], limit: Int) -> Bool {
        let group = queue.prefix(limit)
        guard let first = group.first else { return false }
        var done: [PipelineEvent] = []
        var refusal: (error: any Error, reader: String)?
        do {
            try recorder.withGroupCommit(swipes: group.count) {
                for swipe in group {
                    do {
                        done.append(.recorded(try recorder.record(swipe)))
                    } catch where Self.dropsSwipe(error) {
                        done.append(.rejected(reader: swipe.reader, reason: .card("\(error)"), at: swipe.time))
                    } catch {
                        // The database's problem, not the swipe's: keep it (and what follows, in order).
                        refusal = (error, swipe.reader)
                        return
                    }
                }
            }
        } catch {
            events.append(deferral(error, reader: first.reader, note: "committed but not synced, kept to commit again: "))
            return false
        }
        queue.removeFirst(done.count)
        statisticsBehind += done.count
        events += done
        if let refusal {
            events.append(deferral(refusal.error, reader: refusal.reader))
            return false
        }
        return true
    }

    /// Commits up to `size` of the oldest queued swipes in one transaction. A swipe refused for
    /// a reason of its own rolls the batch back; its swipes are then committed one by one, so only
    /// that swipe is rejected. False when the database refused the batch (it stays queued).
    private func commitBatch(_ events: inout [PipelineEvent], size: Int) -> Bool {
        let batch = Array(queue.prefix(size))
        do {
            // A batch writes its statistics in its own transaction.
            let results = try recorder.recordBatch(batch)
            statisticsBehind = 0
            queue.removeFirst(batch.count)
            events += results.map { .recorded($0) }
            return true
        } catch where Self.dropsSwipe(error) {
            return commitGroup(&events, limit: batch.count)
        } catch {
            events.append(deferral(error, reader: batch[0].reader))
            return false
        }
    }

    /// Notes a failure that is the database's, not the swipe's: the swipe stays queued (or waiting
    /// to be hashed) and the backlog is retried later.
    private func deferral(_ error: any Error, reader: String, note: String = "") -> PipelineEvent {
        lastDeferral = "\(error)"
        failedAttempts += 1
        deferring = true
        return .deferred(reader: reader, backlog: backlog, error: note + "\(error)")
    }

    private func syncSpool(_ events: inout [PipelineEvent]) {
        guard let spool else { return }
        do { try spool.store(queue) } catch {
            events.append(.deferred(reader: queue.first?.reader ?? "-", backlog: backlog, error: "spool: \(error)"))
        }
    }
}
