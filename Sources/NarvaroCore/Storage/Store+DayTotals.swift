// The rolling statistics counted from the check-ins (Store+StatisticsCatchUp.swift): one `visits` row per visitor × venue ×
// activity × local day, the visitor's first day at the venue, and anonymous `day_totals`
// per role × gender × age band. Recomputed per affected day on enrolment, edits and merges.

/// What counting a visit needs of its visitor: who, and the cells of `day_totals` they fall in.
struct VisitHolder {
    var id: Int64
    var birthYear: Int?
    var gender: Gender
    var role: Role
}

/// A venue and one of its local days: the unit in which statistics are recomputed.
struct VenueDay: Hashable {
    var venueID: Int64
    var day: Int
}

extension Store {
    /// The age bands in force (stored in `meta` as `age_bands`; default when unset). Bands that do
    /// not parse are damage, not a reason to count by the defaults: the figures would be wrong.
    public func ageBands() throws -> AgeBands {
        guard let text = try db.queryOne("SELECT value FROM meta WHERE key = 'age_bands'")?.string(0) else { return AgeBands.default }
        guard let bands = try? AgeBands.parse(text) else { throw StoreError.corrupt(column: "meta age_bands", value: text) }
        return bands
    }

    /// Sets the age bands and rebuilds the aggregates that are split by them, in one transaction.
    public func setAgeBands(_ bands: AgeBands) throws {
        try db.transaction {
            try db.run("INSERT INTO meta(key, value) VALUES ('age_bands', ?1) ON CONFLICT(key) DO UPDATE SET value = excluded.value", bands.description)
            try rebuildStatisticsInPlace()
        }
    }

    /// Counts one check-in's visit, inside the catch-up's transaction. Returns whether it was the
    /// visitor's first visit that day to that activity (a new `visits` row). `firstDay` reads the
    /// visitor's first day at the venue in the same transaction (nil: none yet); it and `bands` are
    /// asked only for a new visit. `fold`: the catch-up's day totals, added up in memory and written
    /// at its end (nil: written now).
    @discardableResult
    func countVisit(holder visitor: VisitHolder, venueID: Int64, activityID: Int64, day: Int, firstDay: () throws -> Int?,
                    fold: DayTotalsFold? = nil, statements: VisitStatements? = nil, bands: () throws -> AgeBands) throws -> Bool {
        let visit = try statements?.insertVisit ?? db.statement(Self.insertVisitUnlessCounted)
        guard try visit.run([venueID, day, activityID, visitor.id]) > 0 else { return false }
        let first = try firstDay()
        if let first, first < day {
            try addToDayTotals(visitor: visitor, venueID: venueID, activityID: activityID, day: day, isNew: false, fold: fold, bands: bands())
        } else if let first, first > day {
            // A swipe older than the visitor's known first day (a spooled swipe committed late).
            try db.run("UPDATE first_visits SET first_day = ?3 WHERE visitor_id = ?1 AND venue_id = ?2", visitor.id, venueID, day)
            // The recomputation reads `day_totals`' sources, not what a batch still holds: write that first.
            try fold?.flush(self)
            try recomputeDayTotals(days: [VenueDay(venueID: venueID, day: first), VenueDay(venueID: venueID, day: day)])
        } else {
            if first == nil {
                _ = try (statements?.insertFirstVisit ?? db.statement(Self.insertNewFirstVisit)).run([visitor.id, venueID, day])
            }
            try addToDayTotals(visitor: visitor, venueID: venueID, activityID: activityID, day: day, isNew: true, fold: fold, bands: bands())
        }
        return true
    }
    /// A plain insert: `RETURNING` would collect its row in a temporary B-tree.
    static let insertVisitUnlessCounted = "INSERT OR IGNORE INTO visits(venue_id, local_day, activity_id, visitor_id) VALUES (?1, ?2, ?3, ?4)"
    static let insertNewFirstVisit = "INSERT INTO first_visits(visitor_id, venue_id, first_day) VALUES (?1, ?2, ?3)"

    /// `countVisit`'s two inserts, held by the swipe path so it need not find them by their text.
    struct VisitStatements {
        let insertVisit: Statement, insertFirstVisit: Statement
        init(_ db: SQLiteConnection) throws {
            insertVisit = try db.statement(Store.insertVisitUnlessCounted)
            insertFirstVisit = try db.statement(Store.insertNewFirstVisit)
        }
    }

    private func addToDayTotals(visitor: VisitHolder, venueID: Int64, activityID: Int64, day: Int, isNew: Bool, fold: DayTotalsFold?, bands: AgeBands) throws {
        let band = bands.label(birthYear: visitor.birthYear, in: LocalDate(dayNumber: day).year)
        if let fold {
            fold.add(DayTotalsFold.Key(venueID: venueID, day: day, activityID: activityID, role: visitor.role.rawValue,
                                       gender: visitor.gender.rawValue, ageBand: band), isNew: isNew)
            return
        }
        try db.run(Self.addDayTotal, venueID, day, activityID, visitor.role.rawValue, visitor.gender.rawValue, band, isNew ? 1 : 0)
    }
    static let addDayTotal = """
        INSERT INTO day_totals(venue_id, local_day, activity_id, role, gender, age_band, visits, new_visitors)
        VALUES (?1, ?2, ?3, ?4, ?5, ?6, 1, ?7)
        ON CONFLICT DO UPDATE SET visits = visits + 1, new_visitors = new_visitors + excluded.new_visitors
        """

    func visitDays(visitorID: Int64) throws -> [VenueDay] {
        try db.query("SELECT DISTINCT venue_id, local_day FROM visits WHERE visitor_id = ?1", visitorID).map {
            VenueDay(venueID: $0.int64(0), day: $0.int(1))
        }
    }

    func recomputeDayTotals(forVisitor id: Int64) throws {
        try recomputeDayTotals(days: visitDays(visitorID: id))
    }

    /// Rewrites `day_totals` for the given venue-days from the per-person rows (and what forgotten
    /// visitors left in `forgotten_totals`).
    func recomputeDayTotals(days: [VenueDay]) throws {
        let bands = try ageBands()
        for key in Set(days) {
            try db.run("DELETE FROM day_totals WHERE venue_id = ?1 AND local_day = ?2", key.venueID, key.day)
            for total in try computeDayTotals(venueID: key.venueID, day: key.day, bands: bands) {
                try db.run("""
                    INSERT INTO day_totals(venue_id, local_day, activity_id, role, gender, age_band, visits, new_visitors)
                    VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)
                    """, key.venueID, key.day, total.activityID, total.role, total.gender, total.ageBand, total.visits, total.newVisitors)
            }
        }
    }

    /// What `day_totals` should hold for one venue-day, computed from `visits` and `first_visits`.
    func computeDayTotals(venueID: Int64, day: Int, bands: AgeBands) throws -> [DayTotal] {
        let year = LocalDate(dayNumber: day).year
        var totals: [DayTotal.Key: (visits: Int, new: Int)] = [:]
        for row in try db.query("""
            SELECT v.activity_id, p.role, p.gender, p.birth_year, coalesce(f.first_day = v.local_day, 0)
            FROM visits v JOIN visitors p ON p.id = v.visitor_id
            LEFT JOIN first_visits f ON f.visitor_id = v.visitor_id AND f.venue_id = v.venue_id
            WHERE v.venue_id = ?1 AND v.local_day = ?2
            """, venueID, day) {
            let key = DayTotal.Key(activityID: row.int64(0), role: row.string(1), gender: row.string(2),
                                   ageBand: bands.label(birthYear: row.optionalInt(3), in: year))
            totals[key, default: (0, 0)].visits += 1
            totals[key, default: (0, 0)].new += row.int(4)
        }
        // Forgotten visitors' contributions stay in the anonymous totals.
        for row in try db.query("""
            SELECT activity_id, role, gender, age_band, visits, new_visitors FROM forgotten_totals WHERE venue_id = ?1 AND local_day = ?2
            """, venueID, day) {
            let key = DayTotal.Key(activityID: row.int64(0), role: row.string(1), gender: row.string(2), ageBand: row.string(3))
            totals[key, default: (0, 0)].visits += row.int(4)
            totals[key, default: (0, 0)].new += row.int(5)
        }
        return totals.map { DayTotal(venueID: venueID, day: day, activityID: $0.key.activityID, role: $0.key.role,
                                     gender: $0.key.gender, ageBand: $0.key.ageBand, visits: $0.value.visits, newVisitors: $0.value.new) }
    }
}

/// One row of `day_totals`.
public struct DayTotal: Hashable, Sendable {
    package struct Key: Hashable {
        package var activityID: Int64, role: String, gender: String, ageBand: String
        package init(activityID: Int64, role: String, gender: String, ageBand: String) {
            (self.activityID, self.role, self.gender, self.ageBand) = (activityID, role, gender, ageBand)
        }
    }
    public var venueID: Int64
    public var day: Int
    public var activityID: Int64
    public var role: String
    public var gender: String
    public var ageBand: String
    public var visits: Int
    public var newVisitors: Int
}
