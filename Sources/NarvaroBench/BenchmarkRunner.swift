// Runs every measurement on one generated database, in an order where each step's writes cannot
// disturb the ones before it: size, report latency and plans, then the writing measurements.
import NarvaroCLI
import NarvaroCore
import NarvaroDaemon
import NarvaroCommands

/// How much to measure. `quick` is for a smoke run, not for numbers worth keeping.
public struct BenchmarkOptions: Sendable {
    public var swipes = 500
    public var batch = 5_000
    public var runs = 30
    /// Paired rounds on a reused WAL: `swipes` swipes, then their check-in rows raw, back to back.
    public var pairedRounds = 5
    public var seed: UInt64 = 1

    public init() {}

    public static var quick: BenchmarkOptions {
        var options = BenchmarkOptions()
        options.swipes = 100
        options.batch = 1_000
        options.runs = 10
        options.pairedRounds = 2
        return options
    }
}

/// Everything measured on one database; `narvaro bench table` renders a list of these.
public struct BenchmarkResult: Codable, Sendable {
    /// The size as given (`10k`, `1m`, `10m`).
    public var label: String
    public var generation: BenchmarkSummary?
    public var sqliteVersion: String
    public var size: SizeResult
    public var reports: [LatencyResult]
    public var plans: [QueryPlan]
    /// Swipes through the daemon's path, one transaction (and fsync) each, from an empty WAL.
    public var pipeline: RateResult
    /// The same rows through raw sqlite3 calls, one transaction each, from an empty WAL.
    public var raw: RateResult
    /// More swipes through the same, now warm, pipeline on a reused WAL: narvarod's steady state
    /// (nil in older results).
    public var pipelineReusedWAL: RateResult?
    /// Their rows through the same, now warm, raw connection on a reused WAL (nil in older results).
    public var rawReusedWAL: RateResult?
    /// Every row those swipes wrote, each swipe's rows in one transaction, through the same raw
    /// connection on a reused WAL (nil in older results).
    public var rawAllReusedWAL: RawRowsResult?
    /// Swipes through `recordBatch`, one transaction for all.
    public var batch: RateResult
    /// The batch's check-in rows through raw sqlite3 calls, one transaction for all (nil in older results).
    public var rawBatch: RateResult?
    /// Rounds of new swipes through the warm pipeline, each followed at once by their check-in rows
    /// raw, on a reused WAL: pairs that share the disk's state of the moment (nil in older results).
    public var pairedReusedWAL: [PairedRound]? = nil
    /// Every row the batch wrote (visitors, cards, check-ins, visits, first visits, day totals)
    /// through raw sqlite3 calls, one transaction for all (nil in older results).
    public var rawBatchAll: RawRowsResult?
}

public enum BenchmarkRunner {
    /// Measures `store` (a copy: the writing measurements add check-ins). `log` gets progress lines.
    public static func measure(store: Store, label: String, generation: BenchmarkSummary?, options: BenchmarkOptions,
                               log: (String) -> Void = { _ in }) throws -> BenchmarkResult {
        var rng = SeededRandom(seed: options.seed)
        log("size")
        let size = try BenchmarkReports.size(store: store)
        var reports: [LatencyResult] = []
        for venue in [BenchmarkGenerator.venueSlug(0), nil] as [String?] {
            for kind in BenchmarkReports.kinds {
                log("report \(kind) \(venue ?? "all venues")")
                reports.append(try BenchmarkReports.latency(store: store, kind: kind, venue: venue, runs: options.runs, rng: &rng))
            }
        }
        let plans = try BenchmarkReports.plans(store: store)
        log("pipeline \(options.swipes) swipes")
        // Twice, in the two states a WAL is written in. From empty, cold: narvarod's first
        // `wal_autocheckpoint` pages after it starts, where a sync also commits the file's growth.
        // Then, warm, over the frames of the first run: where narvarod runs from then on, the WAL
        // restarted by each checkpoint and overwritten (a sync ~1.7× cheaper here; docs/benchmarks.md).
        let pipeline = try BenchmarkIngest.pipeline(store: store)
        let swipes = try BenchmarkWorkload.swipes(store: store, count: options.swipes, seed: options.seed)
        try store.emptyWAL()
        let freshMark = try store.rowMark()
        let (fresh, ids) = try BenchmarkIngest.feed(pipeline, swipes: swipes)
        let freshEnd = try store.rowMark()
        log("pipeline \(options.swipes) swipes, reused WAL")
        let steadySwipes = try BenchmarkWorkload.swipes(store: store, count: options.swipes, seed: options.seed &+ 2)
        try store.restartWAL()
        let steadyMark = try store.rowMark()
        let (steady, steadyIDs) = try BenchmarkIngest.feed(pipeline, swipes: steadySwipes)
        let steadyEnd = try store.rowMark()
        // The raw sides on the WAL the swipe path left (the largest: a check-in alone writes half
        // the pages), warmed as the swipe path was: the every-row copy first copies the first run's
        // rows unmeasured, the check-in rows run after it on the same connection.
        log("raw sqlite3: every row of those \(steadyIDs.count) swipes, a transaction each, reused WAL")
        let copier = try store.rawCheckInCopier()
        try store.restartWAL()
        _ = try BenchmarkIngest.rawRowsOfSwipes(copier, since: freshMark, until: freshEnd)
        try store.restartWAL()
        let rawAllSteady = try BenchmarkIngest.rawRowsOfSwipes(copier, since: steadyMark, until: steadyEnd)
        log("raw sqlite3 \(steadyIDs.count) check-in rows, reused WAL")
        try store.restartWAL()
        let rawSteady = try BenchmarkIngest.rawInserts(copier, ids: steadyIDs)
        let rounds = try pairedRounds(store: store, pipeline: pipeline, copier: copier, options: options, log: log)
        log("raw sqlite3 \(ids.count) check-in rows, empty WAL")
        // Cold, as the swipe path's first run was: a connection of its own.
        try store.emptyWAL()
        let raw = try BenchmarkIngest.rawInserts(try store.rawCheckInCopier(), ids: ids)
        log("batch \(options.batch) swipes")
        let batchSwipes = try BenchmarkWorkload.swipes(store: store, count: options.batch, seed: options.seed &+ 1)
        let mark = try store.rowMark()
        try store.emptyWAL()
        let (batch, batchIDs) = try BenchmarkIngest.batch(store: store, swipes: batchSwipes)
        let end = try store.rowMark()
        log("raw sqlite3 \(batchIDs.count) rows in one transaction")
        try store.emptyWAL()
        let rawBatch = try BenchmarkIngest.rawInserts(copier, ids: batchIDs, oneTransaction: true)
        log("raw sqlite3: every row of the batch's \(batchIDs.count) swipes in one transaction")
        try store.emptyWAL()
        let rawBatchAll = try BenchmarkIngest.rawRowsOfBatch(store: store, since: mark, until: end)
        return BenchmarkResult(label: label, generation: generation, sqliteVersion: Store.sqliteVersion,
                               size: size, reports: reports, plans: plans, pipeline: fresh, raw: raw,
                               pipelineReusedWAL: steady, rawReusedWAL: rawSteady, rawAllReusedWAL: rawAllSteady, batch: batch, rawBatch: rawBatch,
                               pairedReusedWAL: rounds, rawBatchAll: rawBatchAll)
    }

    /// The swipe path against raw check-in rows, round by round: one pair of runs sees one state of
    /// a shared disk, whose fsync latency drifts between runs more than either side differs (the
    /// single pair above moved 0.77 → 0.86 between two days with the same binary; docs/benchmarks.md).
    static func pairedRounds(store: Store, pipeline: SwipePipeline, copier: RawCheckInCopier, options: BenchmarkOptions,
                             log: (String) -> Void) throws -> [PairedRound] {
        var rounds: [PairedRound] = []
        for round in 0..<options.pairedRounds {
            log("paired round \(round + 1) of \(options.pairedRounds): \(options.swipes) swipes, then their check-in rows raw, reused WAL")
            let swipes = try BenchmarkWorkload.swipes(store: store, count: options.swipes, seed: options.seed &+ 10 &+ UInt64(round))
            try store.restartWAL()
            let (swipePath, ids) = try BenchmarkIngest.feed(pipeline, swipes: swipes)
            try store.restartWAL()
            rounds.append(PairedRound(swipePath: swipePath, raw: try BenchmarkIngest.rawInserts(copier, ids: ids)))
        }
        return rounds
    }
}

/// One round of `BenchmarkRunner.pairedRounds`.
public struct PairedRound: Codable, Sendable, Equatable {
    public var swipePath: RateResult
    public var raw: RateResult
    /// The swipe path's rate over the raw rows' rate.
    public var ratio: Double { raw.perSecond > 0 ? swipePath.perSecond / raw.perSecond : 0 }
}
