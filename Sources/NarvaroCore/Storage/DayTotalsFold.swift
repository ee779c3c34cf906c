// A catch-up's day totals (a batch's, the daemon's every few swipes), added up in memory and written
// once per row at its end: one upsert (and one outbox trigger) per venue-day × activity × role ×
// gender × age band, not per swipe.

/// Filled by `Store.countVisit` inside one transaction; `flush` must run before its commit (and
/// before anything reads `day_totals` in that transaction). A rollback simply drops it.
final class DayTotalsFold {
    struct Key: Hashable {
        var venueID: Int64, day: Int, activityID: Int64, role: String, gender: String, ageBand: String
    }
    private var totals: [Key: (visits: Int, new: Int)] = [:]
    /// Keys in the order first counted, so the rows (and the outbox notes their triggers write)
    /// come in the order one swipe at a time would have written them.
    private var order: [Key] = []

    func add(_ key: Key, isNew: Bool) {
        if totals[key] == nil { order.append(key) }
        totals[key, default: (0, 0)].visits += 1
        totals[key, default: (0, 0)].new += isNew ? 1 : 0
    }

    func flush(_ store: Store) throws {
        for key in order {
            guard let total = totals[key] else { continue }
            try store.db.run(Self.addTotals, key.venueID, key.day, key.activityID, key.role, key.gender, key.ageBand, total.visits, total.new)
        }
        totals = [:]
        order = []
    }

    static let addTotals = """
        INSERT INTO day_totals(venue_id, local_day, activity_id, role, gender, age_band, visits, new_visitors)
        VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)
        ON CONFLICT DO UPDATE SET visits = visits + excluded.visits, new_visitors = new_visitors + excluded.new_visitors
        """
}
