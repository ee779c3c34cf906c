// The municipality's report across venues, read from the central tables: visits from the day
// rows, unique and new people from the figures each venue counted for the period. Across venues
// (and across an organizer's activities) unique and new people are SUMS: a person who comes to
// two venues counts twice, because no person ever leaves a venue.
import NarvaroCore

public enum CentralBreakdown: String, CaseIterable, Sendable {
    case venue, activity, week
}

public struct CentralReportRequest: Sendable {
    public var period: Period
    /// A venue's slug, name or UUID.
    public var venue: String?
    public var organizer: String?
    public var by: CentralBreakdown
    public var roles: Set<Role>

    public init(period: Period, venue: String? = nil, organizer: String? = nil, by: CentralBreakdown = .activity, roles: Set<Role> = [.participant]) {
        self.period = period
        self.venue = venue
        self.organizer = organizer
        self.by = by
        self.roles = roles
    }
}

public struct CentralReportRow: Hashable, Sendable {
    /// The row's label: venue slug (by venue and activity), activity slug (by activity), ISO week (by week).
    public var venue: String
    public var venueName: String
    public var activity: String
    public var activityName: String
    public var figures: AttendanceFigures
}

public struct CentralReport: Sendable {
    public var request: CentralReportRequest
    public var venueCount: Int
    public var rows: [CentralReportRow]
    public var total: AttendanceFigures
    public var trailingFourWeekAverage: Double
    /// How many weeks the average is over: 4, or fewer since the first check-in.
    public var trailingWeeks: Int
    public var previousVisits: Int
    public var changePercent: Int? {
        previousVisits > 0 ? Int(((Double(total.visits - previousVisits) / Double(previousVisits)) * 100).rounded()) : nil
    }
}

extension CentralReport {
    /// Reads the report. Only periods the venues count people for: ISO week, month or half-year.
    public static func read(_ request: CentralReportRequest, connection: PostgresConnection) throws -> CentralReport {
        try checkPeriod(request.period)
        let venues = try selectVenues(request.venue, connection: connection)
        try checkOrganizer(request.organizer, connection: connection)
        // NULL when every venue is wanted: the planner (a custom plan, values known) then drops the
        // condition instead of testing every row against a hundred UUIDs.
        let uuids: String? = request.venue == nil ? nil : PostgresArray.literal(venues.map(\.uuid))
        let roles = PostgresArray.literal(request.roles.map(\.rawValue).sorted())
        let period = request.period
        let names = Dictionary(uniqueKeysWithValues: venues.map { ($0.uuid, ($0.slug, $0.name)) })
        // The week label is computed only when rows are weeks: over every day row of a half-year
        // and a hundred venues, to_char was most of the report's time.
        let week = request.by == .week ? "to_char(d.day, 'IYYY-\"W\"IW')" : "''"
        // The organizer filter is written only when given (and its parameter passed only then).
        let organizer = request.organizer == nil ? "" : " AND a.organizer = $5::text"
        let organizerParameter: [String?] = request.organizer.map { [$0] } ?? []
        let visits = try connection.query("""
            SELECT t.venue_uuid::text, t.activity, coalesce(a.name, t.activity), t.week, t.visits FROM (
                SELECT d.venue_uuid, d.activity, \(week) AS week, sum(d.visits) AS visits FROM narvaro.day_visits d
                WHERE d.day BETWEEN $1::date AND $2::date AND ($3::uuid[] IS NULL OR d.venue_uuid = ANY($3::uuid[])) AND d.role = ANY($4::text[])
                GROUP BY 1, 2, 3) t
            LEFT JOIN narvaro.activities a ON a.venue_uuid = t.venue_uuid AND a.slug = t.activity
            WHERE true\(organizer)
            """, [period.firstDay.description, period.lastDay.description, uuids, roles] + organizerParameter)
        /// Visits in a span, for the trailing average and the previous period: one sum, no grouping.
        func visitSum(_ first: LocalDate, _ last: LocalDate) throws -> Int {
            let join = request.organizer == nil ? "" : " JOIN narvaro.activities a ON a.venue_uuid = d.venue_uuid AND a.slug = d.activity"
            return Int(try connection.scalar("""
                SELECT coalesce(sum(d.visits), 0) FROM narvaro.day_visits d\(join)
                WHERE d.day BETWEEN $1::date AND $2::date AND ($3::uuid[] IS NULL OR d.venue_uuid = ANY($3::uuid[])) AND d.role = ANY($4::text[])\(organizer)
                """, [first.description, last.description, uuids, roles] + organizerParameter) ?? "0") ?? 0
        }
        let current = visits
        let people = try connection.query("""
            SELECT p.venue_uuid::text, p.activity, p.period, sum(p.unique_people), sum(p.new_people)
            FROM narvaro.period_people p LEFT JOIN narvaro.activities a ON a.venue_uuid = p.venue_uuid AND a.slug = p.activity
            WHERE p.period = ANY($1::text[]) AND ($2::uuid[] IS NULL OR p.venue_uuid = ANY($2::uuid[])) AND p.role = ANY($3::text[])
              AND ($4::text IS NULL OR a.organizer = $4::text OR (p.activity = '' AND $4::text IS NULL))
            GROUP BY 1, 2, 3
            """, [PostgresArray.literal((request.by == .week ? weeks(in: period) : []) + [period.label]), uuids, roles, request.organizer])
        struct Key: Hashable { var a: String; var b: String }
        var figures: [Key: AttendanceFigures] = [:]
        var labels: [Key: (String, String, String, String)] = [:]
        for row in current {
            let (uuid, activity, name, week, count) = (row[0] ?? "", row[1] ?? "", row[2] ?? "", row[3] ?? "", Int(row[4] ?? "0") ?? 0)
            let (slug, venueName) = names[uuid] ?? (uuid, uuid)
            let key: Key
            switch request.by {
            case .activity: key = Key(a: uuid, b: activity); labels[key] = (slug, venueName, activity, name)
            case .venue: key = Key(a: uuid, b: ""); labels[key] = (slug, venueName, "", "")
            case .week: key = Key(a: "", b: week); labels[key] = (week, week, week, week)
            }
            figures[key, default: AttendanceFigures(visits: 0, uniqueVisitors: 0, newVisitors: 0)].visits += count
        }
        var total = AttendanceFigures(visits: figures.values.reduce(0) { $0 + $1.visits }, uniqueVisitors: 0, newVisitors: 0)
        for row in people {
            let (uuid, activity, label, unique, new) = (row[0] ?? "", row[1] ?? "", row[2] ?? "", Int(row[3] ?? "0") ?? 0, Int(row[4] ?? "0") ?? 0)
            let key: Key?
            switch request.by {
            case .activity: key = label == period.label && !activity.isEmpty ? Key(a: uuid, b: activity) : nil
            case .venue: key = label == period.label && activity.isEmpty ? Key(a: uuid, b: "") : nil
            case .week: key = label != period.label && activity.isEmpty ? Key(a: "", b: label) : nil
            }
            if let key, figures[key] != nil {
                figures[key]?.uniqueVisitors += unique
                figures[key]?.newVisitors += new
            }
            // The whole venue's figure when all its activities count; an organizer's activities add up.
            if label == period.label, activity.isEmpty == (request.organizer == nil) {
                total.uniqueVisitors += unique
                total.newVisitors += new
            }
        }
        let rows = figures.map { key, value in
            let label = labels[key] ?? ("", "", "", "")
            return CentralReportRow(venue: label.0, venueName: label.1, activity: label.2, activityName: label.3, figures: value)
        }.sorted { ($0.venue, $0.activity) < ($1.venue, $1.activity) }
        // As the local report: the last 4 weeks, or fewer when the first check-in (any role) came later.
        let lastWeek = ISOWeek(containing: period.lastDay)
        let join = request.organizer == nil ? "" : " JOIN narvaro.activities a ON a.venue_uuid = d.venue_uuid AND a.slug = d.activity"
        let opened = try connection.scalar("""
            SELECT min(d.day)::text FROM narvaro.day_visits d\(join)
            WHERE d.day BETWEEN $1::date AND $2::date AND ($3::uuid[] IS NULL OR d.venue_uuid = ANY($3::uuid[])) AND d.role = ANY($4::text[])\(organizer)
            """, ["0001-01-01", lastWeek.sunday.description, uuids, PostgresArray.literal(Role.allCases.map(\.rawValue).sorted())] + organizerParameter)
        let firstWeek = try opened.map { ISOWeek(containing: try LocalDate.parse($0)).monday }
        let weeks = firstWeek.map { min(4, max(1, (lastWeek.monday.dayNumber - $0.dayNumber) / 7 + 1)) } ?? 4
        let trailing = try visitSum(lastWeek.monday.adding(days: -7 * (weeks - 1)), lastWeek.sunday)
        let previous = try visitSum(period.previous.firstDay, period.previous.lastDay)
        return CentralReport(request: request, venueCount: venues.count, rows: rows, total: total,
                             trailingFourWeekAverage: Double(trailing) / Double(weeks), trailingWeeks: weeks, previousVisits: previous)
    }

    static func checkPeriod(_ period: Period) throws {
        switch period {
        case .week, .month, .half: return
        default:
            throw CentralError(sqlstate: nil, message: "central reports and exports cover an ISO week, a month or a half-year (e.g. 2026-W47, 2026-11, 2026-H2): venues count unique people only for those")
        }
    }

    static func weeks(in period: Period) -> [String] {
        var labels: [String] = []
        var week = ISOWeek(containing: period.firstDay)
        while week.monday <= period.lastDay {
            labels.append(week.description)
            week = ISOWeek(containing: week.sunday.adding(days: 1))
        }
        return labels
    }

    /// An organizer no venue's activity names would report zeros, as if nobody came: refused, as the
    /// local report and export refuse it.
    static func checkOrganizer(_ organizer: String?, connection: PostgresConnection) throws {
        guard let organizer else { return }
        if try connection.query("SELECT 1 FROM narvaro.activities WHERE organizer = $1::text LIMIT 1", [organizer]).isEmpty {
            throw CentralError(sqlstate: nil, message: "no activity in the central database is organized by '\(organizer)': check the name as the venues write it (`narvaro activity list` at a venue)")
        }
    }

    /// The venues a request covers: all, or the one named by slug, name or UUID.
    public static func selectVenues(_ selector: String?, connection: PostgresConnection) throws -> [(uuid: String, slug: String, name: String)] {
        let rows = try connection.query("""
            SELECT venue_uuid::text, slug, name FROM narvaro.venues
            WHERE $1::text IS NULL OR slug = $1::text OR name = $1::text OR venue_uuid::text = lower($1::text) ORDER BY slug, venue_uuid
            """, [selector]).map { (uuid: $0[0] ?? "", slug: $0[1] ?? "", name: $0[2] ?? "") }
        if let selector {
            guard !rows.isEmpty else {
                throw CentralError(sqlstate: nil, message: "no venue '\(selector)' in the central database: check the name, or list venues with `narvaro central report` without --venue")
            }
            guard rows.count == 1 else {
                throw CentralError(sqlstate: nil, message: "'\(selector)' names \(rows.count) venues (\(rows.map(\.uuid).joined(separator: ", "))): give the UUID instead")
            }
        }
        return rows
    }
}
