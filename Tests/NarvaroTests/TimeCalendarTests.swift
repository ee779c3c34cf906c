// LocalDate arithmetic, ISO weeks and the venue clock in Europe/Stockholm, including both DST changes.
@testable import NarvaroCore
@testable import NarvaroDesk
@testable import NarvaroDaemon
@testable import NarvaroCLI
@testable import NarvaroCommands
@testable import NarvarodCommands
@testable import NarvaroBench
import Foundation
import Testing

/// The instant of a UTC wall time, built without the code under test's clock.
private func utc(_ y: Int, _ m: Int, _ d: Int, _ h: Int, _ min: Int) throws -> EventTime {
    let day = try LocalDate(year: y, month: m, day: d).dayNumber
    return EventTime(seconds: Int64(day * 86_400 + h * 3600 + min * 60), microseconds: 0)
}

@Suite("Time: calendar") struct TimeCalendarTests {
    let stockholm: VenueClock

    init() throws { stockholm = try VenueClock(identifier: "Europe/Stockholm") }

    @Test func parsesAndRejectsDates() throws {
        let d = try LocalDate.parse("2024-02-29")
        #expect((d.year, d.month, d.day) == (2024, 2, 29))
        #expect(d.description == "2024-02-29")
        #expect(throws: TimeError.notA(.date, input: "2026-02-30", reason: "days in February 2026 are 01 to 28")) {
            try LocalDate.parse("2026-02-30")
        }
        #expect(throws: TimeError.notA(.date, input: "2026-13-01", reason: "months are 01 to 12")) {
            try LocalDate.parse("2026-13-01")
        }
        for bad in ["1969-12-31", "2026-1-01", "2026/01/01", "２026-01-01", "", "2026-01-01x", "+026-01-01"] {
            #expect(throws: TimeError.self) { try LocalDate.parse(bad) }
        }
        #expect(TimeError.notA(.date, input: "x", reason: "expected YYYY-MM-DD, e.g. 2026-11-22").description
            == "'x' is not a date: expected YYYY-MM-DD, e.g. 2026-11-22")
    }

    @Test func dayNumbersAgreeWithFoundationsGregorianCalendar() throws {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = try #require(TimeZone(identifier: "UTC"))
        for n in stride(from: -800, through: 2_932_000, by: 997) {
            let date = LocalDate(dayNumber: n)
            let parts = calendar.dateComponents([.year, .month, .day], from: Date(timeIntervalSince1970: Double(n) * 86_400))
            #expect([date.year, date.month, date.day] == [parts.year, parts.month, parts.day])
            #expect(date.dayNumber == n)
        }
        #expect(try LocalDate.parse("1970-01-01").dayNumber == 0)
        #expect(try LocalDate.parse("2000-03-01").dayNumber == 11_017)
    }

    @Test func weekdaysAndAddingDays() throws {
        #expect(try LocalDate.parse("1970-01-01").isoWeekday == 4)   // Thursday
        #expect(try LocalDate.parse("2026-10-25").isoWeekday == 7)   // Sunday
        #expect(try LocalDate.parse("2026-10-26").isoWeekday == 1)   // Monday
        #expect(LocalDate(dayNumber: -1).isoWeekday == 3)            // 1969-12-31, Wednesday
        #expect(try LocalDate.parse("2024-02-28").adding(days: 1) == LocalDate.parse("2024-02-29"))
        #expect(try LocalDate.parse("2026-01-01").adding(days: -1) == LocalDate.parse("2025-12-31"))
        #expect(try LocalDate.parse("2026-01-01") < LocalDate.parse("2026-01-02"))
        _ = LocalDate(dayNumber: 0).adding(days: Int.max)  // clamps instead of trapping
    }

    @Test func isoWeeksAroundTheNewYear() throws {
        #expect(ISOWeek.weeksInYear(2026) == 53)
        #expect(ISOWeek.weeksInYear(2027) == 52)
        #expect(ISOWeek.weeksInYear(2020) == 53)
        let w53 = try ISOWeek.parse("2026-W53")
        #expect(ISOWeek(containing: try LocalDate.parse("2027-01-01")) == w53)
        #expect(w53.monday == (try LocalDate.parse("2026-12-28")))
        #expect(w53.sunday == (try LocalDate.parse("2027-01-03")))
        #expect(try ISOWeek.parse("2026-W01").monday == LocalDate.parse("2025-12-29"))
        #expect(ISOWeek(containing: try LocalDate.parse("2025-12-29")).description == "2026-W01")
        #expect(try ISOWeek.parse("2026W47").description == "2026-W47")
        #expect(throws: TimeError.notA(.week, input: "2027-W53", reason: "2027 has 52 ISO weeks")) {
            try ISOWeek.parse("2027-W53")
        }
        let error = #expect(throws: TimeError.self) { try ISOWeek.parse("2026-W54") }
        #expect(error?.description == "'2026-W54' is not a week: 2026 has 53 ISO weeks")
        for bad in ["2026-W00", "2026-W7", "2026-47", "W47", "2026-W4x"] {
            #expect(throws: TimeError.self) { try ISOWeek.parse(bad) }
        }
    }

    @Test func weekBoundaryFollowsStockholmNotUTC() throws {
        // Sunday 23:30 CET is 22:30 UTC: the week that ends.
        let lateSunday = try utc(2026, 11, 22, 22, 30)
        #expect(stockholm.localDate(of: lateSunday) == (try LocalDate.parse("2026-11-22")))
        #expect(ISOWeek(containing: stockholm.localDate(of: lateSunday)).description == "2026-W47")
        // Monday 00:10 CET is still Sunday 23:10 in UTC, but belongs to the next week.
        let earlyMonday = try utc(2026, 11, 22, 23, 10)
        #expect(stockholm.localDate(of: earlyMonday) == (try LocalDate.parse("2026-11-23")))
        #expect(ISOWeek(containing: stockholm.localDate(of: earlyMonday)).description == "2026-W48")
        #expect(stockholm.minuteOfDay(of: earlyMonday) == 10)
    }

    @Test func fallBackHourIsStillTheSameLocalDay() throws {
        let summer0230 = try utc(2026, 10, 25, 0, 30)   // 02:30 CEST, first time round
        let winter0230 = try utc(2026, 10, 25, 1, 30)   // 02:30 CET, second time round
        for t in [summer0230, winter0230] {
            #expect(stockholm.localDate(of: t) == (try LocalDate.parse("2026-10-25")))
            #expect(stockholm.minuteOfDay(of: t) == 150)
        }
        let mondayEarly = try utc(2026, 10, 25, 23, 20)  // 00:20 CET Monday 2026-10-26
        #expect(ISOWeek(containing: stockholm.localDate(of: mondayEarly)).description == "2026-W44")
        // An ambiguous wall time maps to its first occurrence.
        #expect(stockholm.instant(of: try LocalDate.parse("2026-10-25"), minute: 150) == summer0230)
        #expect(stockholm.startOfDay(try LocalDate.parse("2026-10-25")) == (try utc(2026, 10, 24, 22, 0)))
        #expect(stockholm.startOfDay(try LocalDate.parse("2026-10-26")) == (try utc(2026, 10, 25, 23, 0)))
    }

    @Test func springForwardGapMapsToTheEndOfTheGap() throws {
        let sunday = try LocalDate.parse("2026-03-29")
        let gapEnd = try utc(2026, 3, 29, 1, 0)           // 03:00 CEST
        #expect(stockholm.instant(of: sunday, minute: 150) == gapEnd)  // 02:30 never happens
        #expect(stockholm.instant(of: sunday, minute: 120) == gapEnd)
        #expect(stockholm.instant(of: sunday, minute: 180) == gapEnd)
        #expect(stockholm.instant(of: sunday, minute: 119) == (try utc(2026, 3, 29, 0, 59)))
        // Minutes past 1440 run into the next day.
        #expect(stockholm.instant(of: sunday, minute: 1440 + 30) == (try utc(2026, 3, 29, 22, 30)))
        #expect(stockholm.instant(of: sunday, minute: -30) == (try utc(2026, 3, 28, 22, 30)))
    }

    @Test func unknownTimeZoneSaysWhatToWrite() {
        #expect(throws: TimeError.unknownTimeZone("Mars/Olympus")) { try VenueClock(identifier: "Mars/Olympus") }
        #expect(TimeError.unknownTimeZone("X").description == "unknown time zone 'X': use an IANA name like Europe/Stockholm")
        #expect(throws: TimeError.self) { try VenueClock(identifier: "") }
        #expect((try? VenueClock(identifier: "UTC"))?.localDate(of: EventTime(microseconds: -1)) == LocalDate(dayNumber: -1))
    }
}

@Suite("Time: extremes") struct TimeExtremesTests {
    @Test func absurdInputsClampInsteadOfTrapping() throws {
        let clock = try VenueClock(identifier: "Europe/Stockholm")
        let date = try LocalDate.parse("2026-01-01")
        #expect(clock.instant(of: date, minute: Int.max) > clock.startOfDay(date))
        #expect(clock.instant(of: date, minute: Int.min) < clock.startOfDay(date))
        _ = clock.localDate(of: EventTime(microseconds: Int64.max))
        _ = clock.localDate(of: EventTime(microseconds: Int64.min))
        let weekly = try SlotTiming.parseWeekly(day: "fri", range: "22:00-02:00+1", from: nil, until: nil)
        #expect(weekly.occurrence(containing: EventTime(microseconds: Int64.min), clock: clock) == nil)
        #expect(weekly.occurrence(containing: EventTime(microseconds: Int64.max), clock: clock) == nil)
        let slot = SlotTiming.once(date, start: 600, end: 300)  // built by hand, never parsed
        #expect(slot.occurrence(on: date, clock: clock) == nil)
    }
}
