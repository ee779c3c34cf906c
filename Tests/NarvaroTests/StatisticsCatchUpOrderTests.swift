// The catch-up reads its pending check-ins in place while it writes visits, first visits and day
// totals on the same connection (Statement.forEachRow): swipes out of time order, in batches, with
// replays, still count as a rebuild from the check-ins does.
@testable import NarvaroCore
import NarvaroBench
import Testing
import Foundation

@Suite struct StatisticsCatchUpOrderTests {
    /// A late swipe (before its visitor's first day) recomputes day totals inside the pending read.
    @Test(arguments: [1, 2, 3] as [UInt64])
    func outOfOrderBatchesAndDeferredCatchUpsVerify(seed: UInt64) throws {
        var rng = SeededRandom(seed: seed)
        let batch = try TestDatabase(), deferred = try TestDatabase(), inline = try TestDatabase()
        for db in [batch, deferred, inline] { try db.standardVenue() }
        deferred.recorder.deferStatistics = true
        let cards = (0..<8).map { String(format: "%06d", $0 * 7919 + 3) }
        let base = TestDatabase.time("2026-10-20T14:00:00+02:00").microseconds
        var swipes: [Swipe] = []
        for _ in 0..<200 {
            let t = base + Int64.random(in: 0..<(20 * 86_400_000_000), using: &rng)
            swipes.append(Swipe(reader: "entre", card: cards[Int.random(in: 0..<cards.count, using: &rng)], time: EventTime(microseconds: t)))
        }
        // Some repeats (replays) inside the sequence.
        for i in stride(from: 10, to: 200, by: 17) { swipes.insert(swipes[i - 5], at: i) }
        for chunk in stride(from: 0, to: swipes.count, by: 40) {
            let part = Array(swipes[chunk..<min(chunk + 40, swipes.count)])
            let prepared = try part.map { try batch.recorder.prepare($0) }
            _ = try batch.recorder.recordBatch(prepared)
            for s in part { _ = try deferred.recorder.record(s); _ = try inline.recorder.record(s) }
            try deferred.store.catchUpStatistics()
        }
        #expect(try batch.store.verifyStatistics().isEmpty)
        #expect(try deferred.store.verifyStatistics().isEmpty)
        #expect(try inline.store.verifyStatistics().isEmpty)
        let b = try StatisticsCatchUpTests.statistics(batch.store), d = try StatisticsCatchUpTests.statistics(deferred.store)
        #expect(b == d)
        #expect(try batch.store.db.scalar("SELECT count(*) FROM checkins") == 200)
    }
}
