// A venue for the central tests: its own SQLite database fed from the demo recordings through the
// real narvarod, its own PostgreSQL login role, and the narvaro commands run in-process.
@testable import NarvaroCore
@testable import NarvaroCLI
@testable import NarvaroCommands
@testable import NarvarodCommands
@testable import NarvaroCentral
import Foundation

final class CentralVenue {
    private let scratch: TemporaryDirectory
    var directory: URL { scratch.url }
    let slug: String
    let role: String
    let conninfo: String
    var environment: [String: String]

    init(slug: String, server: PostgresServer, database: String) throws {
        self.slug = slug
        scratch = try TemporaryDirectory("central")
        environment = ["NARVARO_DATABASE": scratch.appending("n.db").path,
                       "NARVARO_CARD_KEY": scratch.appending("card-key").path, "LANG": "C.UTF-8"]
        role = try server.venueRole("venue")
        conninfo = server.conninfo(user: role, database: database)
    }

    var databasePath: String { environment["NARVARO_DATABASE"] ?? "" }

    /// Runs `narvaro ARGS` in-process; returns exit status, stdout, stderr.
    func run(_ arguments: [String]) -> ProcessResult {
        let output = BufferedOutput()
        let status = NarvaroProgram.run(arguments, environment: environment, output: output)
        return ProcessResult(status: status, stdout: output.stdout, stderr: output.stderr)
    }

    /// Runs `narvaro ARGS` and fails unless it exits 0.
    @discardableResult
    func narvaro(_ arguments: String...) throws -> String {
        let result = run(arguments)
        guard result.status == 0 else { throw PostgresTestError("narvaro \(arguments.joined(separator: " ")): \(result.stderr)") }
        return result.stdout
    }

    /// The demo's venue: three activities with schedules and grant rules, two readers, two enrolled visitors.
    func setUp(name: String) throws {
        try narvaro("venue", "add", slug, "--name", name)
        try narvaro("activity", "add", "laxhjalp", "--venue", slug, "--name", "Läxhjälp", "--organizer", "Hej främling!")
        try narvaro("activity", "add", "spelkvall", "--venue", slug, "--name", "Spelkväll", "--organizer", "Hej främling!")
        try narvaro("activity", "add", "sprakcafe", "--venue", slug, "--name", "Språkcafé", "--organizer", "Biblioteket")
        try narvaro("schedule", "add", "laxhjalp", "--weekly", "tue", "15:00-18:00")
        try narvaro("schedule", "add", "spelkvall", "--weekly", "fri", "18:00-22:00")
        try narvaro("reader", "add", "entre", "--venue", slug, "--usb", "ffff:0035", "--card-format", "decimal10")
        try narvaro("reader", "add", "cafe", "--venue", slug, "--usb", "08ff:0009", "--card-format", "hex", "--activity", "sprakcafe")
        try narvaro("visitor", "add", "--nickname", "Amir", "--birth-year", "2008", "--gender", "man", "--card", "0563537489", "--reader", "entre")
        try narvaro("visitor", "add", "--nickname", "Sara", "--birth-year", "2009", "--gender", "woman", "--card", "0004021337", "--reader", "entre")
    }

    /// Replays a week of the demo recordings from `start` (a Monday 00:00 local) through narvarod.
    func replayWeek(start: String, cafe: Bool = true) throws {
        let demo = fixturesDirectory.appendingPathComponent("demo")
        var runs = [("entre-week.evemu", "entre")]
        if cafe { runs.append(("cafe-week.evemu", "cafe")) }
        for (file, reader) in runs {
            let result = try Executables.run("narvarod", ["--replay", demo.appendingPathComponent(file).path, "--reader", reader, "--start", start],
                                             environment: environment)
            guard result.status == 0 else { throw PostgresTestError("narvarod replay: \(result.stderr)") }
        }
    }

    func store() throws -> Store {
        try Store(path: databasePath, create: false, cardKey: { throw PostgresTestError("no card key needed") })
    }

    func uuid() throws -> String {
        let store = try store()
        return try store.centralUUID(venueID: store.venue(slug: slug).id) ?? ""
    }

    func attach() throws -> String { try narvaro("central", "attach", "--postgres", conninfo) }
    func push() throws -> String { try narvaro("push", "--postgres", conninfo) }

    /// `narvaro report --format json` on this venue's own database, parsed.
    func localReport(_ period: String) throws -> [String: Any] {
        try parseJSON(narvaro("report", "--period", period, "--venue", slug, "--format", "json"))
    }
}

func parseJSON(_ text: String) throws -> [String: Any] {
    guard let object = try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any] else {
        throw PostgresTestError("not a JSON object: \(text)")
    }
    return object
}

/// A JSON value as text with sorted keys, so two parsed documents compare by content.
func canonicalJSON(_ value: Any) -> String {
    guard let data = try? JSONSerialization.data(withJSONObject: ["v": value], options: [.sortedKeys]) else { return "\(value)" }
    return String(decoding: data, as: UTF8.self)
}

/// The central tables, every row in key order, without the push bookkeeping (revision, times):
/// what the municipality sees.
func centralContents(_ connection: PostgresConnection) throws -> [[String?]] {
    var rows: [[String?]] = []
    for (table, order) in [("venues", "venue_uuid"), ("activities", "venue_uuid, slug"),
                           ("day_visits", "venue_uuid, day, activity, role, gender, age_band"),
                           ("period_people", "venue_uuid, period, activity, role, gender, age_band"),
                           ("gatherings", "venue_uuid, activity, day")] {
        let columns = try connection.query("""
            SELECT string_agg(column_name, ', ' ORDER BY ordinal_position) FROM information_schema.columns
            WHERE table_schema = 'narvaro' AND table_name = $1 AND column_name NOT IN ('revision', 'pushed_at', 'attached_at')
            """, [table]).first?.first ?? nil
        rows.append(["table \(table)"])
        rows += try connection.query("SELECT \(columns ?? "*") FROM narvaro.\(table) ORDER BY \(order)")
    }
    return rows
}
