// `narvarod --replay FILE|-`: feeds an evemu recording through the same decode → record path
// as a live reader, line by line, committing each swipe as it is decoded.
import NarvaroCore

public struct ReplaySummary: Equatable, Sendable {
    public var recorded = 0
    public var alreadyRecorded = 0
    public var rejected = 0
    public var pending = 0
}

public enum Replay {
    /// Replays `source` as reader `reader`. Times of 10^9 s or more are Unix times; smaller ones
    /// are offsets from `start`. `report` sees every pipeline event as it happens. Throws on a
    /// malformed line (naming it) after committing everything before it.
    public static func run(source: LineSource, reader: String, start: EventTime, pipeline: SwipePipeline,
                           report: (PipelineEvent) -> Void) throws -> ReplaySummary {
        var parser = EvemuLineParser()
        var summary = ReplaySummary()
        func handle(_ events: [PipelineEvent]) {
            for event in events {
                switch event {
                case .recorded(let result): if result.isNew { summary.recorded += 1 } else { summary.alreadyRecorded += 1 }
                case .rejected: summary.rejected += 1
                case .deferred: break
                }
                report(event)
            }
        }
        while let line = source.next() {
            guard var event = try parser.parse(line: line) else { continue }
            event.time = EvemuRecording.absolute(event.time, start: start)
            handle(pipeline.feed(event, reader: reader))
        }
        // Whatever the database could not take yet gets a last chance before exit.
        if pipeline.backlog > 0 { handle(pipeline.flush()) }
        summary.pending = pipeline.backlog
        return summary
    }
}
