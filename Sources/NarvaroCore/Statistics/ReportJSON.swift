// The report's JSON shape (a contract: `narvaro report --format json` and narvaro-web's
// `/report?format=json` both write it, so a script gets the same numbers from either).

extension AttendanceFigures {
    public var json: JSONValue {
        .object([("visits", .int(visits)), ("unique_visitors", .int(uniqueVisitors)), ("new_visitors", .int(newVisitors))])
    }
}

extension AttendanceReport {
    /// `rows` hold venue and activity slugs, or with `by` the breakdown's label under its name.
    /// With `names`, rows keyed by venue and activity also carry `venue_name` and `activity_name`
    /// after the figures (added fields: scripts reading the slugs keep working).
    public func json(by: Breakdown?, trends: ReportTrends, names: ReportNames? = nil) -> JSONValue {
        let rows: [JSONValue] = self.rows.map { row in
            let head: [(String, JSONValue)] = by.map { [($0.rawValue, .string(row.activity))] }
                ?? [("venue", .string(row.venue)), ("activity", .string(row.activity))]
            var named: [(String, JSONValue)] = []
            if let names, by == nil {
                named = [("venue_name", .string(names.venue(row.venue))), ("activity_name", .string(row.activityName))]
            } else if let names, by == .activity {
                named = [("venue_name", .string(names.venue(names.venueSlug(of: row.activity)))),
                         ("activity_name", .string(names.activity(row.activity)))]
            }
            return .object(head + [("visits", .int(row.figures.visits)), ("unique_visitors", .int(row.figures.uniqueVisitors)),
                                   ("new_visitors", .int(row.figures.newVisitors))] + named)
        }
        return .object([("period", .string(period.label)), ("first_day", .string(period.firstDay.description)),
                        ("last_day", .string(period.lastDay.description))] + (by.map { [("by", JSONValue.string($0.rawValue))] } ?? [])
                       + [("rows", .array(rows)), ("total", total.json),
                          ("returning_visitors", .optional(trends.returningVisitors)), ("lapsed_visitors", .optional(trends.lapsedVisitors)),
                          ("trailing_4_week_average_visits", .double((trends.trailingFourWeekAverage * 100).rounded() / 100)),
                          ("trailing_average_weeks", .int(trends.trailingWeeks)),
                          ("previous_period", period.compared.map { previous in
                              .object([("period", .string(previous.label)), ("visits", .int(trends.previousVisits)),
                                       ("change_percent", .optional(trends.changePercent))]) } ?? .null)])
    }
}

extension Period {
    /// The period a report compares with, or nil when it would start before 1970-01-01 (a range as
    /// long as all the supported years): nothing can have been recorded then, so no comparison is shown.
    public var compared: Period? {
        let previous = self.previous
        return previous.firstDay.year >= LocalDate.supportedYears.lowerBound ? previous : nil
    }
}
