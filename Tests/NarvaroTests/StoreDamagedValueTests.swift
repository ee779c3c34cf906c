// A database damaged behind Närvaro's back (sqlite3 by hand, a bad disk): a stored value no
// version writes is one clear line and exit 1, never a default that counts wrongly (issue 13).
@testable import NarvaroCore
@testable import NarvaroCLI
@testable import NarvaroCommands
@testable import NarvarodCommands
@testable import NarvaroWeb
import Foundation
import Testing

@Suite struct StoreDamagedValueTests {
    /// The demo week replayed into a fresh workspace: readers, visitors, check-ins, statistics.
    private func replayedWeek() throws -> CLIWorkspace {
        let ws = try CLIWorkspace()
        try ws.setUp()
        #expect(run(ws, "visitor", "add", "--nickname", "Amir", "--birth-year", "2008", "--card", "0563537489", "--reader", "entre").status == 0)
        let output = BufferedOutput()
        let replay = NarvarodProgram.run(["--replay", fixturesDirectory.appendingPathComponent("demo/entre-week.evemu").path,
                                          "--reader", "entre", "--start", "2026-11-16T00:00:00+01:00"], environment: ws.environment, output: output)
        #expect(replay == 0, "\(output.stderr)")
        return ws
    }

    private func run(_ ws: CLIWorkspace, _ arguments: [String]) -> (status: Int32, stdout: String, stderr: String) {
        let output = BufferedOutput()
        let status = NarvaroProgram.run(arguments, environment: ws.environment, output: output)
        return (status, output.stdout, output.stderr)
    }

    private func run(_ ws: CLIWorkspace, _ arguments: String...) -> (status: Int32, stdout: String, stderr: String) { run(ws, arguments) }

    /// Damages the file with the sqlite3 program; CHECK constraints off, as a hand edit or an old tool would.
    private func damage(_ ws: CLIWorkspace, _ sql: String) throws {
        let result = try Executables.runTool("/usr/bin/sqlite3", [ws.database, "PRAGMA ignore_check_constraints = ON; \(sql)"])
        #expect(result.status == 0, "\(result.stderr)")
    }

    @Test(arguments: [
        // Was read as `counted`: a duplicate or revoked swipe would have shown as a visit.
        ("UPDATE checkins SET outcome = 'countd' WHERE id = 1", ["checkins"], "checkins.outcome holds 'countd'"),
        // Was read as `drop-in`.
        ("UPDATE checkins SET attribution = 'walk-in' WHERE id = 1", ["checkins"], "checkins.attribution holds 'walk-in'"),
        // Was read as `raw`: a typed card number would have hashed to another card.
        ("UPDATE readers SET card_format = 'decimal11'", ["reader", "list"], "readers.card_format holds 'decimal11'"),
        // Were read as `unstated` and `participant`.
        ("UPDATE visitors SET gender = 'kvinna'", ["visitor", "list"], "visitors.gender holds 'kvinna'"),
        ("UPDATE visitors SET role = 'boss'", ["visitor", "list"], "visitors.role holds 'boss'"),
        // Were read as the default bands: every age breakdown would have been wrong.
        ("INSERT OR REPLACE INTO meta(key, value) VALUES ('age_bands', '0-12,banana')", ["stats", "age-bands"], "meta age_bands holds '0-12,banana'"),
        ("INSERT OR REPLACE INTO meta(key, value) VALUES ('age_bands', '0-12,banana')", ["report", "--week", "2026-W47", "--by", "age"],
         "meta age_bands holds '0-12,banana'"),
        // Was read as 400 days: retention would have deleted by a period nobody set.
        ("INSERT OR REPLACE INTO meta(key, value) VALUES ('retention_days', 'forever')", ["retention", "run"], "meta retention_days holds 'forever'"),
    ])
    func aDamagedValueIsOneLineAndExitOne(sql: String, command: [String], expected: String) throws {
        let ws = try replayedWeek()
        #expect(run(ws, command).status == 0, "the command works before the damage")
        try damage(ws, sql)
        let result = run(ws, command)
        #expect(result.status == 1)
        #expect(result.stderr.hasPrefix("narvaro: the database is damaged: \(expected), which Närvaro never writes"), "\(result.stderr)")
        #expect(result.stderr.filter { $0 == "\n" }.count == 1, "one line: \(result.stderr)")
    }

    @Test func aDamagedValueIsTheServersTroubleOnTheWebPages() throws {
        let web = try WebHarness()
        try web.db.standardVenue()
        let amir = try web.db.store.addVisitor(VisitorDetails(nickname: "Amir"), card: "1001", format: .raw, now: web.now, currentYear: 2026)
        #expect(try web.get("/visitors/\(amir.code)").status == 200)
        try Executables.runTool("/usr/bin/sqlite3", [web.db.path, "PRAGMA ignore_check_constraints = ON; UPDATE visitors SET gender = 'kvinna'"])
        let page = try web.get("/visitors/\(amir.code)")
        #expect(page.status == 500, "not the request's fault (was 400)")
        #expect(page.text.contains("visitors.gender holds"))
    }

    @Test func aDamagedOutboxKindIsAnErrorNotASkippedNote() throws {
        let db = try TestDatabase()
        try db.standardVenue()
        let venue = try db.store.venue(slug: "tingshuset")
        #expect(try !db.store.pendingOutbox(venueID: venue.id).isEmpty, "adding the venue noted it for the central database")
        try Executables.runTool("/usr/bin/sqlite3", [db.path, "PRAGMA ignore_check_constraints = ON; UPDATE central_outbox SET kind = 'week'"])
        #expect(throws: StoreError.corrupt(column: "central_outbox.kind", value: "week")) { try db.store.pendingOutbox(venueID: venue.id) }
    }
}
