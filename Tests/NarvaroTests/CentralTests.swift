// The municipality's PostgreSQL, against a real server started by the suite: three venues fed from
// recordings attach and push; the central report of each equals its own `narvaro report`; a push
// repeated changes nothing; a month offline catches up in one push. More in CentralTests+*.swift.
@testable import NarvaroCore
@testable import NarvaroCLI
@testable import NarvaroCommands
@testable import NarvarodCommands
@testable import NarvaroCentral
import Foundation
import Testing

@Suite(.serialized, .enabled(if: PostgresServer.available), .postgres)
struct CentralTests {
    var server: PostgresServer { PostgresServer.current! }

    /// A fresh central database, its municipality reader and `count` venues with the demo set-up.
    func scene(venues count: Int) throws -> (database: String, reader: PostgresConnection, readerInfo: String, venues: [CentralVenue]) {
        let database = try server.centralDatabase()
        let analyst = try server.venueRole("analyst", municipality: true)
        let readerInfo = server.conninfo(user: analyst, database: database)
        var venues: [CentralVenue] = []
        for (i, name) in ["Gamla Tingshuset", "Mötesplats Årby", "Kulturhuset"].prefix(count).enumerated() {
            let venue = try CentralVenue(slug: ["tingshuset", "arby", "kulturhuset"][i], server: server, database: database)
            try venue.setUp(name: name)
            venues.append(venue)
        }
        return (database, try PostgresConnection(conninfo: readerInfo), readerInfo, venues)
    }

    func centralReport(_ readerInfo: String, _ period: String, venue: String? = nil, by: String = "activity") throws -> [String: Any] {
        let output = BufferedOutput()
        var arguments = ["central", "report", "--postgres", readerInfo, "--period", period, "--by", by, "--format", "json"]
        if let venue { arguments += ["--venue", venue] }
        let status = NarvaroProgram.run(arguments, environment: ["LANG": "C.UTF-8"], output: output)
        guard status == 0 else { throw PostgresTestError("central report: \(output.stderr)") }
        return try parseJSON(output.stdout)
    }

    /// The keys both reports carry must hold the same numbers.
    func expectSameNumbers(_ local: [String: Any], _ central: [String: Any], _ label: String, sourceLocation: SourceLocation = #_sourceLocation) {
        for key in ["period", "first_day", "last_day", "rows", "total", "trailing_4_week_average_visits", "previous_period"] {
            let a = local[key].map(canonicalJSON)
            let b = central[key].map(canonicalJSON)
            #expect(a != nil && a == b, "\(label) \(key): local \(a ?? "nil") central \(b ?? "nil")", sourceLocation: sourceLocation)
        }
    }

    func expectCentralEqualsLocal(_ venues: [CentralVenue], _ readerInfo: String, periods: [String], sourceLocation: SourceLocation = #_sourceLocation) throws {
        for venue in venues {
            for period in periods {
                expectSameNumbers(try venue.localReport(period), try centralReport(readerInfo, period, venue: venue.uuid()),
                                  "\(venue.slug) \(period)", sourceLocation: sourceLocation)
            }
        }
    }

    @Test func threeVenuesAttachAndEachCentralReportEqualsItsLocalReport() throws {
        let scene = try scene(venues: 3)
        try scene.venues[0].replayWeek(start: "2026-11-16T00:00:00+01:00")
        try scene.venues[1].replayWeek(start: "2026-11-09T00:00:00+01:00")
        try scene.venues[1].replayWeek(start: "2026-11-16T00:00:00+01:00", cafe: false)
        try scene.venues[2].replayWeek(start: "2026-11-23T00:00:00+01:00")
        for venue in scene.venues {
            let output = try venue.attach()
            #expect(output.contains("attached \(venue.slug) as \(try venue.uuid())"), "\(output)")
            #expect(output.contains("revision 1"), "\(output)")
            #expect(try venue.store().outboxCount() == 0)
        }
        let local = try scene.venues[0].localReport("2026-W47")
        #expect(((local["total"] as? [String: Any])?["visits"] as? Int ?? 0) > 0, "the recordings gave visits")
        try expectCentralEqualsLocal(scene.venues, scene.readerInfo, periods: ["2026-W46", "2026-W47", "2026-W48", "2026-11", "2026-H2"])

        // Across venues the visits add up, and unique people are sums (said in the output).
        let all = try centralReport(scene.readerInfo, "2026-11", by: "venue")
        let visits = try scene.venues.map { try (($0.localReport("2026-11")["total"] as? [String: Any])?["visits"] as? Int) ?? 0 }.reduce(0, +)
        #expect((all["total"] as? [String: Any])?["visits"] as? Int == visits)
        #expect(all["venues"] as? Int == 3)
        #expect((all["note"] as? String)?.contains("counts twice") == true)
        let uniques = try scene.venues.map { try (($0.localReport("2026-11")["total"] as? [String: Any])?["unique_visitors"] as? Int) ?? 0 }
        #expect((all["total"] as? [String: Any])?["unique_visitors"] as? Int == uniques.reduce(0, +))
    }

    @Test func pushingTwiceChangesNothing() throws {
        let scene = try scene(venues: 1)
        let venue = scene.venues[0]
        try venue.replayWeek(start: "2026-11-16T00:00:00+01:00")
        _ = try venue.attach()
        let before = try centralContents(scene.reader)
        let revision = try scene.reader.scalar("SELECT revision FROM narvaro.venues")
        #expect(try venue.push() == "nothing to push; revision \(revision ?? "?")\n")
        #expect(try venue.push() == "nothing to push; revision \(revision ?? "?")\n")
        #expect(try centralContents(scene.reader) == before)
        #expect(try scene.reader.scalar("SELECT revision FROM narvaro.venues") == revision)
        #expect(try scene.reader.scalar("SELECT max(revision) FROM narvaro.day_visits") == revision)
    }

    @Test func aMonthOfflineCatchesUpInOnePushAndAnUnreachableServerKeepsTheOutbox() throws {
        let scene = try scene(venues: 1)
        let venue = scene.venues[0]
        try venue.replayWeek(start: "2026-10-26T00:00:00+01:00")
        _ = try venue.attach()
        try server.stop()
        defer { try? server.start() }
        for start in ["2026-11-02", "2026-11-09", "2026-11-16", "2026-11-23", "2026-11-30"] {
            try venue.replayWeek(start: start + "T00:00:00+01:00", cafe: start != "2026-11-09")
            let failed = venue.run(["push", "--postgres", venue.conninfo])
            #expect(failed.status == 1)
            #expect(failed.stderr.contains("cannot connect to PostgreSQL"), "\(failed.stderr)")
        }
        let pending = try venue.store().outboxCount()
        #expect(pending > 20, "a month of days and periods waits in the outbox")
        try server.start()
        let line = try venue.push()
        #expect(line.hasPrefix("pushed "), "\(line)")
        #expect(line.hasSuffix("; revision 2\n"), "one push caught up: \(line)")
        #expect(try venue.store().outboxCount() == 0)
        try expectCentralEqualsLocal([venue], scene.readerInfo, periods: ["2026-W45", "2026-W46", "2026-W47", "2026-W48", "2026-W49", "2026-11", "2026-12", "2026-H2"])
    }
}
