// Retention: per-person data older than the retention period (default 400 days) is folded into
// anonymous period totals and deleted; visitors not seen within the period are deleted.
//
// Rows are deleted only before D, the Monday of the ISO week holding the start of the half-year
// that holds the horizon. Every week, month and half-year with a day before D ends before the
// horizon, so it is folded whole before any of its rows go: no period is ever folded from partial data.

extension Store {
    public static let defaultRetentionDays = 400

    /// The retention period in days (meta `retention_days`, else 400). A value that is not a number
    /// of days is damage: deleting by a default could delete what must be kept.
    public func retentionDays() throws -> Int {
        guard let row = try db.queryOne("SELECT value FROM meta WHERE key = 'retention_days'") else { return Self.defaultRetentionDays }
        guard let days = Int(row.string(0)), days > 0 else { throw StoreError.corrupt(column: "meta retention_days", value: row.string(0)) }
        return days
    }

    public func setRetentionDays(_ days: Int) throws {
        guard (30...3650).contains(days) else { throw StoreError.outOfRange("retention of \(days) days is out of range: give 30 to 3650 days") }
        try db.run("INSERT INTO meta(key, value) VALUES ('retention_days', ?1) ON CONFLICT(key) DO UPDATE SET value = excluded.value", String(days))
    }

    public func runRetention(today: LocalDate, days: Int? = nil, now: EventTime) throws -> RetentionSummary {
        let keep = try days ?? retentionDays()
        let horizon = today.adding(days: -keep)
        let halfStart = Period.half(year: horizon.year, half: horizon.month <= 6 ? 1 : 2).firstDay
        let cutoff = ISOWeek(containing: halfStart).monday
        return try db.transaction {
            // Folding reads the per-person statistics: every check-in must be in them first.
            try catchUpStatistics()
            var folded = 0
            if let oldest = try db.queryOne("SELECT min(local_day) FROM visits")?.optionalInt(0), oldest < cutoff.dayNumber {
                // Every snapshot is taken before any is written: reports read a period's snapshot once it has one.
                let periods = try Self.periods(from: LocalDate(dayNumber: oldest), before: horizon).filter { try !isFolded($0) }
                let firstRecorded = try activitiesFirstRecorded()
                let snapshots = try periods.map { try foldedSnapshot($0, firstRecorded: firstRecorded) }
                for (period, snapshot) in zip(periods, snapshots) {
                    try fold(period, now: now)
                    try write(snapshot)
                    folded += 1
                }
            }
            // From here on `stats rebuild` recomputes only days from the cutoff on: earlier ones exist only folded.
            if try historyStart().map({ $0 < cutoff }) ?? true {
                try db.run("INSERT INTO meta(key, value) VALUES ('history_starts', ?1) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                           String(cutoff.dayNumber))
            }
            let checkIns = try db.run("DELETE FROM checkins WHERE local_day < ?1", cutoff.dayNumber)
            let visits = try db.run("DELETE FROM visits WHERE local_day < ?1", cutoff.dayNumber)
            // Visitors not seen since the cutoff (and not added since the horizon) go, with their cards. Not
            // "since the horizon": their rows after the cutoff belong to periods not folded yet, which would
            // later be folded from partial data.
            let stale = "SELECT id FROM visitors WHERE created_at < ?1 AND id NOT IN (SELECT visitor_id FROM checkins WHERE visitor_id IS NOT NULL AND local_day >= ?2)"
            let horizonTime = try VenueClock(identifier: "UTC").startOfDay(horizon).microseconds
            try db.run("DELETE FROM checkins WHERE visitor_id IN (\(stale))", horizonTime, cutoff.dayNumber)
            try db.run("DELETE FROM first_visits WHERE visitor_id IN (\(stale))", horizonTime, cutoff.dayNumber)
            try db.run("DELETE FROM visits WHERE visitor_id IN (\(stale))", horizonTime, cutoff.dayNumber)
            try db.run("DELETE FROM cards WHERE visitor_id IN (\(stale))", horizonTime, cutoff.dayNumber)
            let visitors = try db.run("DELETE FROM visitors WHERE id IN (\(stale))", horizonTime, cutoff.dayNumber)
            return RetentionSummary(horizon: horizon.description, deletedBefore: cutoff.description, foldedPeriods: folded,
                                    checkIns: checkIns, visits: visits, visitors: visitors)
        }
    }

    /// Every week, month and half-year that starts on or after the week/month/half of `from` and ends before `horizon`.
    static func periods(from: LocalDate, before horizon: LocalDate) -> [Period] {
        var result: [Period] = []
        var week = ISOWeek(containing: from)
        while week.sunday < horizon {
            result.append(.week(week))
            week = ISOWeek(containing: week.sunday.adding(days: 1))
        }
        var month = (year: from.year, month: from.month)
        while Period.month(year: month.year, month: month.month).lastDay < horizon {
            result.append(.month(year: month.year, month: month.month))
            month = month.month == 12 ? (month.year + 1, 1) : (month.year, month.month + 1)
        }
        var half = (year: from.year, half: from.month <= 6 ? 1 : 2)
        while Period.half(year: half.year, half: half.half).lastDay < horizon {
            result.append(.half(year: half.year, half: half.half))
            half = half.half == 2 ? (half.year + 1, 1) : (half.year, 2)
        }
        return result
    }

    func isFolded(_ period: Period) throws -> Bool {
        try db.queryOne("SELECT 1 FROM folded_periods WHERE period = ?1", period.label) != nil
    }

    /// Writes the period's unique and new visitors per venue × activity (and per venue, activity 0)
    /// × role × gender × age band into `period_totals`.
    func fold(_ period: Period, now: EventTime) throws {
        let bands = try ageBands()
        let first = period.firstDay.dayNumber, last = period.lastDay.dayNumber
        let year = period.lastDay.year
        struct Key: Hashable { var venue: Int64; var activity: Int64; var role: String; var gender: String; var band: String }
        var unique: [Key: Set<Int64>] = [:]
        var new: [Key: Set<Int64>] = [:]
        for row in try db.query("""
            SELECT v.venue_id, v.activity_id, v.visitor_id, p.role, p.gender, p.birth_year, coalesce(f.first_day BETWEEN ?1 AND ?2, 0)
            FROM visits v JOIN visitors p ON p.id = v.visitor_id
            LEFT JOIN first_visits f ON f.visitor_id = v.visitor_id AND f.venue_id = v.venue_id
            WHERE v.local_day BETWEEN ?1 AND ?2
            """, first, last) {
            let band = bands.label(birthYear: row.optionalInt(5), in: year)
            for activity in [row.int64(1), 0] {
                let key = Key(venue: row.int64(0), activity: activity, role: row.string(3), gender: row.string(4), band: band)
                unique[key, default: []].insert(row.int64(2))
                if row.bool(6) { new[key, default: []].insert(row.int64(2)) }
            }
        }
        for (key, visitors) in unique {
            try db.run("""
                INSERT OR REPLACE INTO period_totals(period, venue_id, activity_id, role, gender, age_band, unique_visitors, new_visitors)
                VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)
                """, period.label, key.venue, key.activity, key.role, key.gender, key.band, visitors.count, new[key]?.count ?? 0)
        }
        try db.run("INSERT INTO folded_periods(period, folded_at) VALUES (?1, ?2)", period.label, now.microseconds)
    }
}
