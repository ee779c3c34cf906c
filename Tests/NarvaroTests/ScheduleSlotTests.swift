// Schedule slots: parsing the CLI forms, matching swipes (across midnight, on DST Sundays in
// Europe/Stockholm) and listing occurrences over a date range.
@testable import NarvaroCore
@testable import NarvaroDesk
@testable import NarvaroDaemon
@testable import NarvaroCLI
@testable import NarvaroCommands
@testable import NarvarodCommands
@testable import NarvaroBench
import Testing

private func utc(_ y: Int, _ m: Int, _ d: Int, _ h: Int, _ min: Int) throws -> EventTime {
    let day = try LocalDate(year: y, month: m, day: d).dayNumber
    return EventTime(seconds: Int64(day * 86_400 + h * 3600 + min * 60), microseconds: 0)
}

private func day(_ text: String) throws -> LocalDate { try LocalDate.parse(text) }

private let hour: Int64 = 3_600_000_000

@Suite("Schedule: slots") struct ScheduleSlotTests {
    let stockholm: VenueClock

    init() throws { stockholm = try VenueClock(identifier: "Europe/Stockholm") }

    @Test func parsesWeeklyAndOnceSlots() throws {
        let weekly = try SlotTiming.parseWeekly(day: "tue", range: "15:00-18:00", from: nil, until: nil)
        #expect(weekly == .weekly(.tuesday, start: 900, end: 1080, from: nil, until: nil))
        #expect(weekly.description == "tue 15:00-18:00")

        let late = try SlotTiming.parseWeekly(day: "fredag", range: "22:00-02:00+1", from: "2026-09-01", until: "2026-12-20")
        #expect(late == .weekly(.friday, start: 1320, end: 1560, from: try day("2026-09-01"), until: try day("2026-12-20")))
        #expect(late.description == "fri 22:00-02:00+1 from 2026-09-01 until 2026-12-20")

        let once = try SlotTiming.parseOnce(date: "2026-12-05", range: "10:00-16:00")
        #expect(once == .once(try day("2026-12-05"), start: 600, end: 960))
        #expect(once.description == "2026-12-05 10:00-16:00")

        #expect(try SlotTiming.parseTimeRange("20:00-24:00") == (1200, 1440))
        #expect(try SlotTiming.parseTimeRange("00:00-24:00") == (0, 1440))
        #expect(try SlotTiming.parseTimeRange("9:30-11:00") == (570, 660))
        #expect(try SlotTiming.parseTimeRange("22:00-22:00+1") == (1320, 2760))
        #expect(try SlotTiming.parseWeekly(day: "sat", range: "20:00-24:00", from: nil, until: nil).description == "sat 20:00-24:00")
    }

    @Test func rejectsBadSlotsWithOneLineReasons() {
        let expected: [(() throws(TimeError) -> SlotTiming, String)] = [
            ({ () throws(TimeError) in try SlotTiming.parseWeekly(day: "tue", range: "18:00-15:00", from: nil, until: nil) },
             "18:00-15:00: the end is before the start; write 22:00-02:00+1 for a slot that runs past midnight"),
            ({ () throws(TimeError) in try SlotTiming.parseWeekly(day: "tue", range: "25:00-26:00", from: nil, until: nil) },
             "'25:00' is not a time: use HH:MM between 00:00 and 23:59"),
            ({ () throws(TimeError) in try SlotTiming.parseWeekly(day: "tue", range: "15:60-18:00", from: nil, until: nil) },
             "'15:60' is not a time: use HH:MM between 00:00 and 23:59"),
            ({ () throws(TimeError) in try SlotTiming.parseWeekly(day: "tues", range: "15:00-18:00", from: nil, until: nil) },
             "'tues' is not a weekday: use mon, tue, wed, thu, fri, sat, sun (or mån, tis, ons, tor, fre, lör, sön)"),
            ({ () throws(TimeError) in try SlotTiming.parseWeekly(day: "tue", range: "15:00-18:00", from: "2026-12-01", until: "2026-11-01") },
             "from 2026-12-01 until 2026-11-01: the start is after the end; the slot would never happen"),
            ({ () throws(TimeError) in try SlotTiming.parseWeekly(day: "tue", range: "1500-1800", from: nil, until: nil) },
             "'1500' is not a time: use HH:MM between 00:00 and 23:59"),
            ({ () throws(TimeError) in try SlotTiming.parseWeekly(day: "tue", range: "15:00", from: nil, until: nil) },
             "'15:00' is not a time range: use HH:MM-HH:MM, e.g. 15:00-18:00"),
            ({ () throws(TimeError) in try SlotTiming.parseOnce(date: "2026-12-05", range: "15:00-16:00+1") },
             "15:00-16:00+1: a slot can last at most 24 hours"),
            ({ () throws(TimeError) in try SlotTiming.parseOnce(date: "2026-12-05", range: "15:00-15:00") },
             "15:00-15:00: the slot is empty; write 22:00-02:00+1 for a slot that runs past midnight"),
            ({ () throws(TimeError) in try SlotTiming.parseOnce(date: "2026-12-32", range: "10:00-16:00") },
             "'2026-12-32' is not a date: days in December 2026 are 01 to 31"),
        ]
        for (parse, message) in expected {
            let error = #expect(throws: TimeError.self) { try parse() }
            #expect(error?.description == message)
        }
        for bad in ["24:00-24:00", "10:00-24:00+1", "10:00-", "-10:00", "10:00-11:00+2", "10:0-11:00", "10:00-11:00-12:00", "１0:00-11:00"] {
            #expect(throws: TimeError.self, "\(bad)") { try SlotTiming.parseTimeRange(bad) }
        }
    }

    @Test func slotAcrossMidnightMatchesTheNextMorning() throws {
        let slot = try SlotTiming.parseWeekly(day: "fri", range: "22:00-02:00+1", from: nil, until: nil)
        // Saturday 2026-11-21 00:30 CET = Friday 23:30 UTC.
        let afterMidnight = try utc(2026, 11, 20, 23, 30)
        let occurrence = try #require(slot.occurrence(containing: afterMidnight, clock: stockholm))
        #expect(occurrence.date == (try day("2026-11-20")))
        #expect(occurrence.start == (try utc(2026, 11, 20, 21, 0)))
        #expect(occurrence.end == (try utc(2026, 11, 21, 1, 0)))
        #expect(slot.occurrence(containing: try utc(2026, 11, 20, 20, 59), clock: stockholm) == nil)  // 21:59
        #expect(slot.occurrence(containing: try utc(2026, 11, 21, 1, 0), clock: stockholm) == nil)    // 02:00, end excluded
        #expect(slot.occurrence(containing: try utc(2026, 11, 21, 0, 59), clock: stockholm)?.date == (try day("2026-11-20")))
        // The same wall time on a Sunday morning follows no Friday.
        #expect(slot.occurrence(containing: try utc(2026, 11, 21, 23, 30), clock: stockholm) == nil)
    }

    @Test func fallBackSundaySlotIsAnHourLonger() throws {
        let slot = try SlotTiming.parseWeekly(day: "sön", range: "01:00-04:00", from: nil, until: nil)
        let occurrence = try #require(slot.occurrence(on: try day("2026-10-25"), clock: stockholm))
        #expect(occurrence.start == (try utc(2026, 10, 24, 23, 0)))   // 01:00 CEST
        #expect(occurrence.end == (try utc(2026, 10, 25, 3, 0)))      // 04:00 CET
        #expect(occurrence.end.microseconds - occurrence.start.microseconds == 4 * hour)
        // Both 02:30s of that night are inside it.
        #expect(slot.occurrence(containing: try utc(2026, 10, 25, 0, 30), clock: stockholm) == occurrence)
        #expect(slot.occurrence(containing: try utc(2026, 10, 25, 1, 30), clock: stockholm) == occurrence)
        let ordinary = try #require(slot.occurrence(on: try day("2026-10-18"), clock: stockholm))
        #expect(ordinary.end.microseconds - ordinary.start.microseconds == 3 * hour)
    }

    @Test func springForwardSundaySlotIsAnHourShorter() throws {
        let slot = try SlotTiming.parseOnce(date: "2026-03-29", range: "01:00-04:00")
        let occurrence = try #require(slot.occurrence(on: try day("2026-03-29"), clock: stockholm))
        #expect(occurrence.start == (try utc(2026, 3, 29, 0, 0)))     // 01:00 CET
        #expect(occurrence.end == (try utc(2026, 3, 29, 2, 0)))       // 04:00 CEST
        #expect(occurrence.end.microseconds - occurrence.start.microseconds == 2 * hour)
        // A slot wholly inside the skipped hour does not happen that Sunday, but does the week before.
        let skipped = try SlotTiming.parseWeekly(day: "sun", range: "02:15-02:45", from: nil, until: nil)
        #expect(skipped.occurrence(on: try day("2026-03-29"), clock: stockholm) == nil)
        #expect(skipped.occurrence(on: try day("2026-03-22"), clock: stockholm) != nil)
        #expect(skipped.occurrences(from: try day("2026-03-16"), through: try day("2026-04-05"), clock: stockholm)
            .map(\.date) == [try day("2026-03-22"), try day("2026-04-05")])
    }

    @Test func occurrencesOverARangeRespectFromAndUntil() throws {
        let slot = try SlotTiming.parseWeekly(day: "tis", range: "15:00-18:00", from: "2026-11-01", until: "2026-11-24")
        let all = slot.occurrences(from: try day("2026-10-01"), through: try day("2026-12-31"), clock: stockholm)
        #expect(all.map(\.date) == [try day("2026-11-03"), try day("2026-11-10"), try day("2026-11-17"), try day("2026-11-24")])
        #expect(all.first?.start == (try utc(2026, 11, 3, 14, 0)))
        #expect(all.allSatisfy { $0.end.microseconds - $0.start.microseconds == 3 * hour })
        let narrow = slot.occurrences(from: try day("2026-11-11"), through: try day("2026-11-17"), clock: stockholm)
        #expect(narrow.map(\.date) == [try day("2026-11-17")])
        #expect(slot.occurrences(from: try day("2026-12-01"), through: try day("2026-12-31"), clock: stockholm).isEmpty)
        // Outside from/until a Tuesday swipe matches nothing.
        #expect(slot.occurrence(containing: try utc(2026, 12, 1, 15, 0), clock: stockholm) == nil)
        #expect(slot.occurrence(containing: try utc(2026, 11, 24, 15, 0), clock: stockholm)?.date == (try day("2026-11-24")))

        let once = try SlotTiming.parseOnce(date: "2026-12-05", range: "10:00-16:00")
        #expect(once.occurrences(from: try day("2026-12-01"), through: try day("2026-12-31"), clock: stockholm).count == 1)
        #expect(once.occurrences(from: try day("2026-12-06"), through: try day("2026-12-31"), clock: stockholm).isEmpty)
    }
}
