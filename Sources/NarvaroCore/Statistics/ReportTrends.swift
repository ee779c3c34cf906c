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
    /// Visits per week over the 4 ISO weeks ending with the week of the period's last day.
    public var trailingFourWeekAverage: Double
    public var previousVisits: Int
    /// Percent change in visits from the previous period; nil when the previous period had none.
    public var changePercent: Int?
}
