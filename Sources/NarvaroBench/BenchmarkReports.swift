// Report latency (`Store.attendance`) for random weeks, months and half-years of the history, the
// query plans SQLite chose for the report queries, and the database's bytes per check-in.
import NarvaroCLI
import NarvaroCore
import NarvaroDaemon
import NarvaroCommands

/// Median and 95th percentile of one kind of report over `runs` random periods.
public struct LatencyResult: Codable, Sendable, Equatable {
    /// `week`, `month` or `half`.
    public var period: String
    /// `one venue` (venue-001, the same shape at every size) or `all venues`.
    public var scope: String
    public var runs: Int
    public var medianMilliseconds: Double
    public var p95Milliseconds: Double
    /// Mean visits in the reported periods: what the report's work should follow.
    public var meanVisits: Double
}

/// The plan SQLite uses for one report statement (`EXPLAIN QUERY PLAN`).
public struct QueryPlan: Codable, Sendable, Equatable {
    public var table: String
    public var steps: [String]
}

/// Bytes in the file, and per table with its indexes (from `dbstat`, when SQLite has it).
public struct SizeResult: Codable, Sendable, Equatable {
    public var checkIns: Int
    public var bytes: Int
    public var tables: [String: Int]
    public var bytesPerCheckIn: Double { checkIns > 0 ? Double(bytes) / Double(checkIns) : 0 }
}

public enum BenchmarkReports {
    public static let kinds = ["week", "month", "half"]

    /// Runs `attendance` for `runs` random periods of `kind` whose day lies in the history.
    /// One untimed run first, so statement preparation is not counted.
    public static func latency(store: Store, kind: String, venue: String?, runs: Int, rng: inout SeededRandom) throws -> LatencyResult {
        let (first, last) = try store.visitDayRange()
        func randomPeriod() -> Period {
            let date = LocalDate(dayNumber: Int.random(in: first...max(first, last), using: &rng))
            switch kind {
            case "week": return .week(ISOWeek(containing: date))
            case "month": return .month(year: date.year, month: date.month)
            default: return .half(year: date.year, half: date.month <= 6 ? 1 : 2)
            }
        }
        _ = try store.attendance(ReportRequest(period: randomPeriod(), venue: venue))
        var times: [Double] = []
        var visits = 0
        for _ in 0..<max(1, runs) {
            let request = ReportRequest(period: randomPeriod(), venue: venue)
            let started = ContinuousClock.now
            let report = try store.attendance(request)
            times.append(BenchmarkGenerator.seconds(ContinuousClock.now - started) * 1000)
            visits += report.total.visits
        }
        times.sort()
        return LatencyResult(period: kind, scope: venue == nil ? "all venues" : "one venue", runs: times.count,
                             medianMilliseconds: percentile(times, 0.5), p95Milliseconds: percentile(times, 0.95),
                             meanVisits: Double(visits) / Double(times.count))
    }

    /// Nearest-rank percentile of sorted values.
    static func percentile(_ sorted: [Double], _ p: Double) -> Double {
        guard !sorted.isEmpty else { return 0 }
        let rank = Int((p * Double(sorted.count)).rounded(.up))
        return sorted[min(sorted.count, max(1, rank)) - 1]
    }

    /// The plans of the statements `attendance` prepared on this connection (found with
    /// `sqlite3_next_stmt`, so the SQL is exactly the report's, not a copy).
    public static func plans(store: Store) throws -> [QueryPlan] {
        try store.preparedQueryPlans { $0.contains("GROUP BY v.venue_id") || $0.contains("count(DISTINCT v.visitor_id)") }.map { sql, steps in
            let table = sql.contains("FROM day_totals") ? "day_totals" : "visits"
            return QueryPlan(table: table + (sql.contains("GROUP BY") ? " per activity" : " totals"), steps: steps)
        }
    }

    /// The database size after a checkpoint, per table (indexes counted with their table).
    public static func size(store: Store) throws -> SizeResult {
        let size = try store.databaseSize()
        return SizeResult(checkIns: size.checkIns, bytes: size.bytes, tables: size.tables)
    }
}
