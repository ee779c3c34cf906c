// What staff ask beyond the period's own numbers: who came back (seen in the previous period
// too), who stopped coming (seen in the 4 weeks before, not now), the trailing 4-week average
// of weekly visits, and the change in visits from the previous period.
// The types; the Store methods and their SQL are in Storage/Store+TrendQueries.swift.

public struct ReportTrends: Hashable, Sendable, Codable {
    /// nil when the period or the one before it reaches into history retention has folded (the
    /// per-person rows that say who came back are gone).
    public var returningVisitors: Int?
    /// nil when the period or the 4 weeks before it reach into folded history.
    public var lapsedVisitors: Int?
    /// Visits per week over the ISO weeks ending with the week of the period's last day: the last
    /// 4, or fewer when the venue's first check-in came later (weeks before it opened are no zeros).
    public var trailingFourWeekAverage: Double
    public var previousVisits: Int
    /// Percent change in visits from the previous period; nil when the previous period had none.
    public var changePercent: Int?
    /// How many weeks (1…4) the average is over; nil in history folded before this was recorded (4).
    public var trailingWeeksStored: Int?

    public init(returningVisitors: Int?, lapsedVisitors: Int?, trailingFourWeekAverage: Double, trailingWeeks: Int = 4,
                previousVisits: Int, changePercent: Int?) {
        self.returningVisitors = returningVisitors
        self.lapsedVisitors = lapsedVisitors
        self.trailingFourWeekAverage = trailingFourWeekAverage
        self.trailingWeeksStored = trailingWeeks
        self.previousVisits = previousVisits
        self.changePercent = changePercent
    }

    /// How many weeks the trailing average is over (1…4).
    public var trailingWeeks: Int { trailingWeeksStored ?? 4 }

    enum CodingKeys: String, CodingKey {
        case returningVisitors, lapsedVisitors, trailingFourWeekAverage, previousVisits, changePercent
        case trailingWeeksStored = "trailingWeeks"
    }
}
