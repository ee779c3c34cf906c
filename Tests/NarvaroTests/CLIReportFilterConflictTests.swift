// Report filters that exclude each other (an activity at another venue than --venue, an activity
// another organizer runs) are refused with one line: zeros would read as "nobody came".
import Foundation
import Testing

@Suite struct CLIReportFilterConflictTests {
    /// `CLIWorkspace.setUp` plus a second venue whose activity another organizer runs.
    private func workspace() throws -> CLIWorkspace {
        let ws = try CLIWorkspace()
        try ws.setUp()
        for command in [["venue", "add", "arby", "--name", "Mötesplats Årby"],
                        ["activity", "add", "sprakcafe", "--venue", "arby", "--name", "Språkcafé", "--organizer", "Biblioteket"]] {
            let result = try Executables.run("narvaro", command, environment: ws.environment)
            #expect(result.status == 0, "\(command): \(result.stderr)")
        }
        return ws
    }

    @Test(arguments: [
        (["--venue", "arby", "--activity", "tingshuset/laxhjalp"],
         "--activity 'tingshuset/laxhjalp' is at venue 'tingshuset', not 'arby': change --venue or --activity",
         "--activity 'tingshuset/laxhjalp' hör till mötesplatsen 'tingshuset', inte 'arby': ändra --venue eller --activity"),
        (["--activity", "laxhjalp", "--organizer", "Biblioteket"],
         "activity 'laxhjalp' is not organized by 'Biblioteket': check `narvaro activity list`",
         "aktiviteten 'laxhjalp' arrangeras inte av 'Biblioteket': se `narvaro activity list`"),
    ])
    func filtersThatExcludeEachOtherAreRefused(filters: [String], english: String, swedish: String) throws {
        let ws = try workspace()
        for (lang, message) in [("en", english), ("sv", swedish)] {
            let report = try Executables.run("narvaro", ["--lang", lang, "report", "--week", "2026-W48"] + filters, environment: ws.environment)
            #expect(report.status != 0, "\(filters)")
            #expect(report.stdout.isEmpty, "no table of zeros: \(report.stdout)")
            #expect(report.stderr.split(separator: "\n").count == 1, "one line: \(report.stderr)")
            #expect(report.stderr.contains(message), "\(report.stderr)")
        }
    }

    @Test(arguments: [
        ["--venue", "arby", "--activity", "sprakcafe"],
        ["--venue", "tingshuset", "--activity", "tingshuset/laxhjalp"],
        ["--activity", "sprakcafe", "--organizer", "Biblioteket"],
        ["--activity", "laxhjalp", "--organizer", "Hej främling!"],
    ])
    func filtersThatAgreeStillReport(filters: [String]) throws {
        let ws = try workspace()
        let report = try Executables.run("narvaro", ["report", "--week", "2026-W48", "--format", "json"] + filters, environment: ws.environment)
        #expect(report.status == 0, "\(filters): \(report.stderr)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(report.stdout.utf8)) as? [String: Any])
        #expect(object["rows"] != nil, "\(report.stdout)")
    }
}
