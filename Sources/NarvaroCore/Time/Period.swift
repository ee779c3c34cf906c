// The spans of local days that reports and exports cover: a day, an ISO week, a month, a half-year
// (the municipality's grant periods) or any inclusive date range, and how each is written.

/// A span of whole local days. Build one with `parse`; the cases' values are not re-checked.
public enum Period: Hashable, Sendable, CustomStringConvertible {
    case day(LocalDate)
    case week(ISOWeek)
    /// `month` is 1…12.
    case month(year: Int, month: Int)
    /// `half` is 1 (January–June) or 2 (July–December).
    case half(year: Int, half: Int)
    /// From the first date through the second, both included.
    case range(LocalDate, LocalDate)

    static let forms = "use 2026-11-22, 2026-W47, 2026-11, 2026-H2 or 2026-11-01..2026-11-30"

    /// Reads `2026-11-22`, `2026-W47`, `2026-11`, `2026-H2` or `2026-11-01..2026-11-30`.
    public static func parse(_ text: String) throws(TimeError) -> Period {
        let bytes = Array(text.utf8)
        if let dot = (bytes.indices.dropLast()).first(where: { bytes[$0] == UInt8(ascii: ".") && bytes[$0 + 1] == UInt8(ascii: ".") }) {
            let from = try LocalDate.parse(String(decoding: bytes[..<dot], as: UTF8.self))
            let through = try LocalDate.parse(String(decoding: bytes[(dot + 2)...], as: UTF8.self))
            guard from <= through else {
                throw .invalid(input: text, reason: "the start is after the end; write the earlier date first")
            }
            return .range(from, through)
        }
        guard bytes.count >= 7, let year = LocalDate.decimal(bytes[0..<4]) else {
            throw .notA(.period, input: text, reason: forms)
        }
        // The letter after the year (or after "YYYY-") says which kind: W week, H half-year, else a date or month.
        let marker = bytes[4] == UInt8(ascii: "-") ? bytes[5] : bytes[4]
        switch (bytes.count, marker) {
        case (10, _):
            return .day(try LocalDate.parse(text))
        case (7, UInt8(ascii: "W")), (7, UInt8(ascii: "w")), (8, UInt8(ascii: "W")), (8, UInt8(ascii: "w")):
            return .week(try ISOWeek.parse(text))
        case (7, UInt8(ascii: "H")), (7, UInt8(ascii: "h")):
            guard bytes[4] == UInt8(ascii: "-") else { throw .notA(.period, input: text, reason: forms) }
            guard LocalDate.supportedYears.contains(year) else {
                throw .notA(.halfYear, input: text, reason: "years from 1970 to 9999 are supported")
            }
            guard let half = LocalDate.decimal(bytes[6..<7]), half == 1 || half == 2 else {
                throw .notA(.halfYear, input: text, reason: "H1 is January–June and H2 July–December")
            }
            return .half(year: year, half: half)
        case (7, _):
            guard bytes[4] == UInt8(ascii: "-"), let month = LocalDate.decimal(bytes[5..<7]) else {
                throw .notA(.period, input: text, reason: forms)
            }
            guard LocalDate.supportedYears.contains(year) else {
                throw .notA(.month, input: text, reason: "years from 1970 to 9999 are supported")
            }
            guard (1...12).contains(month) else {
                throw .notA(.month, input: text, reason: "months are 01 to 12")
            }
            return .month(year: year, month: month)
        default:
            throw .notA(.period, input: text, reason: forms)
        }
    }

    /// The form `parse` reads: `2026-11-22`, `2026-W47`, `2026-11`, `2026-H2`, `2026-11-01..2026-11-30`.
    public var label: String {
        switch self {
        case let .day(date): return date.description
        case let .week(week): return week.description
        case let .month(year, month): return "\(LocalDate.pad(year, 4))-\(LocalDate.pad(month, 2))"
        case let .half(year, half): return "\(LocalDate.pad(year, 4))-H\(half)"
        case let .range(from, through): return "\(from)..\(through)"
        }
    }

    public var description: String { label }

    public var firstDay: LocalDate {
        switch self {
        case let .day(date): return date
        case let .week(week): return week.monday
        case let .month(year, month): return LocalDate(unchecked: year, month, 1)
        case let .half(year, half): return LocalDate(unchecked: year, half == 1 ? 1 : 7, 1)
        case let .range(from, _): return from
        }
    }

    public var lastDay: LocalDate {
        switch self {
        case let .day(date): return date
        case let .week(week): return week.sunday
        case let .month(year, month):
            return LocalDate(unchecked: year, month, LocalDate.daysInMonth(year: year, month: month))
        case let .half(year, half): return half == 1 ? LocalDate(unchecked: year, 6, 30) : LocalDate(unchecked: year, 12, 31)
        case let .range(_, through): return through
        }
    }

    /// How many days the period covers.
    public var days: Int { lastDay.dayNumber - firstDay.dayNumber + 1 }

    /// Whether `date` is one of the period's days.
    public func contains(_ date: LocalDate) -> Bool { firstDay <= date && date <= lastDay }

    /// The period of the same kind just before this one, for "compared with last week" columns:
    /// the previous day, week, month or half-year; for a range, the equally long range ending the
    /// day before it starts.
    public var previous: Period {
        switch self {
        case let .day(date):
            return .day(date.adding(days: -1))
        case let .week(week):
            return .week(ISOWeek(containing: week.monday.adding(days: -1)))
        case let .month(year, month):
            return month == 1 ? .month(year: year - 1, month: 12) : .month(year: year, month: month - 1)
        case let .half(year, half):
            return half == 1 ? .half(year: year - 1, half: 2) : .half(year: year, half: 1)
        case let .range(from, through):
            let length = through.dayNumber - from.dayNumber + 1
            return .range(from.adding(days: -length), from.adding(days: -1))
        }
    }
}
