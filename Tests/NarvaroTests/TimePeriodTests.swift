// Reading and stepping report periods: day, ISO week, month, half-year and date range.
@testable import NarvaroCore
@testable import NarvaroDesk
@testable import NarvaroDaemon
@testable import NarvaroCLI
@testable import NarvaroCommands
@testable import NarvarodCommands
@testable import NarvaroBench
import Testing

private func day(_ text: String) throws -> LocalDate { try LocalDate.parse(text) }

@Suite("Time: periods") struct TimePeriodTests {
    @Test func parsesEveryForm() throws {
        let cases: [(String, Period, String, String, Int)] = [
            ("2026-11-22", .day(try day("2026-11-22")), "2026-11-22", "2026-11-22", 1),
            ("2026-W47", .week(try ISOWeek(year: 2026, week: 47)), "2026-11-16", "2026-11-22", 7),
            ("2026-11", .month(year: 2026, month: 11), "2026-11-01", "2026-11-30", 30),
            ("2024-02", .month(year: 2024, month: 2), "2024-02-01", "2024-02-29", 29),
            ("2026-H1", .half(year: 2026, half: 1), "2026-01-01", "2026-06-30", 181),
            ("2026-H2", .half(year: 2026, half: 2), "2026-07-01", "2026-12-31", 184),
            ("2026-11-01..2026-11-30", .range(try day("2026-11-01"), try day("2026-11-30")), "2026-11-01", "2026-11-30", 30),
            ("2026-11-05..2026-11-05", .range(try day("2026-11-05"), try day("2026-11-05")), "2026-11-05", "2026-11-05", 1),
        ]
        for (text, period, first, last, days) in cases {
            let parsed = try Period.parse(text)
            #expect(parsed == period, "\(text)")
            #expect(parsed.label == text)
            #expect(parsed.firstDay == (try day(first)), "\(text)")
            #expect(parsed.lastDay == (try day(last)), "\(text)")
            #expect(parsed.days == days, "\(text)")
        }
        #expect(try Period.parse("2026W47") == .week(try ISOWeek(year: 2026, week: 47)))
    }

    @Test func rejectsBadPeriodsWithTheExpectedForm() {
        let expected: [(String, String)] = [
            ("2026-W54", "'2026-W54' is not a week: 2026 has 53 ISO weeks"),
            ("2026-H3", "'2026-H3' is not a half-year: H1 is January–June and H2 July–December"),
            ("2026-13", "'2026-13' is not a month: months are 01 to 12"),
            ("2026-02-30", "'2026-02-30' is not a date: days in February 2026 are 01 to 28"),
            ("2026-11-30..2026-11-01", "2026-11-30..2026-11-01: the start is after the end; write the earlier date first"),
            ("2026-11-01..2026-11-31", "'2026-11-31' is not a date: days in November 2026 are 01 to 30"),
            ("next week", "'next week' is not a period: use 2026-11-22, 2026-W47, 2026-11, 2026-H2 or 2026-11-01..2026-11-30"),
        ]
        for (text, message) in expected {
            let error = #expect(throws: TimeError.self) { try Period.parse(text) }
            #expect(error?.description == message)
        }
        for garbage in ["", "2026", "..", "2026-11-01..", "2026-1", "2026-H", "2026H2", "2026-Q4", "1969-12", "2026-11-22T10"] {
            #expect(throws: TimeError.self, "\(garbage)") { try Period.parse(garbage) }
        }
    }

    @Test func previousPeriodOfTheSameKind() throws {
        #expect(try Period.parse("2026-W01").previous.label == "2025-W52")
        #expect(try Period.parse("2027-W01").previous.label == "2026-W53")
        #expect(try Period.parse("2026-W47").previous.label == "2026-W46")
        #expect(try Period.parse("2026-H1").previous.label == "2025-H2")
        #expect(try Period.parse("2026-H2").previous.label == "2026-H1")
        #expect(try Period.parse("2026-01").previous.label == "2025-12")
        #expect(try Period.parse("2026-03").previous.label == "2026-02")
        #expect(try Period.parse("2026-01-01").previous.label == "2025-12-31")
        #expect(try Period.parse("2026-11-01..2026-11-30").previous.label == "2026-10-02..2026-10-31")
    }

    @Test func containsItsDaysOnly() throws {
        let week = try Period.parse("2026-W47")
        #expect(week.contains(try day("2026-11-16")))
        #expect(week.contains(try day("2026-11-22")))
        #expect(!week.contains(try day("2026-11-15")))
        #expect(!week.contains(try day("2026-11-23")))
        #expect(try Period.parse("2026-H2").contains(try day("2026-07-01")))
        #expect(try !Period.parse("2026-H2").contains(try day("2026-06-30")))
    }
}

@Suite struct ISO8601Tests {
    @Test func writesAndReadsTimesWithOffsets() throws {
        let t = try #require(ISO8601.parse("2026-11-16T00:00:00+01:00"))
        #expect(ISO8601.format(t) == "2026-11-15T23:00:00Z")
        #expect(ISO8601.format(t, offsetSeconds: 3600) == "2026-11-16T00:00:00+01:00")
        #expect(ISO8601.format(t, clock: try VenueClock(identifier: "Europe/Stockholm")) == "2026-11-16T00:00:00+01:00")
        #expect(ISO8601.parse("2026-10-25T02:30:00+02:00").map { ISO8601.format($0) } == "2026-10-25T00:30:00Z")
        #expect(ISO8601.parse("2026-11-16T00:00:00.250Z")?.microseconds == (t.microseconds + 3_600_000_000 + 250_000))
        for bad in ["2026-11-16", "2026-11-16T25:00:00Z", "2026-11-16T00:00:00", "2026-11-16T00:00:00+1", "garbage", "2026-02-30T00:00Z"] {
            #expect(ISO8601.parse(bad) == nil, "\(bad)")
        }
    }
}
