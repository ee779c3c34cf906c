// The attendance report's queries over day_totals, visits, first_visits and period_totals, and the
// report filter they share; the report's types live in Statistics/AttendanceReport.swift.

extension Store {
    /// Visits come from the anonymous `day_totals` (they survive `forget` and retention); unique and
    /// new visitors from the per-person `visits` and `first_visits`.
    public func attendance(_ request: ReportRequest) throws -> AttendanceReport {
        let filter = try ReportFilter(store: self, request: request)
        if let folded = try foldedReport(request, filter: filter) {
            return AttendanceReport(period: request.period, rows: folded.rows.map {
                AttendanceRow(venue: $0.venue, activity: $0.activity, activityName: $0.activityName, organizer: $0.organizer, figures: $0.figures)
            }, total: folded.total)
        }
        var rows: [AttendanceKey: AttendanceRow] = [:]
        for row in try db.query("""
            SELECT ve.slug, a.slug, a.name, a.organizer, sum(v.visits)
            FROM day_totals v JOIN activities a ON a.id = v.activity_id JOIN venues ve ON ve.id = v.venue_id
            WHERE \(filter.whereClause(role: "v.role"))
            GROUP BY v.venue_id, v.activity_id
            """, named: filter.parameters) {
            let key = AttendanceKey(venue: row.string(0), activity: row.string(1))
            rows[key] = AttendanceRow(venue: key.venue, activity: key.activity, activityName: row.string(2), organizer: row.optionalString(3),
                                      figures: AttendanceFigures(visits: row.int(4), uniqueVisitors: 0, newVisitors: 0))
        }
        if try isFolded(request.period) {
            return try foldedAttendance(request, filter: filter, rows: rows)
        }
        try requirePerPersonRows(request.period, what: "unique and new visitors")
        for row in try db.query("""
            SELECT ve.slug, a.slug, count(DISTINCT v.visitor_id),
                   count(DISTINCT CASE WHEN f.first_day BETWEEN :first_day AND :last_day THEN v.visitor_id END)
            FROM visits v JOIN visitors p ON p.id = v.visitor_id JOIN activities a ON a.id = v.activity_id
            JOIN venues ve ON ve.id = v.venue_id
            LEFT JOIN first_visits f ON f.visitor_id = v.visitor_id AND f.venue_id = v.venue_id
            WHERE \(filter.whereClause(role: "p.role"))
            GROUP BY v.venue_id, v.activity_id
            """, named: filter.parameters) {
            let key = AttendanceKey(venue: row.string(0), activity: row.string(1))
            rows[key]?.figures.uniqueVisitors = row.int(2)
            rows[key]?.figures.newVisitors = row.int(3)
        }
        let people = try db.queryOne("""
            SELECT count(DISTINCT v.visitor_id), count(DISTINCT CASE WHEN f.first_day BETWEEN :first_day AND :last_day THEN v.visitor_id END)
            FROM visits v JOIN visitors p ON p.id = v.visitor_id JOIN activities a ON a.id = v.activity_id
            LEFT JOIN first_visits f ON f.visitor_id = v.visitor_id AND f.venue_id = v.venue_id
            WHERE \(filter.whereClause(role: "p.role"))
            """, named: filter.parameters)
        let sorted = rows.values.sorted { ($0.venue, $0.activity) < ($1.venue, $1.activity) }
        return AttendanceReport(period: request.period, rows: sorted,
                                total: AttendanceFigures(visits: sorted.reduce(0) { $0 + $1.figures.visits },
                                                         uniqueVisitors: people?.int(0) ?? 0, newVisitors: people?.int(1) ?? 0))
    }
}

extension Store {
    /// A period that retention has folded: unique and new visitors come from `period_totals`.
    /// Totals across several venues or organizer activities add up per-venue/per-activity figures
    /// (a person seen at two venues counts twice there); per-row and per-venue figures are exact.
    func foldedAttendance(_ request: ReportRequest, filter: ReportFilter, rows: [AttendanceKey: AttendanceRow]) throws -> AttendanceReport {
        var rows = rows
        let roleClause = "instr(:roles, ',' || t.role || ',') > 0 AND (:venue IS NULL OR t.venue_id = :venue)"
        for row in try db.query("""
            SELECT ve.slug, a.slug, sum(t.unique_visitors), sum(t.new_visitors)
            FROM period_totals t JOIN activities a ON a.id = t.activity_id JOIN venues ve ON ve.id = t.venue_id
            WHERE t.period = :period AND \(roleClause) AND (:activity IS NULL OR t.activity_id = :activity) AND (:organizer IS NULL OR a.organizer = :organizer)
            GROUP BY t.venue_id, t.activity_id
            """, named: filter.parameters(adding: [":period": .text(request.period.label)])) {
            rows[AttendanceKey(venue: row.string(0), activity: row.string(1))]?.figures.uniqueVisitors = row.int(2)
            rows[AttendanceKey(venue: row.string(0), activity: row.string(1))]?.figures.newVisitors = row.int(3)
        }
        let sorted = rows.values.sorted { ($0.venue, $0.activity) < ($1.venue, $1.activity) }
        var total = AttendanceFigures(visits: sorted.reduce(0) { $0 + $1.figures.visits }, uniqueVisitors: 0, newVisitors: 0)
        if request.activity != nil || request.organizer != nil {
            total.uniqueVisitors = sorted.reduce(0) { $0 + $1.figures.uniqueVisitors }
            total.newVisitors = sorted.reduce(0) { $0 + $1.figures.newVisitors }
        } else if let sums = try db.queryOne("""
            SELECT coalesce(sum(t.unique_visitors), 0), coalesce(sum(t.new_visitors), 0) FROM period_totals t
            WHERE t.period = :period AND t.activity_id = 0 AND \(roleClause) AND (:activity IS NULL) AND (:organizer IS NULL)
            """, named: filter.parameters(adding: [":period": .text(request.period.label)])) {
            total.uniqueVisitors = sums.int(0)
            total.newVisitors = sums.int(1)
        }
        return AttendanceReport(period: request.period, rows: sorted, total: total)
    }
}

/// The report's filters as named parameters (:first_day, :last_day, :venue, :activity, :organizer,
/// :roles), shared by every report query.
struct ReportFilter {
    /// The condition over `v` (visits or day_totals) and `a` (activities); `role` names the role
    /// column. Only the filters given appear, so SQLite can use the (venue, day) and day indexes;
    /// the values of the others are bound by name and ignored.
    func whereClause(role: String) -> String {
        var clause = "v.local_day BETWEEN :first_day AND :last_day"
        if venueID != nil { clause += " AND v.venue_id = :venue" }
        if activityID != nil { clause += " AND v.activity_id = :activity" }
        if organizer != nil { clause += " AND a.organizer = :organizer" }
        return clause + " AND instr(:roles, ',' || \(role) || ',') > 0"
    }
    var parameters: [String: SQLValue]

    /// The filter's values plus `extra` (e.g. `:period`), or with some replaced (`:roles`).
    func parameters(adding extra: [String: SQLValue]) -> [String: SQLValue] {
        parameters.merging(extra) { _, new in new }
    }
    private(set) var venueID: Int64?
    private(set) var activityID: Int64?
    private(set) var organizer: String?

    init(store: Store, request: ReportRequest) throws {
        let venueID = try request.venue.map { try store.venue(slug: $0).id }
        let activity = try request.activity.map { try store.activity(named: $0, venue: request.venue) }
        if let organizer = request.organizer, try store.db.queryOne("SELECT 1 FROM activities WHERE organizer = ?1", organizer) == nil {
            throw StoreError.notFound(kind: "organizer", name: organizer, hint: "check `narvaro activity list` for organizer names")
        }
        // An activity and an organizer who does not run it would report zeros, as if nobody came:
        // say so instead. (An activity and another venue need not exclude each other: a check-in's
        // venue is its reader's, and a reader may be fixed to another venue's activity.)
        if let activity, let organizer = request.organizer, activity.organizer != organizer {
            let typed = request.activity ?? activity.slug
            throw StoreError.conflict(activity.organizer.map { "activity '\(typed)' is organized by '\($0)', not '\(organizer)': change --organizer or --activity" }
                                      ?? "activity '\(typed)' has no organizer: drop --organizer, or give the activity one with `narvaro activity edit`")
        }
        let activityID = activity?.id
        let roles = "," + request.roles.map(\.rawValue).sorted().joined(separator: ",") + ","
        self.venueID = venueID
        self.activityID = activityID
        self.organizer = request.organizer
        parameters = [":first_day": .integer(Int64(request.period.firstDay.dayNumber)),
                      ":last_day": .integer(Int64(request.period.lastDay.dayNumber)),
                      ":venue": venueID.map { .integer($0) } ?? .null, ":activity": activityID.map { .integer($0) } ?? .null,
                      ":organizer": request.organizer.map { .text($0) } ?? .null, ":roles": .text(roles)]
    }
}
