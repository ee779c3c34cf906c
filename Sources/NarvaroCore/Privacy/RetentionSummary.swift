// Retention: per-person data older than the retention period (default 400 days) is folded into
// anonymous period totals and deleted; visitors not seen within the period are deleted.
//
// Rows are deleted only before D, the Monday of the ISO week holding the start of the half-year
// that holds the horizon. Every week, month and half-year with a day before D ends before the
// horizon, so it is folded whole before any of its rows go: no period is ever folded from partial data.
// The types; the Store methods and their SQL are in Storage/Store+Retention.swift.

public struct RetentionSummary: Equatable, Sendable, Codable {
    public var horizon: String
    public var deletedBefore: String
    public var foldedPeriods: Int
    public var checkIns: Int
    public var visits: Int
    public var visitors: Int

    enum CodingKeys: String, CodingKey {
        case horizon
        case deletedBefore = "deleted_before"
        case foldedPeriods = "folded_periods"
        case checkIns = "check_ins"
        case visits
        case visitors
    }
}
