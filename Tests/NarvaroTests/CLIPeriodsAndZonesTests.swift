// Time zones and periods on the command line (issue 12, items 14 and 15): each check-in in its own
// venue's zone, only zone names the tz database knows, bad periods as usage errors (exit 2), and no
// comparison with a period before 1970.
@testable import NarvaroCore
@testable import NarvaroDesk
@testable import NarvaroDaemon
@testable import NarvaroCLI
@testable import NarvaroCommands
@testable import NarvarodCommands
@testable import NarvaroBench
import Foundation
import Testing

@Suite struct CLIPeriodsAndZonesTests {
    @Test func checkInsShowEachVenuesOwnLocalTimeAndDay() throws {
        let db = try TestDatabase()
        // "a-…" sorts first: before the fix its zone was used for every row.
        try db.store.addVenue(slug: "a-stockholm", name: "Stockholm", timeZone: "Europe/Stockholm")
        try db.store.addVenue(slug: "b-karachi", name: "Karachi", timeZone: "Asia/Karachi")
        for (name, venue) in [("sthlm", "a-stockholm"), ("khi", "b-karachi")] {
            var settings = ReaderSettings()
            settings.venue = venue
            try db.store.addReader(name: name, settings: settings)
        }
        try db.swipe("100", at: "2026-11-24T00:30:00+05:00", reader: "khi")      // 2026-11-23 19:30 UTC, 20:30 in Stockholm
        try db.swipe("200", at: "2026-11-23T23:30:00+01:00", reader: "sthlm")    // still the 23rd in Stockholm
        let env = ["NARVARO_DATABASE": db.path, "NARVARO_CARD_KEY": db.directory.appendingPathComponent("key").path]
        let all = try Executables.run("narvaro", ["checkins"], environment: env)
        #expect(all.status == 0, "\(all.stderr)")
        let lines = all.stdout.split(separator: "\n").map(String.init)
        #expect(lines.contains { $0.contains("2026-11-24 00:30") && $0.contains("khi") }, "\(all.stdout)")
        #expect(lines.contains { $0.contains("2026-11-23 23:30") && $0.contains("sthlm") }, "\(all.stdout)")
        // --since a date is each venue's own local day, as `report` counts it.
        let since = try Executables.run("narvaro", ["checkins", "--since", "2026-11-24"], environment: env)
        #expect(since.stdout.contains("khi") && !since.stdout.contains("sthlm"), "\(since.stdout)")
        let report = try Executables.run("narvaro", ["report", "--day", "2026-11-24", "--format", "json"], environment: env)
        #expect(report.stdout.contains("\"visits\": 1"), "\(report.stdout)")
        let one = try Executables.run("narvaro", ["checkins", "--since", "2026-11-23", "--limit", "1"], environment: env)
        #expect(one.stdout.split(separator: "\n").count == 3 && one.stdout.contains("sthlm"), "the newest of all venues: \(one.stdout)")
    }

    /// A local time is any minute of the day: 23:59 was refused while it went through the slot parser
    /// ("23:59-23:59" is an empty slot). A date or time that does not exist says why.
    @Test func sinceTakesEveryMinuteOfTheDayAndSaysWhyADateIsWrong() throws {
        let db = try TestDatabase()
        try db.store.addVenue(slug: "tingshuset", name: "Tingshuset", timeZone: "Europe/Stockholm")
        var settings = ReaderSettings()
        settings.venue = "tingshuset"
        try db.store.addReader(name: "entre", settings: settings)
        try db.swipe("100", at: "2026-11-23T23:30:00+01:00", reader: "entre")
        try db.swipe("200", at: "2026-11-23T23:59:30+01:00", reader: "entre")
        let env = ["NARVARO_DATABASE": db.path, "NARVARO_CARD_KEY": db.directory.appendingPathComponent("key").path]
        let late = try Executables.run("narvaro", ["checkins", "--since", "2026-11-23T23:59"], environment: env)
        #expect(late.status == 0, "\(late.stderr)")
        #expect(late.stdout.contains("23:59") && !late.stdout.contains("23:30"), "\(late.stdout)")
        for (since, reason) in [("2026-02-30T10:00", "days in February 2026 are 01 to 28"), ("2026-11-23T24:10", "'24:10' is not a time")] {
            let wrong = try Executables.run("narvaro", ["checkins", "--since", since], environment: env)
            #expect(wrong.status == 2, "\(wrong.stderr)")
            #expect(wrong.stderr.contains(reason), "\(wrong.stderr)")
        }
    }

    @Test(arguments: ["UTC+5", "GMT-3", "utc+05", "Mars/Olympus", "posix/Europe/Stockholm", "right/Europe/Stockholm",
                      "../../../etc/localtime", "Europe/../Europe/Stockholm", "/usr/share/zoneinfo/Europe/Stockholm", "Europe", ""])
    func onlyZoneNamesTheTzDatabaseKnowsAreAccepted(zone: String) throws {
        let ws = try CLIWorkspace()
        try ws.setUp()
        for arguments in [["venue", "add", "ny", "--name", "Ny", "--timezone", zone], ["venue", "edit", "tingshuset", "--timezone", zone]] {
            let result = try Executables.run("narvaro", arguments, environment: ws.environment)
            #expect(result.status == 1, "\(arguments): \(result.stdout) \(result.stderr)")
            #expect(result.stderr.split(separator: "\n").count == 1)
        }
        #expect(try ws.narvaro("venue", "show", "tingshuset").stdout.contains("Europe/Stockholm"))
    }

    @Test func anOffsetSaysWhichNameToUse() throws {
        let ws = try CLIWorkspace()
        let result = try ws.narvaro("venue", "add", "ny", "--name", "Ny", "--timezone", "UTC+5")
        #expect(result.stderr.contains("Etc/GMT-5") && result.stderr.contains("Asia/Karachi"), "\(result.stderr)")
        for (i, zone) in ["Etc/GMT-5", "Asia/Karachi", "UTC", "America/Argentina/Buenos_Aires"].enumerated() {
            let added = try ws.narvaro("venue", "add", "z\(i)", "--name", "Z", "--timezone", zone)
            #expect(added.status == 0, "\(zone): \(added.stderr)")
        }
    }

    @Test func zoneFilesAreTZifRegularFilesInTheDirectory() throws {
        let scratch = try TemporaryDirectory("tz")
        defer { withExtendedLifetime(scratch) {} }
        let dir = scratch.path
        try FileManager.default.createDirectory(atPath: dir + "/Test", withIntermediateDirectories: true)
        try Data("TZif2 rest".utf8).write(to: URL(fileURLWithPath: dir + "/Test/Zone"))
        try Data("not a zone".utf8).write(to: URL(fileURLWithPath: dir + "/Test/Text"))
        #expect(mkfifo(dir + "/Test/Fifo", 0o600) == 0)
        #expect(TimeZoneName.isInDatabase("Test/Zone", directory: dir))
        #expect(!TimeZoneName.isInDatabase("Test/Text", directory: dir))
        #expect(!TimeZoneName.isInDatabase("Test/Fifo", directory: dir), "a FIFO is refused without hanging")
        #expect(!TimeZoneName.isInDatabase("Test", directory: dir))
        #expect(!TimeZoneName.isInDatabase("Europe/Stockholm", directory: dir), "only what this directory holds")
        #expect(throws: TimeError.self) { try VenueClock(validating: "Europe/Stockholm", zoneDirectory: dir) }
        #expect(try VenueClock(validating: "Europe/Stockholm").identifier == "Europe/Stockholm")
    }

    @Test(arguments: [
        ["report", "--week", "2026-W54"], ["report", "--month", "2026-13"], ["report", "--day", "2026-02-30"],
        ["report", "--half", "2026-H3"], ["report", "--from", "2026-11-30", "--to", "2026-11-01"], ["report", "--period", "soon"],
        ["report", "--from", "1969-12-31", "--to", "2026-01-01"], ["export", "--period", "2026-W99", "--format", "csv"],
        ["export", "--period", "yesterday", "--format", "json"], ["checkins", "--since", "2026-13-01"],
    ])
    func invalidPeriodsAreUsageErrors(arguments: [String]) throws {
        let ws = try CLIWorkspace()
        try ws.setUp()
        let result = try Executables.run("narvaro", arguments, environment: ws.environment)
        #expect(result.status == 2, "\(arguments): \(result.status) \(result.stderr)")
        #expect(result.stderr.split(separator: "\n").count == 1)
        #expect(result.stderr.contains("--help"), "says where to look: \(result.stderr)")
    }

    @Test func aFullRangeReportComparesWithNothingBefore1970() throws {
        let ws = try CLIWorkspace()
        try ws.setUp()
        let table = try ws.narvaro("report", "--from", "1970-01-01", "--to", "9999-12-31")
        #expect(table.status == 0, "\(table.stderr)")
        #expect(!table.stdout.contains("-6060") && !table.stdout.contains("1969"), "\(table.stdout)")
        #expect(!table.stdout.contains("compared with"))
        let json = try ws.narvaro("report", "--from", "1970-01-01", "--to", "9999-12-31", "--format", "json")
        let root = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        #expect(root["previous_period"] is NSNull)
        // An ordinary period still compares with the one before.
        let week = try ws.narvaro("report", "--week", "2026-W47")
        #expect(week.stdout.contains("Visits compared with 2026-W46"), "\(week.stdout)")
    }
}
