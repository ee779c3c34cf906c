// Weekly attendance from the rolling statistics: ISO weeks in the venue's time zone, visits,
// unique and new visitors.
@testable import NarvaroCore
@testable import NarvaroDesk
@testable import NarvaroDaemon
@testable import NarvaroCLI
@testable import NarvaroCommands
@testable import NarvarodCommands
@testable import NarvaroBench
import Foundation
import Testing

@Suite struct ReportTests {
    func week(_ s: String) throws -> Period { try Period.parse(s) }

    @Test func sundayEveningBelongsToTheWeekThatEndsAndMondayMorningToTheNext() throws {
        let db = try TestDatabase()
        try db.standardVenue()
        try db.swipe("1111", at: "2026-11-22T23:30:00+01:00") // Sunday 23:30 local
        try db.swipe("2222", at: "2026-11-23T00:10:00+01:00") // Monday 00:10 local, still Sunday in UTC
        let w47 = try db.store.attendance(ReportRequest(period: week("2026-W47")))
        let w48 = try db.store.attendance(ReportRequest(period: week("2026-W48")))
        #expect(w47.total == AttendanceFigures(visits: 1, uniqueVisitors: 1, newVisitors: 1))
        #expect(w48.total == AttendanceFigures(visits: 1, uniqueVisitors: 1, newVisitors: 1))
    }

    @Test func repeatedSwipesOnOneDayAreOneVisit() throws {
        let db = try TestDatabase()
        try db.standardVenue()
        for time in ["2026-11-17T15:00:00+01:00", "2026-11-17T15:00:03+01:00", "2026-11-17T17:45:00+01:00"] {
            try db.swipe("0042", at: time)
        }
        try db.swipe("0042", at: "2026-11-18T15:00:00+01:00")
        let report = try db.store.attendance(ReportRequest(period: week("2026-W47")))
        #expect(report.total == AttendanceFigures(visits: 2, uniqueVisitors: 1, newVisitors: 1))
        #expect(report.rows.map(\.activity) == ["drop-in"])
    }

    @Test func newVisitorsAreThoseWhoseFirstVisitFallsInThePeriod() throws {
        let db = try TestDatabase()
        try db.standardVenue()
        try db.swipe("0001", at: "2026-11-10T15:00:00+01:00") // W46
        try db.swipe("0001", at: "2026-11-17T15:00:00+01:00") // W47, returning
        try db.swipe("0002", at: "2026-11-18T15:00:00+01:00") // W47, new
        let report = try db.store.attendance(ReportRequest(period: week("2026-W47")))
        #expect(report.total == AttendanceFigures(visits: 2, uniqueVisitors: 2, newVisitors: 1))
    }

    @Test func staffAreCountedApartFromParticipants() throws {
        let db = try TestDatabase()
        try db.standardVenue()
        _ = try db.store.addVisitor(VisitorDetails(nickname: "Lena", role: .staff), card: "9999", format: .raw,
                                    now: TestDatabase.time("2026-11-01T10:00:00+01:00"), currentYear: 2026)
        try db.swipe("9999", at: "2026-11-17T15:00:00+01:00")
        try db.swipe("0001", at: "2026-11-17T15:01:00+01:00")
        let participants = try db.store.attendance(ReportRequest(period: week("2026-W47")))
        let staff = try db.store.attendance(ReportRequest(period: week("2026-W47"), roles: [.staff]))
        #expect(participants.total.visits == 1)
        #expect(staff.total.visits == 1)
    }

    @Test func unknownVenueInAReportIsAClearError() throws {
        let db = try TestDatabase()
        try db.standardVenue()
        #expect(throws: StoreError.notFound(kind: "venue", name: "nowhere", hint: "check `narvaro venue list`")) {
            _ = try db.store.attendance(ReportRequest(period: week("2026-W47"), venue: "nowhere"))
        }
    }
}
