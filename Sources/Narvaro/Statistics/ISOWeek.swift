// ISO 8601 weeks (`2026-W47`): Monday to Sunday; week 1 holds the year's first Thursday.
import Foundation

public struct ISOWeek: Hashable, Comparable, Sendable, CustomStringConvertible {
    public var year: Int
    public var week: Int

    public init(year: Int, week: Int) {
        self.year = year
        self.week = week
    }

    /// The ISO week that holds `date`.
    public init(containing date: LocalDate) {
        // The week's Thursday decides its year.
        let thursday = date.adding(days: 4 - date.isoWeekday)
        let firstOfYear = LocalDate(year: thursday.year, month: 1, day: 1)
        self.init(year: thursday.year, week: (thursday.dayNumber - firstOfYear.dayNumber) / 7 + 1)
    }

    /// 52 or 53: a year has 53 weeks when it starts on a Thursday, or is a leap year starting on a Wednesday.
    public static func weeksInYear(_ year: Int) -> Int {
        ISOWeek(containing: LocalDate(year: year, month: 12, day: 28)).week
    }

    /// `2026-W47` or `2026W47`.
    public static func parse(_ text: String) throws(TimeError) -> ISOWeek {
        let upper = text.uppercased()
        let parts = upper.contains("-W") ? upper.components(separatedBy: "-W") : upper.components(separatedBy: "W")
        guard parts.count == 2, parts[0].count == 4, (1...2).contains(parts[1].count),
              parts.allSatisfy({ $0.allSatisfy { $0.isASCII && $0.isNumber } }),
              let year = Int(parts[0]), let week = Int(parts[1]), (1970...9999).contains(year) else {
            throw .invalid("'\(text)' is not a week: write YYYY-Www, e.g. 2026-W47")
        }
        let weeks = weeksInYear(year)
        guard (1...weeks).contains(week) else {
            throw .invalid("'\(text)' is not a week: \(year) has \(weeks) ISO weeks")
        }
        return ISOWeek(year: year, week: week)
    }

    public var monday: LocalDate {
        let jan4 = LocalDate(year: year, month: 1, day: 4)
        return jan4.adding(days: 1 - jan4.isoWeekday + (week - 1) * 7)
    }

    public var sunday: LocalDate { monday.adding(days: 6) }

    public static func < (a: ISOWeek, b: ISOWeek) -> Bool { (a.year, a.week) < (b.year, b.week) }

    public var description: String { "\(year)-W\(week < 10 ? "0" : "")\(week)" }
}
