// `narvaro stats rebuild` and `stats verify`: recompute every aggregate from the raw check-ins,
// and prove the incrementally maintained aggregates equal that recomputation.
// The types; the Store methods and their SQL are in Storage/Store+StatisticsRebuild.swift.

public struct StatisticsDifference: Hashable, Sendable, CustomStringConvertible {
    public var table: String
    public var row: String
    public var kept: String
    public var recomputed: String

    public var description: String { "\(table) \(row): kept \(kept), recomputed \(recomputed)" }
}
