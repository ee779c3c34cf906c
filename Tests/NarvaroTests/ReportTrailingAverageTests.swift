// The trailing weekly average counts only the weeks since the venue's first check-in (at most 4)
// and says over how many weeks, in Swedish and English.
@testable import NarvaroCore
@testable import NarvaroCommands
import Foundation
import Testing

@Suite struct ReportTrailingAverageTests {
    let now = TestDatabase.time("2026-11-01T10:00:00+01:00")

    func visitors(_ db: TestDatabase, _ count: Int) throws -> [String] {
        try (0..<count).map { i in
            let card = String(format: "V%03d", i)
            _ = try db.store.addVisitor(VisitorDetails(nickname: nil, birthYear: 2008), card: card, format: .raw, now: now, currentYear: 2026)
            return card
        }
    }

    @Test func aVenueThatOpenedThisWeekAveragesOverOneWeek() throws {
        let db = try TestDatabase()
        try db.standardVenue()
        let cards = try visitors(db, 14)
        // W47 (16–22 Nov), the opening week: 14 visitors on three days = 42 visits.
        for day in ["2026-11-17", "2026-11-18", "2026-11-19"] {
            for card in cards { try db.swipe(card, at: "\(day)T15:00:00+01:00") }
        }
        let request = ReportRequest(period: try Period.parse("2026-W47"))
        let trends = try db.store.trends(request)
        #expect(trends.trailingWeeks == 1)
        #expect(trends.trailingFourWeekAverage == 42)
        let report = try db.store.attendance(request)
        let sv = reportTable(report, request: request, by: nil, trends: trends, lang: .sv)
        #expect(sv.contains("Besök per vecka, snitt 1 v"), "\(sv)")
        #expect(sv.contains("42,0"))
        let en = reportTable(report, request: request, by: nil, trends: trends, lang: .en)
        #expect(en.contains("Visits per week, average over 1 week"), "\(en)")
        #expect(en.contains("42.0"))
        let json = report.json(by: nil, trends: trends).serialized()
        #expect("\(json)".contains("\"trailing_average_weeks\":1"))
    }

    @Test func weeksBeforeTheFirstCheckInAreNotZeros() throws {
        let db = try TestDatabase()
        try db.standardVenue()
        let cards = try visitors(db, 3)
        // Opened in W46 (9–15 Nov): 3 visits in W46, 6 in W47 → 9 over 2 weeks = 4.5.
        for card in cards { try db.swipe(card, at: "2026-11-10T15:00:00+01:00") }
        for day in ["2026-11-17", "2026-11-18"] { for card in cards { try db.swipe(card, at: "\(day)T15:00:00+01:00") } }
        let w47 = try db.store.trends(ReportRequest(period: try Period.parse("2026-W47")))
        #expect(w47.trailingWeeks == 2)
        #expect(w47.trailingFourWeekAverage == 4.5)
        // Three weeks later the window is full: 4 weeks, including the quiet W48 and W49 as zeros.
        let w50 = try db.store.trends(ReportRequest(period: try Period.parse("2026-W50")))
        #expect(w50.trailingWeeks == 4)
        #expect(w50.trailingFourWeekAverage == 6.0 / 4)
        let sv = reportTable(try db.store.attendance(ReportRequest(period: try Period.parse("2026-W50"))),
                             request: ReportRequest(period: try Period.parse("2026-W50")), by: nil, trends: w50, lang: .sv)
        #expect(sv.contains("snitt 4 v") && sv.contains("1,5"), "\(sv)")
    }

    @Test func historyFoldedBeforeTheWeekCountWasRecordedReadsAsFourWeeks() throws {
        let old = #"{"returningVisitors":1,"lapsedVisitors":0,"trailingFourWeekAverage":2.5,"previousVisits":3}"#
        let trends = try JSONDecoder().decode(ReportTrends.self, from: Data(old.utf8))
        #expect(trends.trailingWeeks == 4)
        let new = try JSONDecoder().decode(ReportTrends.self, from: JSONEncoder().encode(
            ReportTrends(returningVisitors: nil, lapsedVisitors: nil, trailingFourWeekAverage: 3, trailingWeeks: 2, previousVisits: 0, changePercent: nil)))
        #expect(new.trailingWeeks == 2)
    }
}
