// What staff ask beyond the period's own numbers: who came back (seen in the previous period
// too), who stopped coming (seen in the 4 weeks before, not now), the trailing 4-week average
// of weekly visits, and the change in visits from the previous period.

public struct ReportTrends: Hashable, Sendable {
    public var returningVisitors: Int
    public var lapsedVisitors: Int
    /// Visits per week over the 4 ISO weeks ending with the week of the period's last day.
    public var trailingFourWeekAverage: Double
    public var previousVisits: Int
    /// Percent change in visits from the previous period; nil when the previous period had none.
    public var changePercent: Int?
}

extension Store {
    public func trends(_ request: ReportRequest) throws -> ReportTrends {
        let current = try visitorIDs(request, first: request.period.firstDay, last: request.period.lastDay)
        let previousPeriod = request.period.previous
        let previous = try visitorIDs(request, first: previousPeriod.firstDay, last: previousPeriod.lastDay)
        let fourWeeksBefore = try visitorIDs(request, first: request.period.firstDay.adding(days: -28), last: request.period.firstDay.adding(days: -1))
        let lastWeek = ISOWeek(containing: request.period.lastDay)
        let fourWeeks = Period.range(lastWeek.monday.adding(days: -21), lastWeek.sunday)
        var shifted = request
        shifted.period = fourWeeks
        let trailing = try attendance(shifted).total.visits
        shifted.period = previousPeriod
        let previousVisits = try attendance(shifted).total.visits
        let visits = try attendance(request).total.visits
        let change = previousVisits > 0 ? Int(((Double(visits - previousVisits) / Double(previousVisits)) * 100).rounded()) : nil
        return ReportTrends(returningVisitors: current.intersection(previous).count, lapsedVisitors: fourWeeksBefore.subtracting(current).count,
                            trailingFourWeekAverage: Double(trailing) / 4, previousVisits: previousVisits, changePercent: change)
    }

    /// The visitors seen in `first...last` under the request's filters.
    func visitorIDs(_ request: ReportRequest, first: LocalDate, last: LocalDate) throws -> Set<Int64> {
        var shifted = request
        shifted.period = .range(first, last)
        let filter = try ReportFilter(store: self, request: shifted)
        return Set(try db.query("""
            SELECT DISTINCT v.visitor_id FROM visits v JOIN visitors p ON p.id = v.visitor_id JOIN activities a ON a.id = v.activity_id
            WHERE \(filter.whereClause(role: "p.role"))
            """, bindings: filter.parameters).map { $0.int64(0) })
    }
}
