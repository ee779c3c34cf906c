// The rule of docs/suppression.md: counts of people are protected, counts of gatherings are shown.
// A small venue's export keeps its gatherings (what the grant is paid for) and hides its people.
@testable import NarvaroCore
import Foundation
import Testing

@Suite struct ExportColumnRuleTests {
    let now = TestDatabase.time("2026-11-01T10:00:00+01:00")

    /// Läxhjälp with grant rules ≥3 participants aged 7–25, ≥45 min, a leader; three participants
    /// and a leader: one qualifying gathering, one without leader, one with a single participant.
    func smallVenue() throws -> TestDatabase {
        let db = try TestDatabase()
        try db.standardVenue()
        try db.store.addActivity(slug: "laxhjalp", venue: "tingshuset", name: "Läxhjälp", organizer: nil,
                                 grant: GrantRules(minParticipants: 3, minAge: 7, maxAge: 25, minMinutes: 45, leaderRequired: true))
        let activity = try db.store.activity(named: "laxhjalp")
        try db.store.addSlot(activity: activity, timing: SlotTiming.parseWeekly(day: "thu", range: "15:00-18:00", from: nil, until: nil))
        try db.store.addSlot(activity: activity, timing: SlotTiming.parseWeekly(day: "tue", range: "15:00-18:00", from: nil, until: nil))
        _ = try db.store.addVisitor(VisitorDetails(nickname: "Ledare", birthYear: 1980, role: .staff), card: "L001", format: .raw, now: now, currentYear: 2026)
        for card in ["0001", "0002", "0003"] {
            _ = try db.store.addVisitor(VisitorDetails(nickname: "N\(card)", birthYear: 2010), card: card, format: .raw, now: now, currentYear: 2026)
        }
        for card in ["L001", "0001", "0002", "0003"] { try db.swipe(card, at: "2026-12-10T15:10:00+01:00") }
        for card in ["0001", "0002", "0003"] { try db.swipe(card, at: "2026-12-03T15:10:00+01:00") }
        try db.swipe("0001", at: "2026-11-24T15:10:00+01:00")
        return db
    }

    @Test func aSmallVenueShowsItsGatheringsAndHidesItsPeople() throws {
        let db = try smallVenue()
        let document = try db.store.exportDocument(ExportRequest(
            period: try Period.parse("2026-11-16..2026-12-13"), exportedBy: "t@h", exportedAt: "2026-12-14T10:00:00+01:00", language: .sv))
        let raw = try #require(document.sections.first { $0.id == "activities" })
        #expect(raw.table.cells == [[3, 1, 7, 3, 3]])
        let published = try PublishedExport(document)
        let activities = try #require(published.sections.first { $0.id == "activities" })
        // Gatherings and qualifying gatherings are shown though below 5; visits (7) is shown,
        // unique and new participants (3) are hidden.
        #expect(activities.table.cells == [[.value(3), .value(1), .value(7), .suppressed(primary: true), .suppressed(primary: true)]])
        for section in published.sections where section.id != "activities" {
            for count in section.table.allCounts { if let n = count.number { #expect(n == 0 || n >= 5, "\(section.id) shows \(n)") } }
        }
        for gathering in published.gatherings ?? [] { #expect(gathering.participants.isSuppressed) }
        let csv = try CSVExport.write(document, variant: .rfc4180, lang: .sv)
        #expect(csv.contains("Sammankomster"))
        #expect(!csv.contains("Sammankomster,<5") && !csv.contains(",<5,<5,7,"), "gathering counts must not be hidden:\n\(csv)")
    }

    @Test func everyExportColumnIsClassified() throws {
        // A new column must be classified (and documented in docs/suppression.md) before it ships.
        let db = try smallVenue()
        let document = try db.store.exportDocument(ExportRequest(
            period: try Period.parse("2026-11-16..2026-12-13"), exportedBy: "t@h", exportedAt: "2026-12-14T10:00:00+01:00"))
        let doc = try String(contentsOfFile: fixturesDirectory.deletingLastPathComponent().deletingLastPathComponent().path + "/docs/suppression.md", encoding: .utf8)
        // Age bands are configurable; docs/suppression.md classifies them as one group.
        for section in document.sections where section.id != "age" {
            for (c, label) in section.table.columnLabels.enumerated() {
                #expect(doc.contains("`\(label)`"), "column \(label) of \(section.id) is not classified in docs/suppression.md")
                #expect(section.table.gatheringColumns.contains(c) == ["gatherings", "qualifying"].contains(label))
            }
        }
    }

    @Test func theHeaderSaysWhichProtectionWasUsed() throws {
        let ws = try CLIWorkspace()
        try ws.setUp()
        for (flag, sv, en, json) in [([], "små antal personer dolda (undertryckning)", "small counts of people hidden (suppression)", "suppression"),
                                     (["--protect", "cell-key"], "cellnyckelmetoden", "cell-key method", "cell-key")] {
            let csv = try Executables.run("narvaro", ["export", "--period", "2026-W47", "--format", "csv", "--lang", "sv"] + flag, environment: ws.environment)
            #expect(csv.status == 0 && csv.stdout.contains("Skydd för enskilda,") && csv.stdout.contains(sv), "\(csv.stdout)")
            let html = try Executables.run("narvaro", ["export", "--period", "2026-W47", "--format", "html", "--lang", "en"] + flag, environment: ws.environment)
            #expect(html.status == 0 && html.stdout.contains("Protection of individuals") && html.stdout.contains(en))
            let text = try Executables.run("narvaro", ["export", "--period", "2026-W47", "--format", "json"] + flag, environment: ws.environment)
            #expect(text.stdout.contains("\"protection\" : \"\(json)\"") || text.stdout.contains("\"protection\": \"\(json)\""), "\(text.stdout)")
        }
        let bad = try Executables.run("narvaro", ["export", "--period", "2026-W47", "--format", "csv", "--protect", "noise"], environment: ws.environment)
        #expect(bad.status == 2 && bad.stderr.split(separator: "\n").count == 1 && bad.stderr.contains("cell-key"), "\(bad.stderr)")
    }

    @Test func theGatheringColumnsAreTheCountsOfTheListedGatherings() throws {
        // Why showing them gives nothing away (docs/suppression.md): the list was always published.
        let db = try smallVenue()
        let document = try db.store.exportDocument(ExportRequest(
            period: try Period.parse("2026-11-16..2026-12-13"), exportedBy: "t@h", exportedAt: "2026-12-14T10:00:00+01:00"))
        let table = try #require(document.sections.first { $0.id == "activities" }?.table)
        let list = try #require(document.gatherings)
        #expect(table.cells.map { $0[0] } == [list.count])
        #expect(table.cells.map { $0[1] } == [list.filter(\.qualifies).count])
    }

    /// A regular who comes alone to four gatherings: the list shows four gatherings with at least one
    /// participant each, so visits `<5` would pin them to exactly 4. A homework club with a rule of
    /// four participants: a qualifying gathering shown `<5` would have exactly 4.
    @Test func hiddenPeopleCountsStayAmbiguousGivenTheListOfGatherings() throws {
        let db = try TestDatabase()
        try db.standardVenue()
        try db.store.addActivity(slug: "schack", venue: "tingshuset", name: "Schack", organizer: nil, grant: GrantRules())
        try db.store.addActivity(slug: "laxhjalp", venue: "tingshuset", name: "Läxhjälp", organizer: nil,
                                 grant: GrantRules(minParticipants: 4, minAge: nil, maxAge: nil, minMinutes: nil, leaderRequired: false))
        try db.store.addSlot(activity: try db.store.activity(named: "schack"),
                             timing: SlotTiming.parseWeekly(day: "mon", range: "17:00-19:00", from: nil, until: nil))
        try db.store.addSlot(activity: try db.store.activity(named: "laxhjalp"),
                             timing: SlotTiming.parseWeekly(day: "thu", range: "15:00-18:00", from: nil, until: nil))
        for card in ["0001", "0002", "0003", "0004"] {
            _ = try db.store.addVisitor(VisitorDetails(nickname: nil, birthYear: 2010), card: card, format: .raw, now: now, currentYear: 2026)
        }
        for day in ["02", "09", "16", "23"] { try db.swipe("0001", at: "2026-11-\(day)T17:10:00+01:00") }
        for card in ["0001", "0002", "0003", "0004"] { try db.swipe(card, at: "2026-11-19T15:10:00+01:00") }
        let document = try db.store.exportDocument(ExportRequest(
            period: try Period.parse("2026-11"), exportedBy: "t@h", exportedAt: "2026-12-01T10:00:00+01:00"))
        let raw = try #require(document.sections.first { $0.id == "activities" })
        #expect(raw.table.rowLabels == ["Gamla Tingshuset – Läxhjälp", "Gamla Tingshuset – Schack"])
        #expect(raw.table.cells == [[1, 1, 4, 4, 4], [4, 4, 4, 1, 1]], "an activity without grant rules counts every gathering")
        let published = try PublishedExport(document)
        let activities = try #require(published.sections.first { $0.id == "activities" }).table
        // Läxhjälp: one qualifying gathering under a rule of 4 → at least 4 participants: not `<5`.
        #expect(activities.cells[0][2] == .suppressed(primary: false) && activities.cells[0][3] == .suppressed(primary: false))
        // Schack: four listed gatherings → at least 4 visits: not `<5`; one participant is still `<5`.
        #expect(activities.cells[1][2] == .suppressed(primary: false))
        #expect(activities.cells[1][3] == .suppressed(primary: true))
        let list = try #require(published.gatherings)
        let homework = try #require(list.first { $0.activity == "Läxhjälp" })
        #expect(homework.qualifies && homework.participants == .suppressed(primary: false))
        // Wherever the same figures appear as totals, they are no `<5` either.
        for id in ["gender", "age"] {
            let table = try #require(published.sections.first { $0.id == id }).table
            #expect(table.rowTotals?[0] != .suppressed(primary: true), "\(id): participants of Läxhjälp")
        }
        let weekly = try #require(published.weeklyVisits).table
        #expect(weekly.rowTotals?[1] != .suppressed(primary: true), "weekly: visits of Schack")
    }
}
