// The second raw baseline of a batched import copies every row the batch wrote, table by table,
// and results written before it existed still render.
@testable import NarvaroCore
@testable import NarvaroBench
import CSQLite
import Foundation
import Testing

@Suite struct BenchRawRowsBaselineTests {
    static let tables = ["visitors", "cards", "checkins", "visits", "first_visits", "day_totals"]

    static func counts(_ db: TestDatabase) throws -> [String: Int64] {
        try Dictionary(uniqueKeysWithValues: tables.map { ($0, try db.store.db.scalar("SELECT count(*) FROM \($0)")) })
    }

    /// `BenchRecordBatchTests.setUp` and another visitor's visit the day before the swipes measured,
    /// so their rows are not the only ones; the mark is taken after it.
    static func setUpWithAnEarlierVisit() throws -> (TestDatabase, Store.RowMark) {
        let db = try BenchRecordBatchTests.setUp()
        _ = try db.store.addVisitor(VisitorDetails(birthYear: 2010, gender: .man), card: "3003", format: .raw,
                                    now: TestDatabase.time("2026-11-01T12:00:00+01:00"), currentYear: 2026)
        _ = try db.swipe("3003", at: "2026-11-16T15:00:00+01:00")
        return (db, try db.store.rowMark())
    }

    @Test func theRawCopyInsertsAsManyRowsAsTheBatchWroteInEachTable() throws {
        let (db, mark) = try Self.setUpWithAnEarlierVisit()
        let before = try Self.counts(db)
        let prepared = try BenchRecordBatchTests.swipes.map {
            try db.recorder.prepare(Swipe(reader: "entre", card: $0.0, time: TestDatabase.time($0.1)))
        }
        _ = try db.recorder.recordBatch(prepared)
        let end = try db.store.rowMark()
        let afterBatch = try Self.counts(db)
        let written = Dictionary(uniqueKeysWithValues: Self.tables.map { ($0, afterBatch[$0]! - before[$0]!) })
        // The batch: 5 check-ins, card 2002's placeholder visitor and its card, two visits each for
        // 1001 and 2002, their first visits, a day total each per day (they differ in gender).
        #expect(written == ["visitors": 1, "cards": 1, "checkins": 5, "visits": 4, "first_visits": 2, "day_totals": 4])

        let result = try BenchmarkIngest.rawRowsOfBatch(store: db.store, since: mark, until: end)
        #expect(result.rows.map(\.table) == Self.tables)
        for table in result.rows { #expect(Int64(table.count) == written[table.table], "\(table.table)") }
        #expect(result.swipes == 5)
        let afterCopy = try Self.counts(db)
        for table in Self.tables { #expect(afterCopy[table]! - afterBatch[table]! == written[table]!, "\(table)") }
        #expect(try db.store.db.scalar("PRAGMA foreign_key_check") == 0)
        #expect(try db.store.db.queryOne("PRAGMA integrity_check")?.string(0) == "ok")
    }

    @Test func resultsWithoutTheNewBaselineStillRender() throws {
        let rate = RateResult(count: 10, seconds: 1)
        var result = BenchmarkResult(label: "10k", generation: nil, sqliteVersion: "3", size: SizeResult(checkIns: 1, bytes: 1, tables: [:]),
                                     reports: [], plans: [], pipeline: rate, raw: rate, batch: RateResult(count: 100, seconds: 1),
                                     rawBatch: RateResult(count: 100, seconds: 0.25),
                                     rawBatchAll: RawRowsResult(swipes: 100, rows: [TableRows(table: "checkins", count: 100)], seconds: 0.5))
        let markdown = BenchmarkTable.markdown([result])
        #expect(markdown.contains("| 200 /s (100 rows) | 0.50 |"))
        var old = try JSONSerialization.jsonObject(with: JSONEncoder().encode(result)) as! [String: Any]
        old["rawBatchAll"] = nil
        result = try JSONDecoder().decode(BenchmarkResult.self, from: JSONSerialization.data(withJSONObject: old))
        #expect(result.rawBatchAll == nil)
        #expect(BenchmarkTable.markdown([result]).contains("| 0.25 | – | – |"))
    }

    /// An unknown card's placeholder visitor is one row change, not an insert and the cell-key
    /// trigger's update of the same row; the key is still set, and random.
    @Test func aPlaceholderVisitorIsOneWriteWithItsCellKey() throws {
        let db = try BenchRecordBatchTests.setUp()
        let before = db.store.db.totalChanges
        let first = try db.store.insertVisitor(VisitorDetails(), enrolled: false, at: TestDatabase.time("2026-11-17T15:00:00+01:00"))
        #expect(db.store.db.totalChanges - before == 1)
        let second = try db.store.insertVisitor(VisitorDetails(), enrolled: false, at: TestDatabase.time("2026-11-17T15:00:00+01:00"))
        let keys = try [first, second].map { try db.store.db.queryOne("SELECT cell_key FROM visitors WHERE id = ?1", $0.id)?[0] }
        #expect(keys.allSatisfy { if case .integer = $0 { true } else { false } })
        #expect(keys[0] != keys[1])
    }

    /// `measure` empties the WAL before each ingest, so the one measured first does not alone pay
    /// for growing the file: the WAL is 0 bytes after, and everything is in the database.
    @Test func eachIngestStartsFromAnEmptyWAL() throws {
        let db = try TestDatabase()
        try db.standardVenue()
        for minute in 0..<5 { try db.swipe("\(500 + minute)", at: "2026-11-17T15:\(10 + minute):00+01:00") }
        func walSize() throws -> Int { try FileManager.default.attributesOfItem(atPath: db.path + "-wal")[.size] as? Int ?? -1 }
        #expect(try walSize() > 0)
        try db.store.emptyWAL()
        #expect(try walSize() == 0)
        #expect(try db.reopen().db.scalar("SELECT count(*) FROM checkins") == 5)
    }

    /// The second run of each ingest writes over the WAL the first one grew, as narvarod does between
    /// checkpoints: after `restartWAL` the file keeps its size, later commits land inside it, and
    /// everything is in the database.
    @Test func aRestartedWALIsWrittenOverNotGrown() throws {
        let db = try TestDatabase()
        try db.standardVenue()
        for minute in 0..<6 { try db.swipe("\(600 + minute)", at: "2026-11-17T15:\(10 + minute):00+01:00") }
        func walSize() throws -> Int { try FileManager.default.attributesOfItem(atPath: db.path + "-wal")[.size] as? Int ?? -1 }
        let grown = try walSize()
        #expect(grown > 0)
        try db.store.restartWAL()
        #expect(try walSize() == grown)
        for minute in 0..<2 { try db.swipe("\(700 + minute)", at: "2026-11-17T16:\(10 + minute):00+01:00") }
        #expect(try walSize() == grown)
        #expect(try db.reopen().db.scalar("SELECT count(*) FROM checkins") == 8)
    }

    /// Results from before the reused-WAL runs show "–" for them; new ones divide the warm swipe path
    /// by the warm raw check-in rows and by the raw copies of every row, and show the CPU of each.
    @Test func theIngestTableShowsBothWALStates() throws {
        var result = BenchmarkResult(label: "10k", generation: nil, sqliteVersion: "3", size: SizeResult(checkIns: 1, bytes: 1, tables: [:]),
                                     reports: [], plans: [], pipeline: RateResult(count: 300, seconds: 1), raw: RateResult(count: 300, seconds: 0.5),
                                     batch: RateResult(count: 100, seconds: 1))
        #expect(BenchmarkTable.markdown([result]).contains("| 10k | – | – | – | – | – | – / – / – | 300 /s (300) | 600 /s (300) | 0.50 |"))
        result.pipelineReusedWAL = RateResult(count: 300, seconds: 0.6, cpuSeconds: 0.036)
        result.rawReusedWAL = RateResult(count: 300, seconds: 0.4, cpuSeconds: 0.018)
        result.rawAllReusedWAL = RawRowsResult(swipes: 300, rows: [TableRows(table: "checkins", count: 300)], seconds: 0.5, cpuSeconds: 0.03)
        #expect(BenchmarkTable.markdown([result]).contains(
            "| 10k | 500 /s (300) | 750 /s (300) | 0.67 | 600 /s (300) | 0.83 | 120 / 60 / 100 | 300 /s (300) | 600 /s (300) | 0.50 |"))
    }

    /// The paired rounds' table gives each round's ratio, their median and range; results without
    /// rounds (older ones) leave the table out.
    @Test func thePairedRoundsTableShowsEachRoundAndTheMedian() throws {
        var result = BenchmarkResult(label: "100k", generation: nil, sqliteVersion: "3", size: SizeResult(checkIns: 1, bytes: 1, tables: [:]),
                                     reports: [], plans: [], pipeline: RateResult(count: 300, seconds: 1), raw: RateResult(count: 300, seconds: 0.5),
                                     batch: RateResult(count: 100, seconds: 1))
        #expect(!BenchmarkTable.markdown([result]).contains("Paired rounds"))
        result.pairedReusedWAL = [1.0, 0.8, 1.25].map { seconds in
            PairedRound(swipePath: RateResult(count: 300, seconds: seconds), raw: RateResult(count: 300, seconds: 0.8))
        }
        #expect(BenchmarkTable.markdown([result]).contains("| 100k | 3 | 300 | 0.80 | 0.64–1.00 | 0.80, 1.00, 0.64 |"))
    }

    /// The swipe path's fair baseline copies every row the swipes wrote, table by table, each swipe's
    /// rows together, and leaves a consistent database.
    @Test func theRawCopyPerSwipeInsertsWhatEachSwipeWrote() throws {
        let (db, mark) = try Self.setUpWithAnEarlierVisit()
        for (card, time) in BenchRecordBatchTests.swipes { try db.swipe(card, at: time) }
        let end = try db.store.rowMark()
        let before = try Self.counts(db)

        let copier = try db.store.rawCheckInCopier()
        // Each swipe's rows are one transaction of their own, as narvarod commits them.
        let commits = UnsafeMutablePointer<Int>.allocate(capacity: 1)
        defer { commits.deallocate() }
        commits.pointee = 0
        sqlite3_commit_hook(copier.raw.handle, { context in
            context!.assumingMemoryBound(to: Int.self).pointee += 1
            return 0
        }, commits)
        let copied = try copier.insertSwipeRowCopies(since: mark, until: end)
        sqlite3_commit_hook(copier.raw.handle, nil, nil)
        #expect(copied.swipes == 5)
        #expect(commits.pointee == 5)
        // As the batch test counts them: 5 check-ins, card 2002's placeholder visitor and its card,
        // two visits each for 1001 and 2002, each with its day total, and their first visits.
        let written = Dictionary(uniqueKeysWithValues: copied.rows.map { ($0.table, $0.count) })
        #expect(written == ["visitors": 1, "cards": 1, "checkins": 5, "visits": 4, "day_totals": 4, "first_visits": 2])
        let after = try Self.counts(db)
        for table in Self.tables where table != "day_totals" { #expect(after[table]! - before[table]! == Int64(written[table]!), "\(table)") }
        let totals = try db.store.db.queryOne("SELECT count(*), sum(visits), sum(new_visitors) FROM day_totals WHERE age_band = 'copy'")
        #expect(totals?.values == [.integer(4), .integer(4), .integer(2)])
        #expect(try db.store.db.scalar("PRAGMA foreign_key_check") == 0)
        #expect(try db.store.db.queryOne("PRAGMA integrity_check")?.string(0) == "ok")
    }

    /// `measure` end to end on a small generated history: every ingest side measured the swipes it
    /// was given, with its CPU, and the raw copies of every row cover exactly the reused-WAL swipes.
    @Test func measureRunsEveryIngestSideOnTheSameSwipes() throws {
        let (db, summary) = try BenchGeneratorTests.generated()
        var options = BenchmarkOptions()
        options.swipes = 40
        options.batch = 60
        options.runs = 1
        let result = try BenchmarkRunner.measure(store: db.store, label: "4k", generation: summary, options: options)
        for side in [result.pipeline, result.raw, result.pipelineReusedWAL, result.rawReusedWAL] {
            #expect(side?.count == 40)
            #expect((side?.cpuSeconds ?? 0) > 0)
        }
        // Each paired round: its own new swipes through the swipe path, then exactly their rows raw.
        let rounds = try #require(result.pairedReusedWAL)
        #expect(rounds.count == options.pairedRounds)
        for round in rounds {
            #expect(round.swipePath.count == 40 && round.raw.count == 40)
            #expect(round.ratio > 0 && (round.swipePath.cpuSeconds ?? 0) > 0)
        }
        let everyRow = try #require(result.rawAllReusedWAL)
        #expect(everyRow.swipes == 40)
        let rows = Dictionary(uniqueKeysWithValues: everyRow.rows.map { ($0.table, $0.count) })
        #expect(rows["checkins"] == 40)
        #expect((rows["visits"] ?? 0) > 0 && rows["visits"] == rows["day_totals"])
        #expect(try db.store.db.scalar("SELECT count(*) FROM day_totals WHERE age_band = 'copy' AND local_day > \(RawCheckInCopier.dayShift)") > 0)
        #expect(try db.store.db.queryOne("PRAGMA integrity_check")?.string(0) == "ok")
        #expect(try db.store.db.scalar("PRAGMA foreign_key_check") == 0)
    }
}
