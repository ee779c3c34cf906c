// Ingest measurements: swipes through the daemon's full path (key events → CardDecoder → prepare →
// attribute → commit, synchronous=FULL, one transaction per swipe), the same rows inserted with raw
// SQLite calls and the same pragmas as a floor, and a batched import through `recordBatch`.
import NarvaroCLI
import NarvaroCore
import NarvaroDaemon
import NarvaroCommands

/// A rate: `count` operations in `seconds`, using `cpuSeconds` of the process's CPU (user + system;
/// nil in older results).
public struct RateResult: Codable, Sendable, Equatable {
    public var count: Int
    public var seconds: Double
    public var cpuSeconds: Double?
    public var perSecond: Double { seconds > 0 ? Double(count) / seconds : 0 }
    /// CPU per operation in microseconds, nil when not measured.
    public var cpuMicroseconds: Double? { cpuSeconds.map { count > 0 ? $0 / Double(count) * 1e6 : 0 } }

    public init(count: Int, seconds: Double, cpuSeconds: Double? = nil) {
        self.count = count
        self.seconds = seconds
        self.cpuSeconds = cpuSeconds
    }
}

/// Rows copied into one table.
public struct TableRows: Codable, Sendable, Equatable {
    public var table: String
    public var count: Int
}

/// The raw copies of everything a batch wrote: `swipes` swipes' worth of rows in `seconds`.
public struct RawRowsResult: Codable, Sendable, Equatable {
    public var swipes: Int
    public var rows: [TableRows]
    public var seconds: Double
    /// The process CPU used (nil in older results and for the batch's copies).
    public var cpuSeconds: Double?
    public var perSecond: Double { seconds > 0 ? Double(swipes) / seconds : 0 }
    public var rate: RateResult { RateResult(count: swipes, seconds: seconds, cpuSeconds: cpuSeconds) }
}

public enum BenchmarkIngest {
    /// A `SwipePipeline` with its spool, as the daemon runs it.
    public static func pipeline(store: Store) throws -> SwipePipeline {
        try SwipePipeline(recorder: CheckInRecorder(store: store), spool: SwipeSpool(path: SwipeSpool.path(forDatabase: store.databasePath)))
    }

    /// Feeds the swipes' key events through `pipeline`. Returns the rate and the ids of the check-ins it wrote.
    public static func feed(_ pipeline: SwipePipeline, swipes: [BenchmarkSwipe]) throws -> (RateResult, [Int64]) {
        var ids: [Int64] = []
        ids.reserveCapacity(swipes.count)
        var failure: String?
        let cpu = ProcessCPUClock.seconds()
        let started = ContinuousClock.now
        for item in swipes {
            for event in item.events {
                for output in pipeline.feed(event, reader: item.swipe.reader) {
                    switch output {
                    case .recorded(let result): ids.append(result.id)
                    case .rejected(_, let reason, _): failure = failure ?? reason.description
                    case .failed(_, let reason, _): failure = failure ?? reason
                    case .deferred(_, _, let error): failure = failure ?? error
                    }
                }
            }
        }
        // The statistics of the last swipes, as narvarod writes them once its input pauses: timed too.
        try pipeline.catchUpStatistics()
        let seconds = BenchmarkGenerator.seconds(ContinuousClock.now - started)
        let cpuSeconds = ProcessCPUClock.seconds() - cpu
        if let failure { throw CommandError.notRecorded("benchmark swipe not recorded: \(failure)") }
        return (RateResult(count: ids.count, seconds: seconds, cpuSeconds: cpuSeconds), ids)
    }

    /// Inserts copies of the check-in rows `ids` through `copier` (a raw sqlite3 connection with the
    /// store's pragmas), one autocommit transaction per row: what the disk allows at best.
    /// `oneTransaction`: all of them in one transaction, the baseline of a batched import.
    package static func rawInserts(_ copier: RawCheckInCopier, ids: [Int64], oneTransaction: Bool = false) throws -> RateResult {
        let copied = try copier.insertCopies(ids: ids, oneTransaction: oneTransaction)
        return RateResult(count: copied.count, seconds: BenchmarkGenerator.seconds(copied.duration), cpuSeconds: copied.cpuSeconds)
    }

    /// Inserts copies of every row a batch wrote between `mark` and `end` (new visitors and cards, check-ins,
    /// visits, first visits, day totals) through a raw connection in one transaction. The rate
    /// counts the batch's swipes (its check-ins), so it compares with `batch` directly.
    package static func rawRowsOfBatch(store: Store, since mark: Store.RowMark, until end: Store.RowMark) throws -> RawRowsResult {
        let copied = try store.insertRowCopiesRaw(since: mark, until: end)
        return RawRowsResult(swipes: copied.rows.first { $0.table == "checkins" }?.count ?? 0,
                             rows: copied.rows.map { TableRows(table: $0.table, count: $0.count) },
                             seconds: BenchmarkGenerator.seconds(copied.duration))
    }

    /// Inserts through `copier`, swipe by swipe and one transaction each, copies of every row the
    /// swipes between `mark` and `end` wrote: the swipe path's writes without its decisions.
    package static func rawRowsOfSwipes(_ copier: RawCheckInCopier, since mark: Store.RowMark, until end: Store.RowMark) throws -> RawRowsResult {
        let copied = try copier.insertSwipeRowCopies(since: mark, until: end)
        return RawRowsResult(swipes: copied.swipes, rows: copied.rows.map { TableRows(table: $0.table, count: $0.count) },
                             seconds: BenchmarkGenerator.seconds(copied.duration), cpuSeconds: copied.cpuSeconds)
    }

    /// Prepares the swipes and commits them with `recordBatch`: one transaction, one fsync.
    /// Returns the rate and the ids of the check-ins it wrote.
    public static func batch(store: Store, swipes: [BenchmarkSwipe]) throws -> (RateResult, [Int64]) {
        let recorder = CheckInRecorder(store: store)
        let started = ContinuousClock.now
        // As narvarod's pipeline fills a batch: the configuration is checked before the first swipe
        // is hashed, and the batch's transaction checks it again before writing.
        let prepared = try swipes.enumerated().map { try recorder.prepare($1.swipe, checkingConfiguration: $0 == 0) }
        let results = try recorder.recordBatch(prepared)
        return (RateResult(count: results.filter(\.isNew).count, seconds: BenchmarkGenerator.seconds(ContinuousClock.now - started)),
                results.map(\.id))
    }
}
