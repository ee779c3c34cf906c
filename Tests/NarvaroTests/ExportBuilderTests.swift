// The export as built from the statistics: grant rules at their edges, staff apart, no personal
// data in any format, private output files.
@testable import NarvaroCore
@testable import NarvaroDesk
@testable import NarvaroDaemon
@testable import NarvaroCLI
@testable import NarvaroCommands
@testable import NarvarodCommands
@testable import NarvaroBench
import Foundation
import Testing

@Suite struct ExportBuilderTests {
    let now = TestDatabase.time("2026-11-01T10:00:00+01:00")

    func request(_ period: String, language: Lang = .en) throws -> ExportRequest {
        ExportRequest(period: try Period.parse(period), exportedBy: "test@host", exportedAt: "2026-11-23T10:00:00+01:00", language: language)
    }

    /// Läxhjälp on Tuesdays 15:00-15:40 (40 min) and Thursdays 15:00-18:00, rules: ≥3 participants aged 7–25, ≥45 min, leader present.
    func venue(_ db: TestDatabase) throws {
        try db.standardVenue()
        try db.store.addActivity(slug: "laxhjalp", venue: "tingshuset", name: "Läxhjälp", organizer: "Hej främling!",
                                 grant: GrantRules(minParticipants: 3, minAge: 7, maxAge: 25, minMinutes: 45, leaderRequired: true))
        let activity = try db.store.activity(named: "laxhjalp")
        try db.store.addSlot(activity: activity, timing: SlotTiming.parseWeekly(day: "tue", range: "15:00-15:40", from: nil, until: nil))
        try db.store.addSlot(activity: activity, timing: SlotTiming.parseWeekly(day: "thu", range: "15:00-18:00", from: nil, until: nil))
    }

    func visitor(_ db: TestDatabase, _ card: String, born: Int?, role: Role = .participant) throws {
        _ = try db.store.addVisitor(VisitorDetails(nickname: "Nick\(card)", birthYear: born, role: role), card: card, format: .raw, now: now, currentYear: 2026)
    }

    @Test func grantRulesAtTheirEdges() throws {
        let db = try TestDatabase()
        try venue(db)
        try visitor(db, "L001", born: 1980, role: .staff)
        for (card, born) in [("0001", 2019), ("0002", 2001), ("0003", 2000), ("0004", 2020), ("0005", nil), ("0006", 2010)] as [(String, Int?)] {
            try visitor(db, card, born: born)
        }
        // Thursday 19 Nov: leader + aged 7 (2019), 25 (2001), 26 (2000): only two in range → too few.
        for card in ["L001", "0001", "0002", "0003"] { try db.swipe(card, at: "2026-11-19T15:10:00+01:00") }
        // Thursday 26 Nov: leader + 7, 25 and an unknown age + a 6-year-old → still two in range.
        for card in ["L001", "0001", "0002", "0005", "0004"] { try db.swipe(card, at: "2026-11-26T15:10:00+01:00") }
        // Tuesday 24 Nov: three in range and a leader, but the slot is 40 min.
        for card in ["L001", "0001", "0002", "0006"] { try db.swipe(card, at: "2026-11-24T15:10:00+01:00") }
        // Thursday 3 Dec: three in range, no leader.
        for card in ["0001", "0002", "0006"] { try db.swipe(card, at: "2026-12-03T15:10:00+01:00") }
        // Thursday 10 Dec: three in range and a leader: qualifies.
        for card in ["L001", "0001", "0002", "0006"] { try db.swipe(card, at: "2026-12-10T15:10:00+01:00") }

        let document = try db.store.exportDocument(request("2026-11-16..2026-12-13"))
        let gatherings = try #require(document.gatherings)
        let verdicts = gatherings.map { "\($0.date) \($0.qualifies ? "yes" : "no: " + $0.reasons.joined(separator: "; "))" }
        #expect(verdicts == [
            "2026-11-19 no: fewer than 3 participants aged 7–25",
            "2026-11-24 no: scheduled for less than 45 min",
            "2026-11-26 no: fewer than 3 participants aged 7–25",
            "2026-12-03 no: no leader (staff or volunteer) checked in",
            "2026-12-10 yes",
        ])
        let activities = try #require(document.sections.first { $0.id == "activities" })
        #expect(activities.table.columnLabels == ["gatherings", "qualifying", "visits", "unique", "new"])
        #expect(activities.table.cells == [[5, 1, 16, 6, 6]], "the staff member is not a participant")
        let staff = try #require(document.sections.first { $0.id == "staff" })
        #expect(staff.table.cells == [[0, 4]])
    }

    @Test func theExportHoldsNoPersonalDataInAnyFormat() throws {
        let db = try TestDatabase()
        try venue(db)
        var codes: [String] = []
        for i in 0..<12 {
            let card = String(format: "C%03d", i)
            try visitor(db, card, born: 2005 + i % 5)
            codes.append(try db.store.visitors().last?.code ?? "")
            try db.swipe(card, at: "2026-11-19T15:\(10 + i):00+01:00")
        }
        let document = try db.store.exportDocument(request("2026-W47", language: .sv))
        for text in [try CSVExport.write(document, variant: .rfc4180, lang: .sv), try CSVExport.write(document, variant: .excelSwedish, lang: .sv),
                     try JSONExport.write(document), try HTMLExport.write(document, lang: .sv)] {
            for code in codes { #expect(!text.contains(code)) }
            #expect(!text.contains("Nick"))
            #expect(!text.contains("C001"))
        }
    }

    @Test func exportFilesArePrivateAndNotWrittenIntoWorldWritableDirectories() throws {
        let ws = try CLIWorkspace()
        try ws.setUp()
        try ws.narvarod(["--replay", fixturesDirectory.appendingPathComponent("demo/entre-week.evemu").path, "--reader", "entre",
                         "--start", "2026-11-16T00:00:00+01:00"])
        let file = ws.directory.appendingPathComponent("export.html").path
        let written = try ws.narvaro("export", "--period", "2026-W47", "--format", "html", "--output", file)
        #expect(written.status == 0, "\(written.stderr)")
        let attributes = try FileManager.default.attributesOfItem(atPath: file)
        #expect((attributes[.posixPermissions] as? Int) == 0o640)
        let html = try String(contentsOfFile: file, encoding: .utf8)
        #expect(html.contains("<svg") && !html.contains("http"))
        let open = ws.directory.appendingPathComponent("open")
        try FileManager.default.createDirectory(at: open, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o777])
        let refused = try ws.narvaro("export", "--period", "2026-W47", "--format", "csv", "--output", open.appendingPathComponent("e.csv").path)
        #expect(refused.status == 1 && refused.stderr.contains("writable by everyone"))
        #expect(!FileManager.default.fileExists(atPath: open.appendingPathComponent("e.csv").path))
        let forced = try ws.narvaro("export", "--period", "2026-W47", "--format", "csv", "--output", open.appendingPathComponent("e.csv").path, "--force")
        #expect(forced.status == 0)
        let badPeriod = try ws.narvaro("export", "--period", "2026-H3", "--format", "csv")
        #expect(badPeriod.status == 2 && badPeriod.stderr.contains("H1"), "a period that does not exist is a usage error")
    }
}
