// Reports across DST and year ends, breakdowns, returning and lapsed visitors, and CSV that
// Python's csv module reads back to the same numbers.
@testable import NarvaroCore
@testable import NarvaroDesk
@testable import NarvaroDaemon
@testable import NarvaroCLI
@testable import NarvaroCommands
@testable import NarvarodCommands
@testable import NarvaroBench
import Foundation
import Testing

@Suite struct ReportPeriodTests {
    @Test func theDSTWeekCountsBothTwoThirtiesOnSundayAndMondayMorningInTheNextWeek() throws {
        let db = try TestDatabase()
        try db.standardVenue()
        try db.swipe("0001", at: "2026-10-25T02:30:00+02:00") // 02:30 CEST, before the clocks go back
        try db.swipe("0002", at: "2026-10-25T02:30:00+01:00") // 02:30 CET, an hour later
        try db.swipe("0003", at: "2026-10-26T00:20:00+01:00") // Monday 00:20: week 44
        let w43 = try db.store.attendance(ReportRequest(period: Period.parse("2026-W43")))
        #expect(w43.total.visits == 2)
        let sunday = try db.store.breakdown(ReportRequest(period: Period.parse("2026-W43")), by: .day)
        #expect(sunday == [BreakdownRow(label: "2026-10-25", figures: AttendanceFigures(visits: 2, uniqueVisitors: 2, newVisitors: 2))])
        #expect(try db.store.attendance(ReportRequest(period: Period.parse("2026-W44"))).total.visits == 1)
    }

    @Test func week53AndTheNewYear() throws {
        let db = try TestDatabase()
        try db.standardVenue()
        try db.swipe("0001", at: "2026-12-28T12:00:00+01:00")
        try db.swipe("0001", at: "2027-01-01T12:00:00+01:00") // still 2026-W53
        try db.swipe("0001", at: "2027-01-04T12:00:00+01:00") // 2027-W01
        let w53 = try db.store.attendance(ReportRequest(period: Period.parse("2026-W53")))
        #expect(w53.total == AttendanceFigures(visits: 2, uniqueVisitors: 1, newVisitors: 1))
        let w01 = try db.store.attendance(ReportRequest(period: Period.parse("2027-W01")))
        #expect(w01.total == AttendanceFigures(visits: 1, uniqueVisitors: 1, newVisitors: 0))
        #expect(try db.store.breakdown(ReportRequest(period: Period.parse("2026-12-28..2027-01-10")), by: .week).map(\.label) == ["2026-W53", "2027-W01"])
    }

    @Test func returningAndLapsedVisitorsAndTheChangeFromThePreviousWeek() throws {
        let db = try TestDatabase()
        try db.standardVenue()
        // W46: A, B, C. W47: A, D. Earlier (W44): E.
        for (card, time) in [("000A", "2026-11-03T15:00:00+01:00"), ("000E", "2026-10-27T15:00:00+01:00"),
                             ("000A", "2026-11-10T15:00:00+01:00"), ("000B", "2026-11-11T15:00:00+01:00"), ("000C", "2026-11-12T15:00:00+01:00"),
                             ("000A", "2026-11-17T15:00:00+01:00"), ("000D", "2026-11-18T15:00:00+01:00")] {
            try db.swipe(card, at: time)
        }
        let trends = try db.store.trends(ReportRequest(period: Period.parse("2026-W47")))
        #expect(trends.returningVisitors == 1, "A came in W46 and W47")
        #expect(trends.lapsedVisitors == 3, "B, C and E came in the 4 weeks before W47, not in it")
        #expect(trends.previousVisits == 3)
        #expect(trends.changePercent == -33)
        #expect(trends.trailingFourWeekAverage == 7.0 / 4)
    }

    @Test func breakdownsByGenderAgeAndRoleAddUpToTheVisits() throws {
        let db = try TestDatabase()
        try db.standardVenue()
        let now = TestDatabase.time("2026-11-01T10:00:00+01:00")
        _ = try db.store.addVisitor(VisitorDetails(birthYear: 2010, gender: .woman), card: "0001", format: .raw, now: now, currentYear: 2026)
        _ = try db.store.addVisitor(VisitorDetails(birthYear: 1990, gender: .man), card: "0002", format: .raw, now: now, currentYear: 2026)
        _ = try db.store.addVisitor(VisitorDetails(role: .volunteer), card: "0003", format: .raw, now: now, currentYear: 2026)
        for card in ["0001", "0002", "0003"] { try db.swipe(card, at: "2026-11-17T15:00:00+01:00") }
        let request = ReportRequest(period: try Period.parse("2026-W47"), roles: Set(Role.allCases))
        #expect(try db.store.breakdown(request, by: .age).map(\.label) == ["16-19", "26-64", "unknown"])
        #expect(try db.store.breakdown(request, by: .role).map { "\($0.label)=\($0.figures.visits)" } == ["participant=2", "volunteer=1"])
        #expect(try db.store.breakdown(request, by: .gender).reduce(0) { $0 + $1.figures.visits } == 3)
    }

    @Test func csvReadsBackThroughPythonsCSVModule() throws {
        let ws = try CLIWorkspace()
        try ws.setUp()
        try ws.narvarod(["--replay", fixturesDirectory.appendingPathComponent("demo/entre-week.evemu").path, "--reader", "entre",
                         "--start", "2026-11-16T00:00:00+01:00"])
        let csv = try ws.narvaro("report", "--week", "2026-W47", "--format", "csv")
        let json = try ws.narvaro("report", "--week", "2026-W47", "--format", "json")
        let file = ws.directory.appendingPathComponent("r.csv")
        try csv.stdout.write(to: file, atomically: true, encoding: .utf8)
        let python = try Executables.runTool("/usr/bin/env", ["python3", "-c", """
            import csv, sys
            rows = list(csv.DictReader(open(sys.argv[1], newline='', encoding='utf-8')))
            total = [r for r in rows if r['venue'] == 'total'][0]
            print(total['visits'], total['unique_visitors'], total['new_visitors'], len(rows) - 1)
            """, file.path])
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        let total = try #require(object["total"] as? [String: Int])
        let rows = try #require(object["rows"] as? [Any])
        #expect(python.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
                == "\(total["visits"] ?? -1) \(total["unique_visitors"] ?? -1) \(total["new_visitors"] ?? -1) \(rows.count)")
    }
}
