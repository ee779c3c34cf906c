// Reading recorded check-ins back: for `narvaro checkins`, the desk view and audits.

public struct CheckInFilter: Sendable {
    public var id: Int64?
    public var afterID: Int64?
    public var since: EventTime?
    public var reader: String?
    public var outcome: CheckInOutcome?
    public var venue: String?
    public var limit: Int = 1000

    public init(id: Int64? = nil, afterID: Int64? = nil, since: EventTime? = nil, reader: String? = nil,
                outcome: CheckInOutcome? = nil, venue: String? = nil, limit: Int = 1000) {
        self.id = id
        self.afterID = afterID
        self.since = since
        self.reader = reader
        self.outcome = outcome
        self.venue = venue
        self.limit = limit
    }
}

extension Store {
    /// Check-ins matching `filter`, newest first. Only the filters given become conditions, so
    /// SQLite can walk the primary key (the desk's "rows after id N") instead of scanning the log.
    public func checkIns(_ filter: CheckInFilter) throws -> [CheckIn] {
        var conditions: [String] = []
        var bindings: [SQLValue] = []
        func add(_ condition: String, _ value: SQLValue) {
            bindings.append(value)
            conditions.append(condition.replacing("?", with: "?\(bindings.count)"))
        }
        if let id = filter.id { add("c.id = ?", .integer(id)) }
        if let after = filter.afterID { add("c.id > ?", .integer(after)) }
        if let since = filter.since { add("c.time_us >= ?", .integer(since.microseconds)) }
        if let reader = filter.reader { add("c.reader_id = ?", .integer(try self.reader(named: reader).id)) }
        if let outcome = filter.outcome { add("c.outcome = ?", .text(outcome.rawValue)) }
        if let slug = filter.venue {
            let venue = try self.venue(slug: slug)
            add("c.venue_id = ?", .integer(venue.id))
            // Redundant with `since`, but lets SQLite range-scan (venue_id, local_day) instead of
            // reading every check-in of the venue: the desk's "today's swipes" took ~50 ms on the 1m
            // benchmark database (100,000 check-ins per venue), now under 1 ms (docs/benchmarks.md).
            if let since = filter.since {
                add("c.local_day >= ?", .integer(Int64(try VenueClock(identifier: venue.timeZone).localDate(of: since).dayNumber)))
            }
        }
        bindings.append(.integer(Int64(filter.limit)))
        return try db.query("""
            SELECT c.id, c.time_us, r.name, ve.slug, a.slug, a.name, c.outcome, c.attribution, p.code, p.nickname, p.enrolled
            FROM checkins c JOIN readers r ON r.id = c.reader_id JOIN venues ve ON ve.id = c.venue_id
            LEFT JOIN activities a ON a.id = c.activity_id LEFT JOIN visitors p ON p.id = c.visitor_id
            \(conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND "))
            ORDER BY c.id DESC LIMIT ?\(bindings.count)
            """, bindings: bindings).map { row throws(StoreError) in
            let enrolled = row.bool(10)
            let nickname = row.optionalString(9).flatMap { $0.isEmpty ? nil : $0 }
            return CheckIn(id: row.int64(0), time: EventTime(microseconds: row.int64(1)), reader: row.string(2), venue: row.string(3),
                                 activity: row.optionalString(4), activityName: row.optionalString(5),
                                 outcome: try row.stored(6, as: CheckInOutcome.self, column: "checkins.outcome"),
                                 attribution: try row.stored(7, as: AttributionSource.self, column: "checkins.attribution"),
                                 visitorCode: row.optionalString(8), visitorName: enrolled ? (nickname ?? row.optionalString(8)) : nil)
        }
    }

    /// The highest check-in id, so a follower (the desk) can ask for rows after it.
    public func lastCheckInID() throws -> Int64 { try db.scalar("SELECT coalesce(max(id), 0) FROM checkins") }
}
