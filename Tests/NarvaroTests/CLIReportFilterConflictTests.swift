// An activity and an organizer who does not run it exclude each other: the report is refused with
// one line, as zeros would read as "nobody came". An activity and another venue do not: a check-in's
// venue is its reader's, and a reader may be fixed to another venue's activity.
import Foundation
import Testing

@Suite struct CLIReportFilterConflictTests {
    /// `CLIWorkspace.setUp` plus a second venue with an activity another organizer runs, and one
    /// with no organizer.
    private func workspace() throws -> CLIWorkspace {
        let ws = try CLIWorkspace()
        try ws.setUp()
        try ws.run([["venue", "add", "arby", "--name", "Mötesplats Årby"],
                    ["activity", "add", "sprakcafe", "--venue", "arby", "--name", "Språkcafé", "--organizer", "Biblioteket"],
                    ["activity", "add", "musik", "--venue", "arby", "--name", "Musik"]])
        return ws
    }

    @Test(arguments: [
        (["--activity", "tingshuset/laxhjalp", "--organizer", "Biblioteket"],
         "activity 'tingshuset/laxhjalp' is organized by 'Hej främling!', not 'Biblioteket': change --organizer or --activity",
         "aktiviteten 'tingshuset/laxhjalp' arrangeras av 'Hej främling!', inte 'Biblioteket': ändra --organizer eller --activity"),
        (["--activity", "musik", "--organizer", "Biblioteket"],
         "activity 'musik' has no organizer: drop --organizer, or give the activity one with `narvaro activity edit`",
         "aktiviteten 'musik' har ingen arrangör: ta bort --organizer, eller ge aktiviteten en med `narvaro activity edit`"),
    ])
    func anActivityAndAnotherOrganizerAreRefused(filters: [String], english: String, swedish: String) throws {
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

    /// A reader at one venue fixed to another venue's activity: its check-ins are at the reader's
    /// venue under that activity, and `--venue` with `--activity` reports them.
    @Test func anActivityCountsAtTheVenueOfTheReaderThatRecordedIt() throws {
        let ws = try workspace()
        #expect(try ws.narvaro("reader", "edit", "entre", "--activity", "arby/sprakcafe").status == 0)
        try ws.swipe(on: "entre", at: "2026-11-24T15:30:00+01:00")
        let report = try Executables.run("narvaro", ["report", "--week", "2026-W48", "--format", "json", "--venue", "tingshuset",
                                                     "--activity", "arby/sprakcafe"], environment: ws.environment)
        #expect(report.status == 0, "\(report.stderr)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(report.stdout.utf8)) as? [String: Any])
        let total = try #require(object["total"] as? [String: Any])
        #expect(total["visits"] as? Int == 1, "\(report.stdout)")
    }
}
