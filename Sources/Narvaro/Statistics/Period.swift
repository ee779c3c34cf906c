// Reporting periods: a day, an ISO week, a month, a half-year (grant periods) or a date range,
// parsed from the forms staff type (`2026-11-22`, `2026-W47`, `2026-11`, `2026-H2`, `A..B`).
import Foundation

public enum Period: Hashable, Sendable, CustomStringConvertible {
    case day(LocalDate)
    case week(ISOWeek)
    case month(year: Int, month: Int)
    case half(year: Int, half: Int)
    case range(LocalDate, LocalDate)

    public static func parse(_ text: String) throws(TimeError) -> Period {
        let s = text.trimmingCharacters(in: .whitespaces)
        if s.contains("..") {
            let parts = s.components(separatedBy: "..")
            guard parts.count == 2 else { throw .invalid("'\(text)' is not a date range: write FROM..TO, e.g. 2026-11-01..2026-11-30") }
            return try range(from: parts[0], to: parts[1])
        }
        if s.uppercased().contains("W") { return .week(try ISOWeek.parse(s)) }
        if s.uppercased().contains("H") {
            let parts = s.uppercased().components(separatedBy: "-H")
            guard parts.count == 2, parts[0].count == 4, let year = Int(parts[0]), (1970...9999).contains(year),
                  let half = Int(parts[1]), parts[1].count == 1 else {
                throw .invalid("'\(text)' is not a half-year: write YYYY-H1 or YYYY-H2")
            }
            guard half == 1 || half == 2 else { throw .invalid("'\(text)' is not a half-year: there is only H1 (Jan–Jun) and H2 (Jul–Dec)") }
            return .half(year: year, half: half)
        }
        let parts = s.split(separator: "-", omittingEmptySubsequences: false)
        if parts.count == 2 {
            guard parts[0].count == 4, parts[1].count == 2, let year = Int(parts[0]), let month = Int(parts[1]),
                  (1970...9999).contains(year) else {
                throw .invalid("'\(text)' is not a month: write YYYY-MM, e.g. 2026-11")
            }
            guard (1...12).contains(month) else { throw .invalid("'\(text)' is not a month: months are 01 to 12") }
            return .month(year: year, month: month)
        }
        if parts.count == 3 { return .day(try LocalDate.parse(s)) }
        throw .invalid("'\(text)' is not a period: write 2026-11-22, 2026-W47, 2026-11, 2026-H2 or 2026-11-01..2026-11-30")
    }

    /// An inclusive range; `from` after `to` is an error.
    public static func range(from: String, to: String) throws(TimeError) -> Period {
        let a = try LocalDate.parse(from), b = try LocalDate.parse(to)
        guard a <= b else { throw .invalid("the range \(a)..\(b) ends before it starts: give the earlier date first") }
        return .range(a, b)
    }

    public var firstDay: LocalDate {
        switch self {
        case .day(let d): return d
        case .week(let w): return w.monday
        case .month(let y, let m): return LocalDate(year: y, month: m, day: 1)
        case .half(let y, let h): return LocalDate(year: y, month: h == 1 ? 1 : 7, day: 1)
        case .range(let a, _): return a
        }
    }

    public var lastDay: LocalDate {
        switch self {
        case .day(let d): return d
        case .week(let w): return w.sunday
        case .month(let y, let m): return LocalDate(year: y, month: m, day: LocalDate.daysInMonth(year: y, month: m))
        case .half(let y, let h): return LocalDate(year: y, month: h == 1 ? 6 : 12, day: h == 1 ? 30 : 31)
        case .range(_, let b): return b
        }
    }

    public var days: Int { lastDay.dayNumber - firstDay.dayNumber + 1 }

    public func contains(_ date: LocalDate) -> Bool { firstDay <= date && date <= lastDay }

    /// The period of the same kind just before this one (an equal-length range for ranges).
    public var previous: Period {
        switch self {
        case .day(let d): return .day(d.adding(days: -1))
        case .week(let w): return .week(ISOWeek(containing: w.monday.adding(days: -7)))
        case .month(let y, let m): return m == 1 ? .month(year: y - 1, month: 12) : .month(year: y, month: m - 1)
        case .half(let y, let h): return h == 1 ? .half(year: y - 1, half: 2) : .half(year: y, half: 1)
        case .range(let a, let b):
            let length = b.dayNumber - a.dayNumber + 1
            return .range(a.adding(days: -length), b.adding(days: -length))
        }
    }

    /// The form `parse` reads: `2026-W47`, `2026-11`, `2026-H2`, `2026-11-22`, `A..B`.
    public var label: String {
        switch self {
        case .day(let d): return d.description
        case .week(let w): return w.description
        case .month(let y, let m): return "\(y)-\(m < 10 ? "0" : "")\(m)"
        case .half(let y, let h): return "\(y)-H\(h)"
        case .range(let a, let b): return "\(a)..\(b)"
        }
    }

    public var description: String { label }
}
