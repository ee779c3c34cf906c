// The queries behind the report's trends (returning, lapsed, trailing average, change); the
// type lives in Statistics/ReportTrends.swift.

extension Store {
    public func trends(_ request: ReportRequest) throws -> ReportTrends {
        if let folded = try foldedReport(request, filter: ReportFilter(store: self, request: request)) { return folded.trends }
        let period = request.period
        let previousPeriod = period.previous
        let fourWeeksStart = period.firstDay.adding(days: -28)
        let current = try visitorIDs(request, first: period.firstDay, last: period.lastDay)
        let previous = try visitorIDs(request, first: previousPeriod.firstDay, last: previousPeriod.lastDay)
        let fourWeeksBefore = try visitorIDs(request, first: fourWeeksStart, last: period.firstDay.adding(days: -1))
        let lastWeek = ISOWeek(containing: period.lastDay)
        let weeks = try trailingWeeks(request, lastWeek: lastWeek)
        let trailing = try visitTotal(request, .range(lastWeek.monday.adding(days: -7 * (weeks - 1)), lastWeek.sunday))
        let previousVisits = try visitTotal(request, previousPeriod)
        let visits = try visitTotal(request, period)
        let change = previousVisits > 0 ? Int(((Double(visits - previousVisits) / Double(previousVisits)) * 100).rounded()) : nil
        let currentFolded = try reachesFoldedHistory(period.firstDay, period.lastDay)
        let previousFolded = try reachesFoldedHistory(previousPeriod.firstDay, previousPeriod.lastDay)
        let fourWeeksFolded = try reachesFoldedHistory(fourWeeksStart, period.firstDay)
        return ReportTrends(
            returningVisitors: currentFolded || previousFolded ? nil : current.intersection(previous).count,
            lapsedVisitors: currentFolded || fourWeeksFolded ? nil : fourWeeksBefore.subtracting(current).count,
            trailingFourWeekAverage: Double(trailing) / Double(weeks), trailingWeeks: weeks, previousVisits: previousVisits, changePercent: change)
    }

    /// The weeks the trailing average is over: the 4 ending with `lastWeek`, or from the week of
    /// the first check-in under the request's place filters (any role, any time) if that is later.
    /// Weeks before a venue opened are not weeks of zero visits.
    func trailingWeeks(_ request: ReportRequest, lastWeek: ISOWeek) throws -> Int {
        var shifted = request
        shifted.period = .range(lastWeek.monday, lastWeek.sunday)
        shifted.roles = Set(Role.allCases)
        let filter = try ReportFilter(store: self, request: shifted)
        // The earliest day in day order (index day_totals_day, or the venue's primary key): one row read.
        guard let first = try db.queryOne("""
            SELECT v.local_day FROM day_totals v JOIN activities a ON a.id = v.activity_id
            WHERE \(filter.whereClause(role: "v.role")) ORDER BY v.local_day LIMIT 1
            """, named: filter.parameters(adding: [":first_day": .integer(Int64(Int32.min))]))?.optionalInt(0) else { return 4 }
        let opened = ISOWeek(containing: LocalDate(dayNumber: first)).monday
        return min(4, max(1, (lastWeek.monday.dayNumber - opened.dayNumber) / 7 + 1))
    }

    /// Visits in `period` under the request's filters, from the anonymous day totals (kept for folded history too).
    func visitTotal(_ request: ReportRequest, _ period: Period) throws -> Int {
        var shifted = request
        shifted.period = period
        let filter = try ReportFilter(store: self, request: shifted)
        return Int(try db.queryOne("""
            SELECT coalesce(sum(v.visits), 0) FROM day_totals v JOIN activities a ON a.id = v.activity_id JOIN venues ve ON ve.id = v.venue_id
            WHERE \(filter.whereClause(role: "v.role"))
            """, named: filter.parameters)?.int(0) ?? 0)
    }

    /// The visitors seen in `first...last` under the request's filters.
    func visitorIDs(_ request: ReportRequest, first: LocalDate, last: LocalDate) throws -> Set<Int64> {
        var shifted = request
        shifted.period = .range(first, last)
        let filter = try ReportFilter(store: self, request: shifted)
        return Set(try db.query("""
            SELECT DISTINCT v.visitor_id FROM visits v JOIN visitors p ON p.id = v.visitor_id JOIN activities a ON a.id = v.activity_id
            WHERE \(filter.whereClause(role: "p.role"))
            """, named: filter.parameters).map { $0.int64(0) })
    }
}
