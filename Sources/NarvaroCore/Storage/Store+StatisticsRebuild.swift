// `narvaro stats rebuild` and `stats verify`: recompute every aggregate from the raw check-ins,
// and prove the incrementally maintained aggregates equal that recomputation. The difference type
// lives in Statistics/StatisticsAudit.swift.

extension Store {
    /// Rewrites `visits`, `first_visits` and `day_totals` from the check-ins. Must run in a transaction.
    /// History that retention folded (days before `historyStart`) has no check-ins left: its day totals,
    /// and the first days that fall in it, are kept as they are, never recomputed from nothing.
    func rebuildStatisticsInPlace() throws {
        let start = try historyStart()?.dayNumber ?? Int.min
        try db.run("DELETE FROM day_totals WHERE local_day >= ?1", start)
        try db.run("DELETE FROM first_visits WHERE first_day >= ?1", start)
        try db.execute("""
            DELETE FROM visits;
            INSERT INTO visits(venue_id, local_day, activity_id, visitor_id)
              SELECT DISTINCT venue_id, local_day, activity_id, visitor_id FROM checkins
              WHERE outcome IN ('counted', 'unknown') AND visitor_id IS NOT NULL AND activity_id IS NOT NULL;
            INSERT INTO first_visits(visitor_id, venue_id, first_day)
              SELECT visitor_id, venue_id, min(local_day) FROM visits WHERE true GROUP BY visitor_id, venue_id
              ON CONFLICT DO UPDATE SET first_day = min(first_day, excluded.first_day);
            """)
        let days = try db.query("SELECT venue_id, local_day FROM visits WHERE local_day >= ?1 UNION SELECT venue_id, local_day FROM forgotten_totals WHERE local_day >= ?1",
                                start).map { VenueDay(venueID: $0.int64(0), day: $0.int(1)) }
        try recomputeDayTotals(days: days)
        try setStatisticsThroughLatest()
    }

    /// `narvaro stats rebuild`: recomputes every aggregate; returns the number of visits (per-person rows; folded history is not counted).
    @discardableResult
    public func rebuildStatistics() throws -> Int {
        try db.transaction {
            try rebuildStatisticsInPlace()
            return Int(try db.scalar("SELECT count(*) FROM visits"))
        }
    }

    /// `narvaro stats verify`: the differences between the kept aggregates and a full recomputation
    /// (empty when they agree). The recomputation runs in a transaction that is rolled back.
    public func verifyStatistics() throws -> [StatisticsDifference] {
        // Check-ins the daemon has not counted yet are not a difference: count them first, then
        // read what is kept under the same write lock, so a swipe committed meanwhile cannot differ.
        try catchUpStatistics()
        try db.execute("BEGIN IMMEDIATE")
        defer { try? db.execute("ROLLBACK") }
        let fold = DayTotalsFold()
        _ = try catchUpStatisticsInPlace(fold: fold)
        try fold.flush(self)
        let kept = try statisticsSnapshot()
        try rebuildStatisticsInPlace()
        let recomputed = try statisticsSnapshot()
        var differences: [StatisticsDifference] = []
        for table in ["visits", "first_visits", "day_totals"] {
            let a = kept[table] ?? [:], b = recomputed[table] ?? [:]
            for key in Set(a.keys).union(b.keys).sorted() where a[key] != b[key] {
                differences.append(StatisticsDifference(table: table, row: key, kept: a[key] ?? "missing", recomputed: b[key] ?? "missing"))
            }
        }
        return differences
    }

    /// Every aggregate row as key → value text, for comparison.
    private func statisticsSnapshot() throws -> [String: [String: String]] {
        var snapshot: [String: [String: String]] = [:]
        snapshot["visits"] = Dictionary(uniqueKeysWithValues: try db.query(
            "SELECT venue_id, local_day, activity_id, visitor_id FROM visits").map {
                ("venue=\($0.int(0)) day=\(LocalDate(dayNumber: $0.int(1))) activity=\($0.int(2)) visitor=\($0.int(3))", "present")
            })
        snapshot["first_visits"] = Dictionary(uniqueKeysWithValues: try db.query(
            "SELECT visitor_id, venue_id, first_day FROM first_visits").map {
                ("visitor=\($0.int(0)) venue=\($0.int(1))", "\(LocalDate(dayNumber: $0.int(2)))")
            })
        snapshot["day_totals"] = Dictionary(uniqueKeysWithValues: try db.query(
            "SELECT venue_id, local_day, activity_id, role, gender, age_band, visits, new_visitors FROM day_totals").map {
                ("venue=\($0.int(0)) day=\(LocalDate(dayNumber: $0.int(1))) activity=\($0.int(2)) \($0.string(3))/\($0.string(4))/\($0.string(5))",
                 "visits=\($0.int(6)) new=\($0.int(7))")
            })
        return snapshot
    }
}
