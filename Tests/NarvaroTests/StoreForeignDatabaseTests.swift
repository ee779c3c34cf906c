// --database naming another program's SQLite file (a typo, a neighbouring app's data) is refused
// in one line, and the file is left exactly as it was: no Närvaro tables added, no switch to WAL.
import Foundation
import Testing

@Suite struct StoreForeignDatabaseTests {
    @Test(arguments: [["venue", "add", "ny", "--name", "Ny"], ["report", "--week", "2026-W47"], ["venue", "list"]])
    func anotherProgramsDatabaseIsLeftAlone(arguments: [String]) throws {
        let ws = try CLIWorkspace()
        let sqlite = try Executables.runTool("/usr/bin/sqlite3", [ws.database, "CREATE TABLE recipes(name TEXT); INSERT INTO recipes VALUES ('kanelbulle');"])
        try #require(sqlite.status == 0)
        let before = try Data(contentsOf: URL(fileURLWithPath: ws.database))
        let result = try Executables.run("narvaro", arguments, environment: ws.environment)
        #expect(result.status == 1, "\(arguments): \(result.stderr)")
        #expect(result.stderr.split(separator: "\n").count == 1, "one line: \(result.stderr)")
        #expect(result.stderr.contains("not a Närvaro database") && result.stderr.contains("recipes"), "\(result.stderr)")
        #expect(try Data(contentsOf: URL(fileURLWithPath: ws.database)) == before, "the file is unchanged")
        let daemon = try ws.narvarod(["--replay", "-", "--reader", "entre"], input: "")
        #expect(daemon.status == 1 && daemon.stderr.contains("not a Närvaro database"), "\(daemon.stderr)")
        #expect(try Data(contentsOf: URL(fileURLWithPath: ws.database)) == before, "the file is unchanged")
    }
}
