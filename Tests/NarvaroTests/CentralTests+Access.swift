// Access inside PostgreSQL, tested as the venues' own login roles (never a superuser): a venue
// role cannot read, change or add another venue's rows; the municipality reads all and writes
// nothing; row-level security is forced on every central table. Passwords never on a command line.
@testable import NarvaroCore
@testable import NarvaroCLI
@testable import NarvaroCommands
@testable import NarvarodCommands
@testable import NarvaroCentral
import Foundation
import Testing

extension CentralTests {
    @Test func aVenueRoleWritesOnlyItsOwnRowsAndTheMunicipalityOnlyReads() throws {
        let scene = try scene(venues: 2)
        for venue in scene.venues {
            try venue.replayWeek(start: "2026-11-16T00:00:00+01:00")
            _ = try venue.attach()
        }
        let (a, b) = (scene.venues[0], scene.venues[1])
        let bUUID = try b.uuid()
        let asA = try PostgresConnection(conninfo: a.conninfo)
        #expect(try asA.currentUser() == a.role)
        #expect(try asA.scalar("SELECT rolsuper::text FROM pg_roles WHERE rolname = current_user") == "false")
        let before = try centralContents(scene.reader)

        // Reading and changing B's rows: invisible, so nothing changes.
        #expect(try asA.scalar("SELECT count(*) FROM narvaro.day_visits WHERE venue_uuid = $1", [bUUID]) == "0")
        #expect(try asA.query("UPDATE narvaro.day_visits SET visits = 999 WHERE venue_uuid = $1 RETURNING 1", [bUUID]).isEmpty)
        #expect(try asA.query("DELETE FROM narvaro.gatherings WHERE venue_uuid = $1 RETURNING 1", [bUUID]).isEmpty)
        // Adding rows under B's UUID, or taking B's venue over: refused by the policy.
        let insert = #expect(throws: CentralError.self) {
            try asA.query("""
                INSERT INTO narvaro.day_visits(venue_uuid, day, activity, role, gender, age_band, visits, revision)
                VALUES ($1, '2026-11-17', 'drop-in', 'participant', 'man', '13-17', 5, 99)
                """, [bUUID])
        }
        #expect(insert?.sqlstate == "42501", "\(String(describing: insert))")
        let takeover = #expect(throws: CentralError.self) {
            try CentralPush.register(venue: try a.store().venue(slug: a.slug), uuid: bUUID, ageBands: [], connection: asA)
        }
        #expect(takeover?.sqlstate == "42501", "\(String(describing: takeover))")
        let foreign = #expect(throws: CentralError.self) {
            try asA.query("INSERT INTO narvaro.venues(venue_uuid, slug, name, timezone, owner_role) VALUES (gen_random_uuid(), 'x', 'X', 'UTC', $1)", [b.role])
        }
        #expect(foreign?.sqlstate == "42501")
        #expect(try centralContents(scene.reader) == before, "nothing changed")

        // The municipality reads every venue and writes nothing.
        #expect(try scene.reader.scalar("SELECT count(DISTINCT venue_uuid) FROM narvaro.day_visits") == "2")
        let write = #expect(throws: CentralError.self) { try scene.reader.query("DELETE FROM narvaro.day_visits") }
        #expect(write?.sqlstate == "42501")

        // Every central table forces row-level security, so not even its owner skips the policies.
        let tables = try scene.reader.query("""
            SELECT c.relname, c.relrowsecurity::text, c.relforcerowsecurity::text FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE n.nspname = 'narvaro' AND c.relkind = 'r' AND c.relname <> 'schema_migrations' ORDER BY 1
            """)
        #expect(tables.count == 5)
        for table in tables { #expect(table[1] == "true" && table[2] == "true", "\(table)") }
    }

    @Test func aPasswordIsNeverTakenFromTheCommandLineOrTheEnvironment() throws {
        let scene = try scene(venues: 1)
        let venue = scene.venues[0]
        for conninfo in ["\(venue.conninfo) password=hemligt", "postgresql://\(venue.role):hemligt@localhost/\(scene.database)"] {
            let result = venue.run(["push", "--postgres", conninfo])
            #expect(result.status == 1)
            #expect(result.stderr.contains(".pgpass"), "\(result.stderr)")
            #expect(!result.stderr.contains("hemligt"))
        }
        venue.environment["PGPASSWORD"] = "hemligt"
        let result = venue.run(["central", "attach", "--postgres", venue.conninfo])
        #expect(result.status == 1 && result.stderr.contains("PGPASSWORD"), "\(result.stderr)")
        venue.environment["PGPASSWORD"] = nil
        // The conninfo file is read the same way.
        let conf = venue.directory.appendingPathComponent("central.conf")
        try "# the municipality\n\(venue.conninfo) password=hemligt\n".write(to: conf, atomically: true, encoding: .utf8)
        venue.environment["NARVARO_CENTRAL_CONF"] = conf.path
        #expect(venue.run(["push"]).stderr.contains(".pgpass"))
        try "# the municipality\n\(venue.conninfo)\n".write(to: conf, atomically: true, encoding: .utf8)
        #expect(venue.run(["central", "attach"]).status == 0)
        #expect(try venue.push() == "nothing to push; revision 1\n")
    }
}

extension CentralTests {
    @Test func theCentralReportSaysUniquesAreSumsAndRefusesPeriodsVenuesDoNotCount() throws {
        let scene = try scene(venues: 2)
        for venue in scene.venues {
            try venue.replayWeek(start: "2026-11-16T00:00:00+01:00")
            _ = try venue.attach()
        }
        func run(_ arguments: [String]) -> ProcessResult {
            let output = BufferedOutput()
            let status = NarvaroProgram.run(["central", "report", "--postgres", scene.readerInfo] + arguments, environment: ["LANG": "C.UTF-8"], output: output)
            return ProcessResult(status: status, stdout: output.stdout, stderr: output.stderr)
        }
        let table = run(["--period", "2026-W47", "--by", "venue", "--lang", "sv"])
        #expect(table.status == 0 && table.stdout.contains("2 mötesplatser") && table.stdout.contains("räknas två gånger"), "\(table.stdout)")
        #expect(table.stdout.contains("Gamla Tingshuset") && table.stdout.contains("Mötesplats Årby"))
        let weeks = try parseJSON(run(["--period", "2026-11", "--by", "week", "--format", "json"]).stdout)
        #expect((weeks["rows"] as? [[String: Any]])?.map { $0["week"] as? String ?? "" } == ["2026-W47"])
        let csv = run(["--period", "2026-W47", "--format", "csv"])
        #expect(csv.stdout.hasPrefix("period,venue,activity,visits,unique_visitors,new_visitors\r\n"), "\(csv.stdout)")
        let day = run(["--period", "2026-11-17"])
        #expect(day.status == 1 && day.stderr.contains("ISO week, a month or a half-year"), "\(day.stderr)")
        let nowhere = run(["--period", "2026-W47", "--venue", "nowhere"])
        #expect(nowhere.status == 1 && nowhere.stderr.contains("no venue 'nowhere'"), "\(nowhere.stderr)")
        // An organizer's activities are reported; a misspelt organizer is refused, not reported as zeros.
        let library = run(["--period", "2026-W47", "--organizer", "Biblioteket", "--format", "json"])
        let libraryRows = try parseJSON(library.stdout)["rows"] as? [[String: Any]] ?? []
        #expect(library.status == 0 && !libraryRows.isEmpty && libraryRows.allSatisfy { $0["activity"] as? String == "sprakcafe" }, "\(library.stdout)")
        let nobody = run(["--period", "2026-W47", "--organizer", "Ungdomsförbundet Typo"])
        #expect(nobody.status == 1 && nobody.stdout.isEmpty
                && nobody.stderr.contains("no activity in the central database is organized by 'Ungdomsförbundet Typo'"), "\(nobody.stderr)")
        let exportOutput = BufferedOutput()
        let export = NarvaroProgram.run(["central", "export", "--postgres", scene.readerInfo, "--period", "2026-W47", "--format", "csv",
                                         "--organizer", "Ungdomsförbundet Typo"], environment: ["LANG": "C.UTF-8"], output: exportOutput)
        #expect(export == 1 && exportOutput.stdout.isEmpty && exportOutput.stderr.contains("is organized by 'Ungdomsförbundet Typo'"), "\(exportOutput.stderr)")
        let missing = run(["--by", "venue"])
        #expect(missing.status == 2 && missing.stderr.contains("--period"))
    }
}
