// Retention folds old per-person rows into anonymous period totals and deletes them; reports
// for the old periods stay identical, and visitors not seen within the period are deleted.
@testable import NarvaroCore
@testable import NarvaroDesk
@testable import NarvaroDaemon
@testable import NarvaroCLI
@testable import NarvaroCommands
@testable import NarvarodCommands
@testable import NarvaroBench
import Foundation
import Testing

@Suite struct PrivacyRetentionTests {
    @Test func oldReportsStayIdenticalAfterRetention() throws {
        let db = try TestDatabase()
        try db.standardVenue()
        try db.store.addActivity(slug: "laxhjalp", venue: "tingshuset", name: "Läxhjälp", organizer: "Hej främling!")
        try db.store.addSlot(activity: db.store.activity(named: "laxhjalp"),
                             timing: SlotTiming.parseWeekly(day: "tue", range: "15:00-18:00", from: nil, until: nil))
        // Twelve cards over spring 2025, some returning, some only once; one card also in 2026.
        var day = try LocalDate(year: 2025, month: 1, day: 7)
        for week in 0..<20 {
            for card in 0..<12 where (card + week) % 3 != 0 {
                try db.swipe(String(format: "%04d", card), at: "\(day)T15:\(String(format: "%02d", card)):00+01:00")
            }
            day = day.adding(days: 7)
        }
        try db.swipe("0001", at: "2026-10-06T15:00:00+02:00")
        let periods = try ["2025-W02", "2025-W10", "2025-03", "2025-05", "2025-H1"].map { try Period.parse($0) }
        let before = try periods.map { try db.store.attendance(ReportRequest(period: $0)) }
        let beforeActivity = try periods.map { try db.store.attendance(ReportRequest(period: $0, activity: "laxhjalp")) }

        let summary = try db.store.runRetention(today: LocalDate(year: 2026, month: 11, day: 22), now: TestDatabase.time("2026-11-22T12:00:00+01:00"))
        #expect(summary.horizon == "2025-10-18")
        #expect(summary.checkIns > 0 && summary.visits > 0)
        #expect(summary.visitors == 11, "all but the card seen in 2026")
        #expect(try db.store.db.scalar("SELECT count(*) FROM checkins WHERE local_day < \(LocalDate(year: 2025, month: 6, day: 30).dayNumber)") == 0)

        let after = try periods.map { try db.store.attendance(ReportRequest(period: $0)) }
        let afterActivity = try periods.map { try db.store.attendance(ReportRequest(period: $0, activity: "laxhjalp")) }
        #expect(after == before)
        #expect(afterActivity == beforeActivity)
        #expect(before[4].total.uniqueVisitors == 12)
        // Running it again changes nothing.
        let again = try db.store.runRetention(today: LocalDate(year: 2026, month: 11, day: 22), now: TestDatabase.time("2026-11-22T12:00:00+01:00"))
        #expect(again.foldedPeriods == 0 && again.checkIns == 0)
        #expect(try periods.map { try db.store.attendance(ReportRequest(period: $0)) } == before)
    }
}
