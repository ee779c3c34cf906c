// Many prepared swipes in ONE transaction, through exactly the same write as `record`: for imports
// (a reader's offline buffer, a day's recording) where one fsync per swipe would dominate.

extension CheckInRecorder {
    /// Commits `swipes` in order in one transaction: all of them, or (on an error) none.
    /// Each swipe is decided as `record` would, seeing the swipes before it in the batch
    /// (duplicates, activity cards, first visits); already-recorded swipes come back with `isNew == false`.
    public func recordBatch(_ swipes: [PreparedSwipe]) throws -> [RecordedCheckIn] {
        try withBatchCache(swipes.count) {
            try inTransaction {
                var results: [RecordedCheckIn] = []
                results.reserveCapacity(swipes.count)
                // Each swipe sees the readers as the ones before it left them (an activity card switches one).
                // `data_version` is read once: no other connection commits inside this transaction.
                // The statistics follow in the same transaction, the day totals added up over the
                // batch and written once per row before the commit.
                for (index, swipe) in swipes.enumerated() { results.append(try write(swipe, refreshed: index > 0)) }
                let fold = DayTotalsFold(), before = store.db.totalChanges
                _ = try store.catchUpStatisticsInPlace(fold: fold)
                try fold.flush(store)
                configuration.noteOwnWrites(store, since: before)
                return results
            }
        }
    }

    /// A batch dirties up to ~11 pages a swipe (the check-in, its indexes, the statistics) and
    /// must keep them until its commit: with the default 2 MiB page cache, a batch of 1,000 on a
    /// large database spilled dirty pages into the WAL mid-transaction and read them back
    /// (docs/benchmarks.md, "SQLite's work per swipe"). The cache grows for the batch, up to
    /// `batchCacheKiB`, and shrinks back after it, so the per-swipe daemon keeps its small footprint.
    func withBatchCache<T>(_ count: Int, _ body: () throws -> T) throws -> T {
        let wanted = Self.batchCacheKiB(count)
        guard wanted > Self.defaultCacheKiB else { return try body() }
        let previous = try store.db.scalar("PRAGMA cache_size")
        try store.db.execute("PRAGMA cache_size = -\(wanted)")
        defer { try? store.db.execute("PRAGMA cache_size = \(previous)") }
        return try body()
    }
    /// The page cache a batch of `count` swipes gets: ~11 pages of 4 KiB a swipe, 2 000 KiB (SQLite's
    /// default) at least, 32 MiB at most.
    package static func batchCacheKiB(_ count: Int) -> Int {
        count > 1 ? min(32_768, max(defaultCacheKiB, count * 48)) : defaultCacheKiB
    }
    static let defaultCacheKiB = 2_000
}
