// /report gives the numbers `narvaro report --format json` gives (compared with the real CLI),
// and the export download is the municipality export's CSV / Swedish Excel CSV / HTML.
@testable import NarvaroCore
@testable import NarvaroWeb
import Foundation
import Testing

@Suite struct WebReportTests {
    func week() throws -> WebHarness {
        let web = try WebHarness()
        try web.db.standardVenue()
        _ = try web.db.store.addVisitor(VisitorDetails(nickname: "Amir", birthYear: 2010, gender: .man), card: "1001", format: .raw, now: web.now, currentYear: 2026)
        for (card, at) in [("1001", "2026-11-16T15:00:00+01:00"), ("1001", "2026-11-17T15:00:00+01:00"), ("2002", "2026-11-17T15:05:00+01:00"),
                           ("3003", "2026-11-18T16:00:00+01:00"), ("1001", "2026-11-10T15:00:00+01:00")] {
            try web.db.swipe(card, at: at)
        }
        return web
    }

    func cli(_ web: WebHarness, _ arguments: [String]) throws -> [String: Any] {
        let result = try Executables.run("narvaro", ["--database", web.db.path] + arguments)
        #expect(result.status == 0, "\(result.stderr)")
        return try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
    }

    @Test(arguments: [["2026-W47"], ["2026-11"], ["2026-H2"], ["2026-11-01..2026-11-30"], ["2026-W47", "day"], ["2026-11", "gender"]])
    func theReportsJSONEqualsTheCLIs(_ arguments: [String]) throws {
        let web = try week()
        let by = arguments.count > 1 ? arguments[1] : nil
        let page = try web.get("/report", query: "period=\(arguments[0])&format=json" + (by.map { "&by=\($0)" } ?? ""), user: "kim")
        #expect(page.status == 200)
        let fromWeb = try page.jsonObject()
        let fromCLI = try cli(web, ["report", "--period", arguments[0], "--format", "json"] + (by.map { ["--by", $0] } ?? []))
        #expect(NSDictionary(dictionary: fromWeb).isEqual(to: fromCLI), "\(fromWeb) vs \(fromCLI)")
        #expect((fromWeb["total"] as? [String: Int])?["visits"] ?? 0 > 0)
    }

    @Test func enrollingMovesTheReportsNumbers() throws {
        let web = try week()
        let before = try web.get("/report", query: "period=2026-W47&format=json").jsonObject()
        let token = try web.token()
        // The newest unknown card (3003) becomes another card of Amir: one visitor fewer this week.
        let amir = try web.db.store.visitors().first { $0.nickname == "Amir" }!
        #expect(try web.post("/enrol", [("csrf", token), ("visitor", amir.code)]).status == 303)
        let after = try web.get("/report", query: "period=2026-W47&format=json").jsonObject()
        #expect((before["total"] as? [String: Int])?["unique_visitors"] == 3)
        #expect((after["total"] as? [String: Int])?["unique_visitors"] == 2)
    }

    @Test func thePageShowsTheFiguresAChartAndTheDownloads() throws {
        let web = try week()
        let page = try web.get("/report", query: "period=2026-W47", user: "kim")
        #expect(page.status == 200)
        #expect(page.text.contains("id=\"total-visits\">4<"))
        #expect(page.text.contains("<svg class=\"chart\""))
        #expect(page.text.contains("/report/export?period=2026-W47&amp;format=csv-sv"))
        #expect(!page.text.contains("href=\"/desk\""), "a reader is not offered the desk")
        let defaultWeek = try web.get("/report")
        #expect(defaultWeek.status == 200 && defaultWeek.text.contains("2026-W47"), "without a period: this week")
    }

    @Test func theExportDownloadsAreTheMunicipalityExport() throws {
        let web = try week()
        let csv = try web.get("/report/export", query: "period=2026-W47&format=csv", user: "kim")
        #expect(csv.status == 200 && csv.header("Content-Disposition") == "attachment; filename=\"narvaro-2026-W47.csv\"")
        #expect(csv.text.contains("<5"), "small counts are hidden as in `narvaro export`")
        let excel = try web.get("/report/export", query: "period=2026-W47&format=csv-sv", user: "kim")
        #expect(Array(excel.body.prefix(3)) == [0xEF, 0xBB, 0xBF] && excel.text.contains(";"))
        let html = try web.get("/report/export", query: "period=2026-W47&format=html", user: "kim")
        #expect(html.text.hasPrefix("<!DOCTYPE html>") && html.header("Content-Security-Policy")?.contains("sandbox") == true)
        let range = try web.get("/report/export", query: "period=2026-11-01..2026-11-30&format=csv")
        #expect(range.header("Content-Disposition")?.contains("2026-11-01_2026-11-30") == true)
    }
}
