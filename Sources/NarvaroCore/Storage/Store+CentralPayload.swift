// What a push sends for one venue, read from the outbox notes: visits per day × activity × role ×
// gender × age band, unique and new people per period (counted here, where people are known),
// gatherings with their grant verdicts, and the venue's description. No person is named.

public struct CentralActivityInfo: Hashable, Sendable {
    public var slug: String
    public var name: String
    public var organizer: String?
    public var grant: GrantRules
}

public struct CentralDayRow: Hashable, Sendable {
    public var activity: String
    public var day: LocalDate
    public var role: String, gender: String, ageBand: String
    public var visits: Int
}

/// Unique and new people in a period; `activity` "" is the whole venue (all activities).
public struct CentralPeriodRow: Hashable, Sendable {
    public var period: String
    public var activity: String
    public var role: String, gender: String, ageBand: String
    public var unique: Int
    public var new: Int
}

public struct CentralGatheringRow: Hashable, Sendable {
    public var activity: String
    public var day: LocalDate
    public var start: String
    public var participants: Int
    public var qualifies: Bool
    public var reasonsSV: [String]
    public var reasonsEN: [String]
}

/// Everything one push sends for one venue. `days`, `periods` and `gatheringDays` are the keys
/// whose central rows are replaced by `dayRows`, `periodRows` and `gatherings`.
public struct CentralPayload: Sendable {
    public var venue: Venue
    public var items: [OutboxItem]
    public var describesVenue: Bool
    public var activities: [CentralActivityInfo]
    public var ageBands: [String]
    public var days: [LocalDate]
    public var dayRows: [CentralDayRow]
    public var periods: [String]
    public var periodRows: [CentralPeriodRow]
    public var gatheringDays: [LocalDate]
    public var gatherings: [CentralGatheringRow]

    public var isEmpty: Bool { items.isEmpty }
}

extension Store {
    /// The payload for the venue's pending outbox notes. Call inside `readSnapshot` so the notes
    /// and the figures come from the same committed state.
    public func centralPayload(venueID: Int64) throws -> CentralPayload {
        let venue = try self.venue(id: venueID)
        let items = try pendingOutbox(venueID: venueID)
        let describes = items.contains { $0.kind == .venue }
        let activities = try db.query("""
            SELECT id, slug, name, organizer, min_participants, min_age, max_age, min_minutes, leader_required
            FROM activities WHERE venue_id = ?1 ORDER BY slug
            """, venueID).map { row in
            (id: row.int64(0), info: CentralActivityInfo(slug: row.string(1), name: row.string(2), organizer: row.optionalString(3),
                                                       grant: GrantRules(minParticipants: row.optionalInt(4), minAge: row.optionalInt(5), maxAge: row.optionalInt(6),
                                                                         minMinutes: row.optionalInt(7), leaderRequired: row.bool(8))))
        }
        let slugs = Dictionary(uniqueKeysWithValues: activities.map { ($0.id, $0.info.slug) })
        let days = Set(items.filter { $0.kind == .day }.compactMap { Int($0.key) }).sorted()
        var dayRows: [CentralDayRow] = []
        for day in days {
            for row in try db.query("""
                SELECT activity_id, role, gender, age_band, visits FROM day_totals WHERE venue_id = ?1 AND local_day = ?2 AND visits > 0
                """, venueID, day) {
                dayRows.append(CentralDayRow(activity: slugs[row.int64(0)] ?? "#\(row.int64(0))", day: LocalDate(dayNumber: day),
                                             role: row.string(1), gender: row.string(2), ageBand: row.string(3), visits: row.int(4)))
            }
        }
        var periods = Set(items.filter { $0.kind == .period }.map(\.key))
        for day in days {
            let date = LocalDate(dayNumber: day)
            periods.formUnion([Period.week(ISOWeek(containing: date)), .month(year: date.year, month: date.month),
                               .half(year: date.year, half: date.month <= 6 ? 1 : 2)].map(\.label))
        }
        var periodRows: [CentralPeriodRow] = []
        let bands = try ageBands()
        for label in periods.sorted() {
            guard let period = try? Period.parse(label) else { continue }
            periodRows += try periodPeople(venueID: venueID, period: period, slugs: slugs, bands: bands)
        }
        // Gatherings are recomputed for noted days that still have per-person rows; days before
        // retention's line keep the verdicts central received while the rows existed.
        let floor = try db.queryOne("SELECT min(local_day) FROM visits")?.optionalInt(0) ?? Int.max
        var gatheringDays = days.filter { $0 >= floor }
        if describes {
            gatheringDays = try db.query("SELECT DISTINCT local_day FROM visits WHERE venue_id = ?1 ORDER BY local_day", venueID).map { $0.int(0) }
        }
        let gatherings = try centralGatherings(venue: venue, days: gatheringDays, activities: activities.map { ($0.id, $0.info) }, bands: bands)
        return CentralPayload(venue: venue, items: items, describesVenue: describes, activities: activities.map(\.info), ageBands: bands.labels,
                              days: days.map { LocalDate(dayNumber: $0) }, dayRows: dayRows, periods: periods.sorted(), periodRows: periodRows,
                              gatheringDays: gatheringDays.map { LocalDate(dayNumber: $0) }, gatherings: gatherings)
    }

    /// Unique and new people of one venue in one period per activity (and "" for all) × role ×
    /// gender × age band: from `period_totals` when retention folded the period, else from the visit rows.
    func periodPeople(venueID: Int64, period: Period, slugs: [Int64: String], bands: AgeBands) throws -> [CentralPeriodRow] {
        if try isFolded(period) {
            return try db.query("""
                SELECT activity_id, role, gender, age_band, unique_visitors, new_visitors FROM period_totals WHERE period = ?1 AND venue_id = ?2
                """, period.label, venueID).map { row in
                CentralPeriodRow(period: period.label, activity: row.int64(0) == 0 ? "" : slugs[row.int64(0)] ?? "#\(row.int64(0))",
                                 role: row.string(1), gender: row.string(2), ageBand: row.string(3), unique: row.int(4), new: row.int(5))
            }
        }
        struct Key: Hashable { var activity: String; var role: String; var gender: String; var band: String }
        var unique: [Key: Set<Int64>] = [:], new: [Key: Set<Int64>] = [:]
        let year = period.lastDay.year
        for row in try db.query("""
            SELECT v.activity_id, v.visitor_id, p.role, p.gender, p.birth_year, coalesce(f.first_day BETWEEN ?2 AND ?3, 0)
            FROM visits v JOIN visitors p ON p.id = v.visitor_id
            LEFT JOIN first_visits f ON f.visitor_id = v.visitor_id AND f.venue_id = v.venue_id
            WHERE v.venue_id = ?1 AND v.local_day BETWEEN ?2 AND ?3
            """, venueID, period.firstDay.dayNumber, period.lastDay.dayNumber) {
            let band = bands.label(birthYear: row.optionalInt(4), in: year)
            for activity in [slugs[row.int64(0)] ?? "#\(row.int64(0))", ""] {
                let key = Key(activity: activity, role: row.string(2), gender: row.string(3), band: band)
                unique[key, default: []].insert(row.int64(1))
                if row.bool(5) { new[key, default: []].insert(row.int64(1)) }
            }
        }
        return unique.map { key, people in
            CentralPeriodRow(period: period.label, activity: key.activity, role: key.role, gender: key.gender, ageBand: key.band,
                             unique: people.count, new: new[key]?.count ?? 0)
        }.sorted { ($0.activity, $0.role, $0.gender, $0.ageBand) < ($1.activity, $1.role, $1.gender, $1.ageBand) }
    }

    /// Gatherings on the given days, judged as the local export judges them, in both languages.
    func centralGatherings(venue: Venue, days: [Int], activities: [(id: Int64, info: CentralActivityInfo)], bands: AgeBands) throws -> [CentralGatheringRow] {
        guard let first = days.first, let last = days.last else { return [] }
        let wanted = Set(days)
        let exportActivities = activities.map {
            ExportActivity(id: $0.id, venueID: venue.id, label: $0.info.name, name: $0.info.name, grant: $0.info.grant)
        }
        let slugs = Dictionary(uniqueKeysWithValues: activities.map { ($0.id, $0.info.slug) })
        let period = Period.range(LocalDate(dayNumber: first), LocalDate(dayNumber: last))
        var rows: [CentralGatheringRow] = []
        var english: [String: [String]] = [:]
        for language in [Lang.en, .sv] {
            let request = ExportRequest(period: period, venue: venue.slug, exportedBy: "", exportedAt: "", language: language)
            let filter = try ReportFilter(store: self, request: ReportRequest(period: period, venue: venue.slug, roles: Set(Role.allCases)))
            for gathering in try gatherings(request: request, filter: filter, activities: exportActivities, bands: bands) {
                guard let day = try? LocalDate.parse(gathering.row.date), wanted.contains(day.dayNumber) else { continue }
                let slug = slugs[gathering.activityID] ?? "#\(gathering.activityID)"
                if language == .en {
                    english["\(slug) \(day)"] = gathering.row.reasons
                    continue
                }
                rows.append(CentralGatheringRow(activity: slug, day: day, start: gathering.row.start, participants: gathering.row.participants,
                                                qualifies: gathering.row.qualifies, reasonsSV: gathering.row.reasons,
                                                reasonsEN: english["\(slug) \(day)"] ?? []))
            }
        }
        return rows
    }
}
