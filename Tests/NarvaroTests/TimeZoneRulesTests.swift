// VenueClock's own TZif reader against ICU (Foundation's TimeZone, what VenueClock used before):
// the same offsets at many instants, at every DST change ICU knows of from 1970 to 2100, and the
// same wall-time resolution (gaps → end of the gap, folds → first occurrence). Also the POSIX rules.
@testable import NarvaroCore
import Foundation
import Testing

/// The zones compared: whole-hour DST both hemispheres, a 30-minute DST, a 45-minute offset, none.
private let zones = ["Europe/Stockholm", "America/New_York", "Australia/Lord_Howe", "Asia/Kathmandu", "UTC",
                     "America/Sao_Paulo", "Africa/Casablanca", "Pacific/Chatham"]

/// The old VenueClock rule for a wall time, computed on ICU's offsets.
private func icuInstant(_ zone: TimeZone, wall: Int) -> Int {
    func offset(_ utc: Int) -> Int { zone.secondsFromGMT(for: Date(timeIntervalSince1970: TimeInterval(utc))) }
    let candidates = Set([offset(wall - 86_400), offset(wall), offset(wall + 86_400)])
    if let first = candidates.map({ wall - $0 }).filter({ offset($0) == wall - $0 }).min() { return first }
    var low = wall - (candidates.max() ?? 0), high = wall - (candidates.min() ?? 0)
    while high - low > 1 {
        let mid = low + (high - low) / 2
        if offset(mid) == offset(high) { high = mid } else { low = mid }
    }
    return high
}

@Suite("Time: zone rules") struct TimeZoneRulesTests {
    @Test(arguments: zones)
    func offsetsAgreeWithICUFrom1970To2100(name: String) throws {
        let clock = try VenueClock(identifier: name)
        let icu = try #require(TimeZone(identifier: name))
        var checked = 0, differences: [String] = []
        func compare(_ utc: Int) {
            let ours = clock.utcOffsetSeconds(at: EventTime(seconds: Int64(utc), microseconds: 0))
            let theirs = icu.secondsFromGMT(for: Date(timeIntervalSince1970: TimeInterval(utc)))
            checked += 1
            if ours != theirs, differences.count < 5 { differences.append("\(utc): \(ours) ≠ ICU \(theirs)") }
        }
        // Every 3 days and 1 hour 7 seconds, so the samples drift through every time of day.
        var t = 0
        while t < 4_102_444_800 { compare(t); t += 3 * 86_400 + 3607 }
        // Each change ICU knows of, and the seconds either side.
        var next = icu.nextDaylightSavingTimeTransition(after: Date(timeIntervalSince1970: 0))
        var changes = 0
        while let date = next, date.timeIntervalSince1970 < 4_102_444_800 {
            let at = Int(date.timeIntervalSince1970)
            for s in [at - 1, at, at + 1] { compare(s) }
            changes += 1
            next = icu.nextDaylightSavingTimeTransition(after: date)
        }
        #expect(differences.isEmpty, "\(name): \(differences)")
        #expect(checked > 15_000)
        if ["Europe/Stockholm", "America/New_York", "Australia/Lord_Howe"].contains(name) {
            #expect(changes > 200, "\(name): ICU listed \(changes) changes up to 2100")
        }
    }

    @Test(arguments: zones)
    func wallTimesResolveAsWithICU(name: String) throws {
        let clock = try VenueClock(identifier: name)
        let icu = try #require(TimeZone(identifier: name))
        // Every wall minute from an hour before to an hour after each change, 2020–2099.
        var next = icu.nextDaylightSavingTimeTransition(after: Date(timeIntervalSince1970: 1_577_836_800))
        var differences: [String] = []
        while let date = next, date.timeIntervalSince1970 < 4_102_444_800 {
            let at = Int(date.timeIntervalSince1970)
            let wall = at + icu.secondsFromGMT(for: date)
            for minute in stride(from: wall - 5400, through: wall + 5400, by: 60) {
                let day = LocalDate(dayNumber: LocalDate.floorDiv(minute, 86_400))
                let ours = clock.instant(of: day, minute: (minute - day.dayNumber * 86_400) / 60)
                let theirs = icuInstant(icu, wall: minute)
                if ours.seconds != Int64(theirs), differences.count < 5 { differences.append("wall \(minute): \(ours.seconds) ≠ \(theirs)") }
            }
            next = icu.nextDaylightSavingTimeTransition(after: date)
        }
        #expect(differences.isEmpty, "\(name): \(differences)")
    }

    @Test func lordHoweHalfHourChangesInBothDirections() throws {
        let clock = try VenueClock(identifier: "Australia/Lord_Howe")
        // 2026-10-04 02:00 +10:30 → 02:30 +11 (15:30 UTC on the 3rd): 02:00–02:29 never happen.
        let october = try LocalDate.parse("2026-10-04")
        let gapEnd = Int64(try LocalDate.parse("2026-10-03").dayNumber * 86_400 + 15 * 3600 + 1800)
        #expect(clock.instant(of: october, minute: 125).seconds == gapEnd)
        #expect(clock.instant(of: october, minute: 150).seconds == gapEnd)
        #expect(clock.instant(of: october, minute: 119).seconds == gapEnd - 60)
        // 2026-04-05 02:00 +11 → 01:30 +10:30 (15:00 UTC on the 4th): 01:30–01:59 happen twice; first wins.
        let april = try LocalDate.parse("2026-04-05")
        let firstOccurrence = Int64(try LocalDate.parse("2026-04-04").dayNumber * 86_400 + 14 * 3600 + 2700)
        #expect(clock.instant(of: april, minute: 105).seconds == firstOccurrence)  // 01:45 at +11
        #expect(clock.utcOffsetSeconds(at: EventTime(seconds: firstOccurrence, microseconds: 0)) == 39_600)
        #expect(clock.utcOffsetSeconds(at: EventTime(seconds: firstOccurrence + 1800, microseconds: 0)) == 37_800)
    }

    @Test func newYorkFarFutureComesFromTheFooterRule() throws {
        let clock = try VenueClock(identifier: "America/New_York")
        #expect(clock.rules.rule == PosixZoneRule("EST5EDT,M3.2.0,M11.1.0"))
        // 2099-03-08 is the second Sunday of March: 02:00 EST → 03:00 EDT at 07:00 UTC.
        let change = Int64(try LocalDate.parse("2099-03-08").dayNumber * 86_400 + 7 * 3600)
        #expect(clock.utcOffsetSeconds(at: EventTime(seconds: change - 1, microseconds: 0)) == -18_000)
        #expect(clock.utcOffsetSeconds(at: EventTime(seconds: change, microseconds: 0)) == -14_400)
    }

    @Test func posixRulesReadEveryForm() throws {
        let stockholm = try #require(PosixZoneRule("CET-1CEST,M3.5.0,M10.5.0/3"))
        #expect(stockholm.standardOffset == 3600 && stockholm.daylightOffset == 7200)
        #expect(stockholm.start == .init(day: .monthWeekDay(month: 3, week: 5, weekday: 0), time: 7200))
        #expect(stockholm.end == .init(day: .monthWeekDay(month: 10, week: 5, weekday: 0), time: 10_800))
        let lordHowe = try #require(PosixZoneRule("<+1030>-10:30<+11>-11,M10.1.0,M4.1.0"))
        #expect(lordHowe.standardOffset == 37_800 && lordHowe.daylightOffset == 39_600)
        #expect(PosixZoneRule("<+0545>-5:45")?.standardOffset == 20_700)
        #expect(PosixZoneRule("UTC0")?.offset(atUTC: 1_000_000_000) == 0)
        // Julian days (Feb 29 not counted / counted) and times past 24 h or negative (RFC 8536).
        let julian = try #require(PosixZoneRule("AAA3BBB,J60/-1,300/26"))
        #expect(julian.start == .init(day: .julianNoLeap(60), time: -3600))
        #expect(julian.end == .init(day: .zeroBased(300), time: 93_600))
        // J60 is March 1st even in a leap year; 300 counts February 29th.
        #expect(julian.start?.wallSeconds(in: 2024) == (try LocalDate.parse("2024-03-01")).dayNumber * 86_400 - 3600)
        #expect(julian.end?.wallSeconds(in: 2024) == (try LocalDate.parse("2024-10-27")).dayNumber * 86_400 + 93_600)
        for bad in ["", "CET", "CE-1", "CET-1CEST,M13.1.0,M10.5.0", "CET-1CEST,M3.5.0", "CET-1CEST,M3.6.0,M10.5.0",
                    "CET-25", "CET-1CEST,J0,J365", "CET-1CEST,M3.5.0,M10.5.0/168", "<+1>-1"] {
            #expect(PosixZoneRule(bad) == nil, "\(bad)")
        }
    }

    @Test func missingOrBrokenZonesAreTheSameClearError() throws {
        let scratch = try TemporaryDirectory("tzif")
        defer { withExtendedLifetime(scratch) {} }
        let dir = scratch.path
        try FileManager.default.createDirectory(atPath: dir + "/Test", withIntermediateDirectories: true)
        let real = try Data(contentsOf: URL(fileURLWithPath: "/usr/share/zoneinfo/Europe/Stockholm"))
        try real.prefix(real.count / 2).write(to: URL(fileURLWithPath: dir + "/Test/Cut"))
        try Data("TZif2".utf8 + [UInt8](repeating: 0, count: 60)).write(to: URL(fileURLWithPath: dir + "/Test/Empty"))
        try real.write(to: URL(fileURLWithPath: dir + "/Test/Copy"))
        for name in ["Test/Cut", "Test/Empty", "Test/None", "../Test/Copy", "Mars/Olympus", "posix/Europe/Stockholm", ""] {
            #expect(throws: TimeError.unknownTimeZone(name)) { try VenueClock(identifier: name, zoneDirectory: dir) }
        }
        #expect(throws: TimeError.unknownTimeZone("Test/Cut")) { try VenueClock(validating: "Test/Cut", zoneDirectory: dir) }
        let copy = try VenueClock(validating: "Test/Copy", zoneDirectory: dir)
        #expect(copy.utcOffsetSeconds(at: EventTime(seconds: 1_782_000_000, microseconds: 0)) == 7200)  // June 2026
    }

    @Test func aVersion1FileIsReadWithoutAFooter() throws {
        // Header, then one transition at 1000 s from type 0 (+1 h) to type 1 (+2 h).
        var file = Array("TZif".utf8) + [UInt8](repeating: 0, count: 16)
        for count: UInt32 in [0, 0, 0, 1, 2, 4] { file += withUnsafeBytes(of: count.bigEndian, Array.init) }
        file += withUnsafeBytes(of: Int32(1000).bigEndian, Array.init) + [1]
        for offset: Int32 in [3600, 7200] { file += withUnsafeBytes(of: offset.bigEndian, Array.init) + [0, 0] }
        file += Array("AB\0\0".utf8)
        let rules = try #require(ZoneRules(tzif: file))
        #expect(rules.rule == nil)
        #expect(rules.offset(atUTC: 999) == 3600 && rules.offset(atUTC: 1000) == 7200 && rules.offset(atUTC: 4_000_000_000) == 7200)
        #expect(ZoneRules(tzif: Array(file.dropLast(3))) == nil)
    }
}
