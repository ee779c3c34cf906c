// The daemon's path from key events to committed check-ins: one CardDecoder per reader, an
// in-memory queue of decoded, hashed swipes, and commits in arrival order. A swipe the database cannot
// take now (busy, disk full) stays queued, and in the spool file, until a later flush succeeds.
import NarvaroCore

/// What the pipeline reports to its owner (the loop logs these; the desk shows check-ins).
public enum PipelineEvent: Sendable {
    /// Committed (or found committed before, `result.isNew == false`).
    case recorded(CheckInResult)
    /// The decoder or the card format refused the input; nothing was recorded.
    case rejected(reader: String, reason: String, at: EventTime)
    /// The database could not take the swipe now; it waits in the queue (and the spool).
    case deferred(reader: String, backlog: Int, error: String)
}

public final class SwipePipeline {
    public let recorder: CheckInRecorder
    private var decoders: [String: CardDecoder] = [:]
    private let interKeyTimeout: Int64
    /// Swipes decoded but not yet committed, oldest first.
    public private(set) var queue: [PreparedSwipe] = []
    private let spool: SwipeSpool?

    public init(recorder: CheckInRecorder, spool: SwipeSpool?, interKeyTimeout: Int64 = 100_000) throws {
        self.recorder = recorder
        self.spool = spool
        self.interKeyTimeout = interKeyTimeout
        // Swipes spooled by an earlier run come first, with their original times.
        queue = try spool?.load() ?? []
    }

    public var backlog: Int { queue.count }

    /// Feeds one key event from `reader`; decoded swipes are queued and flushed.
    public func feed(_ event: InputEvent, reader: String) -> [PipelineEvent] {
        var decoder = decoders[reader] ?? CardDecoder(reader: reader, interKeyTimeout: interKeyTimeout)
        let output = decoder.feed(event)
        decoders[reader] = decoder
        switch output {
        case .swipe(let swipe)?:
            return enqueue(swipe)
        case .rejected(let reason, let time)?:
            return [.rejected(reader: reader, reason: reason.rawValue, at: time)]
        case nil:
            return []
        }
    }

    /// The reader lost events (SYN_DROPPED sync) or went away: its partial swipe is abandoned.
    public func abandonPartialSwipe(reader: String) {
        decoders[reader]?.abandon()
    }

    /// Reports partial swipes whose next key is overdue (a reader that never sent Enter), so they
    /// are rejected now rather than when the next card arrives.
    public func expireIdle(now: EventTime) -> [PipelineEvent] {
        var events: [PipelineEvent] = []
        for reader in decoders.keys.sorted() {
            if case .rejected(let reason, let time)? = decoders[reader]?.expire(now: now) {
                events.append(.rejected(reader: reader, reason: reason.rawValue, at: time))
            }
        }
        return events
    }

    /// Whether `reader` is between swipes with no key held (safe to grab).
    public func isIdle(reader: String) -> Bool { decoders[reader]?.isIdle ?? true }

    /// Queues a decoded swipe (hashed first) and flushes the queue.
    public func enqueue(_ swipe: Swipe) -> [PipelineEvent] {
        do {
            queue.append(try recorder.prepare(swipe))
        } catch {
            return [.rejected(reader: swipe.reader, reason: "\(error)", at: swipe.time)]
        }
        return flush()
    }

    /// Commits queued swipes in order until the queue is empty or the database refuses one.
    public func flush() -> [PipelineEvent] {
        var events: [PipelineEvent] = []
        while let swipe = queue.first {
            do {
                let result = try recorder.record(swipe)
                queue.removeFirst()
                events.append(.recorded(result))
            } catch let error as DatabaseError where error.isBusy || error.isDiskFull || error.primaryCode == 10 /* SQLITE_IOERR */ {
                events.append(.deferred(reader: swipe.reader, backlog: queue.count, error: error.description))
                break
            } catch {
                // Not retryable (the reader was removed meanwhile): say so, drop it from the queue.
                queue.removeFirst()
                events.append(.rejected(reader: swipe.reader, reason: "\(error)", at: swipe.time))
            }
        }
        syncSpool(&events)
        return events
    }

    private func syncSpool(_ events: inout [PipelineEvent]) {
        guard let spool else { return }
        do { try spool.store(queue) } catch {
            events.append(.deferred(reader: queue.first?.reader ?? "-", backlog: queue.count, error: "spool: \(error)"))
        }
    }
}
