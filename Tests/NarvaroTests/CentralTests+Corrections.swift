// Late corrections reach the central numbers (an enrolment that merges last month's check-ins,
// a forgotten visitor, retention), and what the central tables hold names no person: a dump of
// them holds no card hash, card number, visitor code, nickname or swipe time.
@testable import NarvaroCore
@testable import NarvaroCLI
@testable import NarvaroCommands
@testable import NarvarodCommands
@testable import NarvaroCentral
import Foundation
import Testing

extension CentralTests {
    func total(_ report: [String: Any], _ key: String) -> Int { (report["total"] as? [String: Any])?[key] as? Int ?? -1 }

    @Test func lateCorrectionsReachTheCentralNumbers() throws {
        let scene = try scene(venues: 1)
        let venue = scene.venues[0]
        try venue.replayWeek(start: "2026-11-09T00:00:00+01:00")
        try venue.replayWeek(start: "2026-11-16T00:00:00+01:00")
        _ = try venue.attach()
        let periods = ["2026-W46", "2026-W47", "2026-11", "2026-H2"]
        let before = try centralReport(scene.readerInfo, "2026-11", venue: venue.uuid())

        // An enrolment in December that merges the newest unknown card (with last month's
        // check-ins) into Amir: two people become one in November's numbers.
        let store = try venue.store()
        let amir = try #require(try store.visitors().first { $0.nickname == "Amir" })
        try venue.narvaro("enrol", "--last", "--visitor", amir.code)
        #expect(try venue.store().outboxCount() > 0, "the merge noted the days it changed")
        #expect(try venue.push().hasPrefix("pushed "))
        let merged = try centralReport(scene.readerInfo, "2026-11", venue: venue.uuid())
        #expect(total(merged, "unique_visitors") == total(before, "unique_visitors") - 1)
        try expectCentralEqualsLocal([venue], scene.readerInfo, periods: periods)

        // Forgetting Sara: her visits stay in the anonymous totals, she leaves the unique counts.
        let sara = try #require(try store.visitors().first { $0.nickname == "Sara" })
        try venue.narvaro("forget", sara.code)
        #expect(try venue.push().hasPrefix("pushed "))
        let forgotten = try centralReport(scene.readerInfo, "2026-11", venue: venue.uuid())
        #expect(total(forgotten, "visits") == total(merged, "visits"))
        #expect(total(forgotten, "unique_visitors") == total(merged, "unique_visitors") - 1)
        try expectCentralEqualsLocal([venue], scene.readerInfo, periods: periods)

        // Retention in mid-2028 folds 2026 into period totals and deletes the per-person rows.
        let summary = try venue.store().runRetention(today: LocalDate(unchecked: 2028, 6, 1), days: 400,
                                                     now: TestDatabase.time("2028-06-01T12:00:00+02:00"))
        #expect(summary.visits > 0 && summary.foldedPeriods > 0)
        #expect(try venue.push().hasPrefix("pushed "))
        try expectCentralEqualsLocal([venue], scene.readerInfo, periods: periods)
        // Gatherings are kept centrally for days the venue can no longer recompute.
        #expect(Int(try scene.reader.scalar("SELECT count(*) FROM narvaro.gatherings") ?? "0") ?? 0 > 0)
    }

    @Test func aDumpOfTheCentralTablesHoldsNoCardHashCardNumberVisitorCodeNicknameOrSwipeTime() throws {
        let scene = try scene(venues: 2)
        for venue in scene.venues {
            try venue.replayWeek(start: "2026-11-16T00:00:00+01:00")
            try venue.narvaro("enrol", "--last", "--nickname", "Zlatan-Ärlig", "--birth-year", "2011", "--gender", "man")
            _ = try venue.attach()
        }
        let dumpFile = server.directory + "/central.sql"
        try PostgresServer.asPostgres("/usr/bin/pg_dump", ["-h", server.directory, "-d", scene.database, "--schema", "narvaro", "-f", dumpFile])
        let dump = try Data(contentsOf: URL(fileURLWithPath: dumpFile))
        #expect(dump.count > 1000 && String(decoding: dump, as: UTF8.self).contains("COPY narvaro.day_visits"))
        var secrets: [(what: String, bytes: [UInt8])] = []
        for venue in scene.venues {
            let db = try venue.store().db
            for row in try db.query("SELECT card_hash FROM cards") {
                guard case .blob(let hash) = row.values[0] else { continue }
                secrets.append(("card hash", hash))
                secrets.append(("card hash (hex)", Array(Hex.encode(hash).utf8)))
            }
            for row in try db.query("SELECT code, nickname FROM visitors") {
                secrets.append(("visitor code", Array(row.string(0).utf8)))
                if let nickname = row.optionalString(1) { secrets.append(("nickname", Array(nickname.utf8))) }
            }
            for row in try db.query("SELECT time_us FROM checkins") {
                secrets.append(("swipe time", Array(String(row.int64(0)).utf8)))
                secrets.append(("swipe time (s)", Array(String(row.int64(0) / 1_000_000).utf8)))
            }
        }
        for card in ["0563537489", "0004021337", "3142592653"] { secrets.append(("card number", Array(card.utf8))) }
        #expect(secrets.count > 50)
        for secret in secrets {
            #expect(dump.range(of: Data(secret.bytes)) == nil, "the central dump holds a \(secret.what)")
        }
    }
}

extension CentralTests {
    @Test func theCentralExportOfOneVenueEqualsItsLocalExportAndSuppressesAcrossVenues() throws {
        let scene = try scene(venues: 2)
        for venue in scene.venues {
            try venue.replayWeek(start: "2026-11-16T00:00:00+01:00")
            try venue.narvaro("activity", "edit", "laxhjalp", "--venue", venue.slug, "--min-participants", "5", "--leader-required")
            _ = try venue.attach()
        }
        let venue = scene.venues[0]
        for (period, lang) in [("2026-W47", "sv"), ("2026-11", "en")] {
            let local = try parseJSON(venue.narvaro("export", "--period", period, "--venue", venue.slug, "--format", "json", "--lang", lang))
            let output = BufferedOutput()
            let status = NarvaroProgram.run(["central", "export", "--postgres", scene.readerInfo, "--period", period, "--venue", try venue.uuid(),
                                             "--format", "json", "--lang", lang], environment: ["LANG": "C.UTF-8"], output: output)
            #expect(status == 0, "\(output.stderr)")
            let central = try parseJSON(output.stdout)
            for key in ["markers", "sections", "gatherings", "weeklyVisits"] {
                #expect(local[key].map(canonicalJSON) == central[key].map(canonicalJSON), "\(period) \(key)")
            }
            #expect((central["gatherings"] as? [Any])?.isEmpty == false)
        }
        // What the list of gatherings tells a reader about hidden counts (each one held had
        // participants; a qualifying one at least its rule's minimum) is known to both exports, so
        // the central one hides no less: each gathering's table row and least participants agree.
        try venue.narvaro("activity", "edit", "spelkvall", "--venue", venue.slug, "--min-participants", "2")
        _ = try venue.push()
        let week = try Period.parse("2026-W47")
        let localDocument = try venue.store().exportDocument(ExportRequest(period: week, venue: venue.slug, exportedBy: "t", exportedAt: "t"))
        let centralDocument = try CentralExport.document(CentralExportRequest(period: week, venue: try venue.uuid(), exportedBy: "t", exportedAt: "t"),
                                                         connection: scene.reader)
        let floors = { (document: ExportDocument) in (document.gatherings ?? []).map { [$0.tableRow ?? -1, $0.participantsFloor] } }
        #expect(!floors(localDocument).isEmpty && floors(localDocument).allSatisfy { $0[0] >= 0 && $0[1] >= 1 }, "\(floors(localDocument))")
        #expect(floors(centralDocument) == floors(localDocument))
        #expect(floors(centralDocument).contains { $0[1] == 2 }, "a qualifying Spelkväll is known to have had 2 at least")
        // Across both venues: every count 1…4 is hidden, as in the local export.
        let output = BufferedOutput()
        #expect(NarvaroProgram.run(["central", "export", "--postgres", scene.readerInfo, "--period", "2026-W47", "--format", "csv"],
                                   environment: ["LANG": "C.UTF-8"], output: output) == 0)
        #expect(output.stdout.contains("Gamla Tingshuset – Läxhjälp") && output.stdout.contains("Mötesplats Årby – Läxhjälp"))
        let json = BufferedOutput()
        #expect(NarvaroProgram.run(["central", "export", "--postgres", scene.readerInfo, "--period", "2026-W47", "--format", "json"],
                                   environment: ["LANG": "C.UTF-8"], output: json) == 0)
        var published: [Int] = []
        for section in try parseJSON(json.stdout)["sections"] as? [[String: Any]] ?? [] {
            for row in section["rows"] as? [[String: Any]] ?? [] {
                // Gatherings and qualifying gatherings count meetings, not people: shown as they are.
                let people = (row["cells"] as? [Any] ?? []).dropFirst(section["id"] as? String == "activities" ? 2 : 0)
                published += people.compactMap { $0 as? Int }
            }
        }
        #expect(published.contains { $0 >= 5 }, "some counts are published")
        #expect(!published.contains { (1...4).contains($0) }, "a count of people below 5 was published: \(published)")
    }
}
