// Text from outside through the real binaries (issue 12, items 10–12): names with control or
// direction characters and blank names are refused; names an older database already holds are
// shown visibly in every terminal output, stay exact in JSON, and CSV cells never start a formula.
@testable import NarvaroCore
@testable import NarvaroDesk
@testable import NarvaroDaemon
@testable import NarvaroCLI
@testable import NarvaroCommands
@testable import NarvarodCommands
@testable import NarvaroBench
import Foundation
import Testing

/// Whether `text` holds a character a terminal would execute or that reorders text (line breaks
/// aside, and the CR of CSV record ends when `csv`).
private func hasHidden(_ text: String, csv: Bool = false) -> Bool {
    text.unicodeScalars.contains { OutsideText.isHidden($0) && $0 != "\n" && !(csv && $0 == "\r") }
}

private let hostileName = "Gamla\u{1B}[2J\u{1B}]0;pwned\u{07}\u{202E}X"

@Suite struct CLIHostileTextTests {
    @Test(arguments: [
        ["venue", "add", "ny", "--name", "Ny\u{1B}[31m"],
        ["venue", "edit", "tingshuset", "--name", "Ting\u{202E}shuset"],
        ["activity", "add", "kafe", "--venue", "tingshuset", "--name", "Kafé\u{2066}"],
        ["activity", "add", "kafe", "--venue", "tingshuset", "--name", "Kafé", "--organizer", "Org\u{9B}31m"],
        ["activity", "edit", "laxhjalp", "--name", "Läx\u{7F}hjälp"],
        ["activity", "edit", "laxhjalp", "--organizer", "Hej\u{202A}"],
        ["visitor", "add", "--nickname", "Nick\u{1B}[2J\u{1B}]0;pwned\u{07}"],
        ["reader", "add", "kassa", "--venue", "tingshuset", "--device", "/dev/input/event9\u{1B}[2J"],
        ["venue", "add", "ny", "--name", ""],
        ["venue", "add", "ny", "--name", "  "],
        ["venue", "edit", "tingshuset", "--name", " \t"],
        ["activity", "add", "kafe", "--venue", "tingshuset", "--name", " "],
        ["activity", "add", "kafe", "--venue", "tingshuset", "--name", "Kafé", "--organizer", ""],
        ["visitor", "add", "--nickname", ""],
        ["visitor", "add", "--nickname", "\u{00A0}"],
    ])
    func namesWithHiddenCharactersOrNothingInThemAreRefused(arguments: [String]) throws {
        let ws = try CLIWorkspace()
        try ws.setUp()
        let before = try ws.narvaro("activity", "list", "--format", "json").stdout + ws.narvaro("visitor", "list", "--format", "json").stdout
            + ws.narvaro("venue", "list", "--format", "json").stdout + ws.narvaro("reader", "list", "--format", "json").stdout
        let result = try Executables.run("narvaro", arguments, environment: ws.environment)
        #expect(result.status == 1, "\(arguments): \(result.stderr)")
        #expect(result.stderr.split(separator: "\n").count == 1, "one line: \(result.stderr)")
        #expect(result.stderr.contains("empty") || result.stderr.contains("control character"), "\(result.stderr)")
        #expect(!hasHidden(result.stderr), "the refusal shows the characters, never sends them: \(result.stderr.debugDescription)")
        let after = try ws.narvaro("activity", "list", "--format", "json").stdout + ws.narvaro("visitor", "list", "--format", "json").stdout
            + ws.narvaro("venue", "list", "--format", "json").stdout + ws.narvaro("reader", "list", "--format", "json").stdout
        #expect(after == before, "nothing changed")
    }

    /// An older database may already hold such names: every terminal output shows them visibly.
    @Test func namesAnOlderDatabaseHoldsAreShownNotExecuted() throws {
        let ws = try CLIWorkspace()
        try ws.setUp()
        let replay = try ws.narvarod(["--replay", fixturesDirectory.appendingPathComponent("demo/entre-week.evemu").path,
                                      "--reader", "entre", "--start", "2026-11-16T00:00:00+01:00"])
        #expect(replay.status == 0, "\(replay.stderr)")
        let added = try ws.narvaro("visitor", "add", "--nickname", "Amir")
        let code = try #require(added.stdout.split(separator: " ").dropFirst(2).first.map(String.init))
        #expect(try ws.narvaro("enrol", "--last", "--nickname", "Sara").status == 0, "so check-ins show a nickname")
        // What a database written before the check could hold, written with sqlite3 itself.
        let hostileSQL = "'Gamla' || char(27) || '[2J' || char(27) || ']0;pwned' || char(7) || char(8238) || 'X'"
        let sql = """
            UPDATE venues SET name = \(hostileSQL); UPDATE activities SET name = \(hostileSQL), organizer = \(hostileSQL);
            UPDATE visitors SET nickname = \(hostileSQL);
            """
        let update = try Executables.runTool("/usr/bin/sqlite3", [ws.database, sql])
        #expect(update.status == 0, "\(update.stderr)")

        let outputs: [[String]] = [
            ["venue", "list"], ["venue", "show", "tingshuset"], ["activity", "list"], ["activity", "show", "laxhjalp"],
            ["visitor", "list"], ["visitor", "show", code], ["checkins", "--limit", "100"],
            ["report", "--week", "2026-W47"], ["report", "--week", "2026-W47", "--lang", "sv"],
            ["activity", "edit", "laxhjalp", "--min-participants", "3"], ["visitor", "edit", code, "--role", "volunteer"],
            ["desk", "--once"],
        ]
        for arguments in outputs {
            let result = try Executables.run("narvaro", arguments, environment: ws.environment)
            #expect(result.status == 0, "\(arguments): \(result.stderr)")
            #expect(!hasHidden(result.stdout) && !hasHidden(result.stderr), "\(arguments): \(result.stdout.debugDescription)")
            #expect(result.stdout.contains("\\e[2J") || arguments[0] == "desk", "\(arguments) shows the name visibly: \(result.stdout)")
        }
        let list = try ws.narvaro("venue", "list")
        #expect(list.stdout.contains("Gamla\\e[2J\\e]0;pwned\\a<U+202E>X"))
        // JSON stays JSON: the exact name comes back, escaped, with no raw control character.
        for arguments in [["venue", "list", "--format", "json"], ["visitor", "list", "--format", "json"], ["checkins", "--format", "json"]] {
            let json = try Executables.run("narvaro", arguments, environment: ws.environment)
            #expect(!hasHidden(json.stdout), "\(arguments)")
            let parsed = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8))
            #expect("\(parsed)".isEmpty == false)
        }
        let venues = try #require(try JSONSerialization.jsonObject(with: Data(ws.narvaro("venue", "list", "--format", "json").stdout.utf8)) as? [[String: Any]])
        #expect(venues.first?["name"] as? String == hostileName)
        // CSV from an old database: no control character in a cell, no formula.
        let csv = try ws.narvaro("export", "--period", "2026-W47", "--format", "csv")
        #expect(csv.status == 0 && !hasHidden(csv.stdout, csv: true), "\(csv.stdout.debugDescription)")
    }

    @Test func errorMessagesShowTheArgumentsTheyEcho() throws {
        let ws = try CLIWorkspace()
        try ws.setUp()
        for arguments in [["venue", "show", "x\u{1B}[2Jy"], ["report", "--week", "2026-W47", "--venue", "\u{202E}evil"],
                          ["venue", "list", "--form\u{1B}[31mat"], ["fr\u{1B}]0;t\u{07}ob"], ["report", "--week", "2026\u{1B}[2J"]] {
            let result = try Executables.run("narvaro", arguments, environment: ws.environment)
            #expect(result.status != 0)
            #expect(!hasHidden(result.stderr), "\(arguments): \(result.stderr.debugDescription)")
            #expect(result.stderr.contains("\\e") || result.stderr.contains("<U+202E>"), "\(arguments): \(result.stderr)")
        }
        // A recording line the daemon cannot read is echoed visibly too.
        let bad = ws.directory.appendingPathComponent("bad.evemu")
        try "E: 0.000001 0001 0002 1\nE: \u{1B}[2J\u{202E}garbage\n".write(to: bad, atomically: true, encoding: .utf8)
        let replay = try ws.narvarod(["--replay", bad.path, "--reader", "entre"])
        #expect(replay.status == 1)
        #expect(!hasHidden(replay.stderr), "\(replay.stderr.debugDescription)")
    }

    @Test func csvCellsNeverStartAFormula() throws {
        let ws = try CLIWorkspace()
        try ws.setUp()
        try ws.narvarod(["--replay", fixturesDirectory.appendingPathComponent("demo/entre-week.evemu").path,
                         "--reader", "entre", "--start", "2026-11-16T00:00:00+01:00"])
        let edit = try ws.narvaro("activity", "edit", "laxhjalp", "--name", "=HYPERLINK(\"http://evil\",\"x\")", "--organizer", "@SUM(1+1)")
        #expect(edit.status == 0, "\(edit.stderr)")
        try ws.narvaro("venue", "edit", "tingshuset", "--name", "+46 70 123")
        // Slugs cannot start a formula, but a database edited by hand can hold anything.
        try Executables.runTool("/usr/bin/sqlite3", [ws.database, "UPDATE activities SET slug = '-2+3' WHERE slug = 'drop-in'"])
        for arguments in [["export", "--period", "2026-W47", "--format", "csv"], ["export", "--period", "2026-W47", "--format", "csv", "--lang", "en"],
                          ["report", "--week", "2026-W47", "--format", "csv"]] {
            let result = try Executables.run("narvaro", arguments, environment: ws.environment)
            #expect(result.status == 0, "\(arguments): \(result.stderr)")
            let cells = try pythonCSVCells(result.stdout)
            let live = cells.filter { cell in cell.first.map { "=+-@\t\r".contains($0) } ?? false }
            #expect(live.isEmpty, "\(arguments): live cells \(live)")
            #expect(cells.contains { $0.hasPrefix("'") }, "\(arguments): something was defused")
            #expect(cells.contains { Int($0) != nil }, "numbers stay numbers")
        }
        let export = try ws.narvaro("export", "--period", "2026-W47", "--format", "csv")
        #expect(export.stdout.contains("'=HYPERLINK(\"\"http://evil\"\",\"\"x\"\")"))
    }
}

/// Every cell of a CSV text, as Python's csv module reads it.
func pythonCSVCells(_ csv: String) throws -> [String] {
    let script = "import csv,sys,json\nprint(json.dumps([c for r in csv.reader(sys.stdin.read().splitlines(True)) for c in r]))"
    let result = try Executables.runTool("/usr/bin/env", ["python3", "-c", script], input: csv)
    return try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String])
}
