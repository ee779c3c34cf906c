// `narvarod --replay FILE|-`: feeds an evemu recording through the same decode → record path
// as a live reader, line by line. Swipes read together are committed as a group (one transaction
// each, one sync) when the group is full or the input pauses. A backlog the database could not
// take is retried once a second (while input waits, or between lines), as the serve tick does.
import NarvaroCore

public struct ReplaySummary: Equatable, Sendable {
    public var recorded = 0
    public var alreadyRecorded = 0
    public var rejected = 0
    /// Swipes that could be neither recorded nor kept (see `PipelineEvent.failed`).
    public var failed = 0
    public var pending = 0
}

public enum Replay {
    /// How long to wait for the next line before retrying the backlog.
    static let retryMilliseconds: Int32 = 1000

    /// Replays `source` as reader `reader`. Times of 10^9 s or more are Unix times; smaller ones
    /// are offsets from `start`. `report` sees every pipeline event as it happens, a step's events
    /// together (a group commit's check-ins: the journal writes them at once). Throws on a
    /// malformed, overlong or unreadable line (naming it) after committing everything before it.
    public static func run(source: LineSource, reader: String, start: EventTime, pipeline: SwipePipeline,
                           report: ([PipelineEvent]) -> Void) throws -> ReplaySummary {
        var parser = EvemuLineParser()
        var summary = ReplaySummary()
        func handle(_ events: [PipelineEvent]) {
            guard !events.isEmpty else { return }
            for event in events { summary.count(event) }
            report(events)
        }
        var lastRetry = ContinuousClock.now
        do {
            input: while true {
                // Parsed straight from the source's buffer: a String per line cost a malloc and a free.
                // Swipes waiting for their group are committed the moment the input pauses.
                let timeout = pipeline.holdsUntriedSwipes ? 0 : retryMilliseconds
                switch try source.next(timeout: timeout, { bytes throws(InputError) in try parser.parse(bytes: bytes) }) {
                case .end: break input
                case .idle:
                    if pipeline.backlog > 0 { handle(pipeline.flush()) }
                    // The input paused: count what it brought. A failure is retried at the end.
                    if pipeline.statisticsBehind > 0 { _ = try? pipeline.catchUpStatistics() }
                    lastRetry = .now
                case .line(let parsed):
                    // Behind a backlog new swipes are only spooled: a steady input still gets its tick.
                    // Swipes merely waiting for their group need none (they go at the next pause or
                    // when it fills): no clock read per line then (2.5 % of a tmpfs replay's samples).
                    if pipeline.backlog > 0, !pipeline.holdsUntriedSwipes,
                       ContinuousClock.now - lastRetry >= .milliseconds(Int64(retryMilliseconds)) {
                        handle(pipeline.flush())
                        lastRetry = .now
                    }
                    guard var event = parsed else { continue }
                    event.time = EvemuRecording.absolute(event.time, start: start)
                    handle(pipeline.feed(event, reader: reader))
                }
            }
        } catch {
            // A bad line ends the replay, but what was read before it is committed (or spooled) first.
            if pipeline.backlog > 0 { handle(pipeline.flush()) }
            throw error
        }
        // Whatever the database could not take yet gets a last chance before the drain.
        if pipeline.backlog > 0 { handle(pipeline.flush()) }
        summary.pending = pipeline.backlog
        return summary
    }
}

extension ReplaySummary {
    public mutating func count(_ event: PipelineEvent) {
        switch event {
        case .recorded(let result): if result.isNew { recorded += 1 } else { alreadyRecorded += 1 }
        case .rejected: rejected += 1
        case .failed: failed += 1
        case .deferred: break
        }
    }
}
