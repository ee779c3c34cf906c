// The command line as staff use it: the real binaries, exit codes 0/1/2, one-line errors that say
// what to do, and nothing changed by a command that fails.
@testable import NarvaroCore
@testable import NarvaroDesk
@testable import NarvaroDaemon
@testable import NarvaroCLI
@testable import NarvaroCommands
@testable import NarvarodCommands
@testable import NarvaroBench
import Foundation
import Testing

@Suite struct CLICommandTests {
    @Test func replayThenWeeklyReportAsJSON() throws {
        let ws = try CLIWorkspace()
        try ws.setUp()
        let replay = try ws.narvarod(["--replay", fixturesDirectory.appendingPathComponent("demo/entre-week.evemu").path,
                                      "--reader", "entre", "--start", "2026-11-16T00:00:00+01:00"])
        #expect(replay.status == 0, "\(replay.stderr)")
        #expect(replay.stdout.contains("37 swipes recorded, 0 rejected"))
        #expect(replay.stderr.contains("<6>checkin id=1 reader=entre"))
        #expect(!replay.stderr.contains("0563537489"), "card numbers never reach the log")
        let report = try ws.narvaro("report", "--week", "2026-W47", "--format", "json")
        #expect(report.status == 0)
        #expect(report.stdout.contains("\"period\": \"2026-W47\""))
        let json = try #require(try JSONSerialization.jsonObject(with: Data(report.stdout.utf8)) as? [String: Any])
        let total = try #require(json["total"] as? [String: Int])
        #expect(total["visits"] == 36, "37 swipes, one of them a duplicate within the cooldown")
        let rows = try #require(json["rows"] as? [[String: Any]])
        #expect(Set(rows.compactMap { $0["activity"] as? String }) == ["drop-in", "laxhjalp"])
        // Replaying the same recording again counts nothing twice.
        let again = try ws.narvarod(["--replay", fixturesDirectory.appendingPathComponent("demo/entre-week.evemu").path,
                                     "--reader", "entre", "--start", "2026-11-16T00:00:00+01:00"])
        #expect(again.stdout.contains("0 swipes recorded, 0 rejected, 37 already recorded"))
    }

    @Test func replayFromStandardInputCommitsEachSwipe() throws {
        let ws = try CLIWorkspace()
        try ws.setUp()
        let text = try String(contentsOf: fixturesDirectory.appendingPathComponent("demo/entre-week.evemu"), encoding: .utf8)
        let result = try ws.narvarod(["--replay", "-", "--reader", "entre", "--start", "2026-11-16T00:00:00+01:00"], input: text)
        #expect(result.status == 0)
        #expect(result.stdout.contains("replayed standard input as entre: 37 swipes recorded"))
    }

    @Test func theTableFitsEightyColumnsAndSpeaksSwedish() throws {
        let ws = try CLIWorkspace()
        try ws.setUp()
        try ws.narvarod(["--replay", fixturesDirectory.appendingPathComponent("demo/entre-week.evemu").path, "--reader", "entre",
                         "--start", "2026-11-16T00:00:00+01:00"])
        let table = try ws.narvaro("report", "--week", "2026-W47", "--lang", "sv")
        #expect(table.stdout.hasPrefix("Vecka 2026-W47"))
        #expect(table.stdout.contains("Läxhjälp") && table.stdout.contains("Besök") && table.stdout.contains("Totalt"))
        #expect(table.stdout.split(separator: "\n").allSatisfy { TextTable.displayWidth(String($0)) <= 80 })
    }

    @Test(arguments: [
        (["report", "--week", "2026-W54"], Int32(2), "2026 has 53 ISO weeks"),
        (["report", "--week", "2026-W47", "--venue", "nowhere"], 1, "venue 'nowhere' not found"),
        (["report"], 2, "name one period"),
        (["reader", "add", "x", "--venue", "tingshuset", "--usb", "zzzz:1"], 2, "--usb expects VID:PID"),
        (["reader", "add", "x", "--venue", "nowhere", "--usb", "ffff:0001"], 1, "venue 'nowhere' not found"),
        (["schedule", "add", "laxhjalp", "--weekly", "tue", "18:00-15:00"], 2, "the end is before the start"),
        (["schedule", "add", "laxhjalp", "--weekly", "tis", "15:60-18:00"], 2, "is not a time"),
        (["schedule", "add", "laxhjalp", "--weekly", "someday", "15:00-18:00"], 2, "is not a weekday"),
        (["schedule", "add", "laxhjalp", "--once", "2026-02-30", "10:00-12:00"], 2, "is not a date"),
        (["stats", "age-bands", "0-12,10-20"], 2, "BANDS"),
        (["venue", "add", "tingshuset", "--name", "Again"], 1, "already exists"),
        (["visitor", "add", "--birth-year", "2090"], 1, "birth year 2090 is not plausible"),
        (["visitor", "add", "--gender", "robot"], 2, "--gender takes one of woman, man, other, unstated"),
        (["venue", "add", "ny", "--nmae", "x"], 2, "did you mean --name?"),
        (["enrol", "--last"], 1, "unknown card 'any reader' not found"),
        (["frobnicate"], 2, "unknown command 'frobnicate'"),
    ] as [([String], Int32, String)])
    func badInputGivesOneClearLineAndChangesNothing(arguments: [String], status: Int32, message: String) throws {
        let ws = try CLIWorkspace()
        try ws.setUp()
        let before = try Data(contentsOf: URL(fileURLWithPath: ws.database))
        let result = try Executables.run("narvaro", arguments, environment: ws.environment)
        #expect(result.status == status, "\(arguments): \(result.stderr)")
        #expect(result.stderr.contains(message), "\(arguments): \(result.stderr)")
        #expect(result.stderr.split(separator: "\n").count == 1, "one line: \(result.stderr)")
        #expect(try Data(contentsOf: URL(fileURLWithPath: ws.database)) == before || status == 0)
        let venues = try ws.narvaro("venue", "list", "--format", "json")
        #expect(venues.stdout.contains("Gamla Tingshuset") && !venues.stdout.contains("Again"))
    }

    @Test func aMissingDatabaseDirectoryAndAMissingDatabaseAreNamed() throws {
        let missingDir = try Executables.run("narvaro", ["--database", "/nonexistent-dir/n.db", "venue", "list"])
        #expect(missingDir.status == 1 && missingDir.stderr.contains("directory /nonexistent-dir does not exist"))
        let ws = try CLIWorkspace()
        let missingDB = try ws.narvaro("report", "--week", "2026-W47")
        #expect(missingDB.status == 1 && missingDB.stderr.contains("no database at"))
    }

    @Test func aCorruptDatabaseIsAnErrorNotACrash() throws {
        let ws = try CLIWorkspace()
        try Data(repeating: 0x5A, count: 8192).write(to: URL(fileURLWithPath: ws.database))
        let result = try ws.narvaro("venue", "list")
        #expect(result.status == 1)
        #expect(result.stderr.contains("damaged or not a Närvaro database"))
    }

    @Test func anUnparseableRecordingNamesTheLine() throws {
        let ws = try CLIWorkspace()
        try ws.setUp()
        let bad = ws.directory.appendingPathComponent("bad.evemu")
        try "E: 0.000001 0001 0002 1\nE: garbage\n".write(to: bad, atomically: true, encoding: .utf8)
        let result = try ws.narvarod(["--replay", bad.path, "--reader", "entre"])
        #expect(result.status == 1)
        #expect(result.stderr.contains("line 2"))
        let unknownReader = try ws.narvarod(["--replay", bad.path, "--reader", "nobody"])
        #expect(unknownReader.status == 1 && unknownReader.stderr.contains("reader 'nobody' not found"))
    }

    @Test func everyCommandHasHelp() throws {
        for command in [["venue", "add"], ["reader", "add"], ["report"], ["schedule", "add"], ["enrol"], ["checkins"], ["stats", "verify"]] {
            let result = try Executables.run("narvaro", command + ["--help"])
            #expect(result.status == 0)
            #expect(result.stdout.hasPrefix("usage: narvaro \(command.joined(separator: " "))"))
        }
        let group = try Executables.run("narvaro", ["venue", "--help"])
        #expect(group.stdout.contains("venue add") && group.stdout.contains("venue remove"))
        #expect(try Executables.run("narvarod", ["--help"]).stdout.contains("--replay"))
    }
}
