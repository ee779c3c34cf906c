// ISO 8601 weeks (Monday to Sunday, week 1 holds the year's first Thursday): the unit of the
// weekly report. Which week a swipe is in depends on the venue's local date, not on UTC.

/// An ISO week such as `2026-W47`. Always a week that exists (week 53 only in long years).
public struct ISOWeek: Hashable, Comparable, Sendable, CustomStringConvertible {
    public let year: Int
    public let week: Int

    /// A validated week; throws if `year` has fewer than `week` weeks.
    public init(year: Int, week: Int) throws(TimeError) {
        let text = "\(LocalDate.pad(year, 4))-W\(LocalDate.pad(week, 2))"
        guard LocalDate.supportedYears.contains(year) else {
            throw .notA(.week, input: text, reason: "years from 1970 to 9999 are supported")
        }
        let count = ISOWeek.weeksInYear(year)
        guard (1...count).contains(week) else {
            throw .notA(.week, input: text, reason: "\(year) has \(count) ISO weeks")
        }
        self.year = year
        self.week = week
    }

    /// The week that `date` falls in (which may belong to the previous or next ISO year).
    public init(containing date: LocalDate) {
        // The ISO year is the year of the week's Thursday.
        let thursday = date.adding(days: 4 - date.isoWeekday)
        let januaryFirst = LocalDate(unchecked: thursday.year, 1, 1)
        self.year = thursday.year
        self.week = (thursday.dayNumber - januaryFirst.dayNumber) / 7 + 1
    }

    /// Reads `2026-W47` or `2026W47` (the `W` may be lower case).
    public static func parse(_ text: String) throws(TimeError) -> ISOWeek {
        var bytes = Array(text.utf8)
        if bytes.count == 8, bytes[4] == UInt8(ascii: "-") { bytes.remove(at: 4) }
        guard bytes.count == 7, bytes[4] == UInt8(ascii: "W") || bytes[4] == UInt8(ascii: "w"),
              let year = LocalDate.decimal(bytes[0..<4]), let week = LocalDate.decimal(bytes[5..<7])
        else {
            throw .notA(.week, input: text, reason: "expected YYYY-Www, e.g. 2026-W47")
        }
        return try ISOWeek(year: year, week: week)
    }

    /// `2026-W47`.
    public var description: String { "\(LocalDate.pad(year, 4))-W\(LocalDate.pad(week, 2))" }

    /// The first day of the week.
    public var monday: LocalDate {
        // Week 1 is the week that contains 4 January.
        let fourth = LocalDate(unchecked: year, 1, 4)
        return fourth.adding(days: 1 - fourth.isoWeekday + (week - 1) * 7)
    }

    /// The last day of the week.
    public var sunday: LocalDate { monday.adding(days: 6) }

    /// 52 or 53: a year has 53 ISO weeks when 28 December (always in the last week) is in week 53.
    public static func weeksInYear(_ year: Int) -> Int {
        ISOWeek(containing: LocalDate(unchecked: year, 12, 28)).week
    }

    public static func < (a: ISOWeek, b: ISOWeek) -> Bool { (a.year, a.week) < (b.year, b.week) }
}
