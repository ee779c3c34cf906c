// `narvaro report --by activity|day|week|gender|age|role`: the period's figures split one way.
// Visits come from the anonymous day totals; unique and new visitors from the per-person visit
// rows of the period only, so the cost follows the period's visits, not the history.
// The types; the Store methods and their SQL are in Storage/Store+BreakdownQueries.swift.

public enum Breakdown: String, CaseIterable, Sendable {
    case activity, day, week, gender, age, role
}

public struct BreakdownRow: Hashable, Sendable {
    public var label: String
    public var figures: AttendanceFigures
}
