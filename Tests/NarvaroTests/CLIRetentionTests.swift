// Issue 12 item 1 with the real binaries: a replayed week in July 2024, `retention run`, then the
// tool's own advice (`stats verify`, `stats rebuild`): the folded reports and exports stay as they were.
@testable import NarvaroCore
@testable import NarvaroDesk
@testable import NarvaroDaemon
@testable import NarvaroCLI
@testable import NarvaroCommands
@testable import NarvarodCommands
@testable import NarvaroBench
import Foundation
import Testing

@Suite struct CLIRetentionTests {
    static let foldedReports: [[String]] = [
        ["report", "--half", "2024-H2"], ["report", "--half", "2024-H2", "--format", "json"], ["report", "--half", "2024-H2", "--format", "csv"],
        ["report", "--week", "2024-W27", "--by", "gender"], ["report", "--half", "2024-H2", "--by", "week", "--format", "csv"],
        ["report", "--month", "2024-07", "--by", "day", "--format", "json"], ["report", "--week", "2024-W27", "--by", "age", "--role", "all"],
        ["report", "--week", "2024-W27", "--by", "activity", "--activity", "laxhjalp"], ["report", "--week", "2024-W27", "--by", "role", "--role", "all"],
    ]

    /// An export without the line that names when it was made.
    static func export(_ ws: CLIWorkspace, _ format: String) throws -> String {
        let result = try ws.narvaro("export", "--period", "2024-H2", "--format", format, "--min-cell", "2")
        #expect(result.status == 0, "\(result.stderr)")
        return result.stdout.split(separator: "\n", omittingEmptySubsequences: false)
            .filter { !$0.contains("2026-") && !$0.contains("exported_at") && !$0.lowercased().contains("exported") }.joined(separator: "\n")
    }

    @Test func retentionThenVerifyAndRebuildKeepFoldedHistory() throws {
        let ws = try CLIWorkspace()
        try ws.setUp()
        let replay = try ws.narvarod(["--replay", fixturesDirectory.appendingPathComponent("demo/entre-week.evemu").path,
                                      "--reader", "entre", "--start", "2024-07-01T00:00:00+02:00"])
        try #require(replay.status == 0, "\(replay.stderr)")
        let before = try Self.foldedReports.map { try Executables.run("narvaro", $0, environment: ws.environment) }
        #expect(before.allSatisfy { $0.status == 0 })
        #expect(before[1].stdout.contains("\"visits\": 36") && before[3].stdout.contains("not stated"))
        let exports = try ["csv", "json", "html"].map { try Self.export(ws, $0) }
        let dayBefore = try ws.narvaro("report", "--day", "2024-07-02", "--format", "json")
        #expect(dayBefore.status == 0)

        let retention = try ws.narvaro("retention", "run")
        #expect(retention.status == 0, "\(retention.stderr)")
        let verify = try ws.narvaro("stats", "verify")
        #expect(verify.status == 0, "verify passes right after retention: \(verify.stdout) \(verify.stderr)")
        let rebuild = try ws.narvaro("stats", "rebuild")
        #expect(rebuild.status == 0 && rebuild.stdout.contains("folded and was kept"), "\(rebuild.stdout)")
        #expect(try ws.narvaro("stats", "verify").status == 0)

        for (command, old) in zip(Self.foldedReports, before) {
            let now = try Executables.run("narvaro", command, environment: ws.environment)
            #expect(now.status == 0 && now.stdout == old.stdout, "\(command) changed after retention and rebuild:\n\(old.stdout)\n---\n\(now.stdout)\(now.stderr)")
        }
        #expect(try ["csv", "json", "html"].map { try Self.export(ws, $0) } == exports)

        // What folding cannot keep is refused in one line, never printed as a wrong number.
        for command in [["report", "--day", "2024-07-02"], ["report", "--from", "2024-07-01", "--to", "2024-07-03", "--by", "gender"],
                        ["export", "--period", "2024-07-01..2024-07-03", "--format", "csv"]] {
            let result = try Executables.run("narvaro", command, environment: ws.environment)
            #expect(result.status == 1 && result.stderr.contains("not available for folded periods") && result.stdout.isEmpty,
                    "\(command): \(result.stdout) \(result.stderr)")
        }
    }
}
