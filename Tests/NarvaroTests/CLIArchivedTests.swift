// Archived venues and activities are history: nothing new is attached to them (a reader, an
// activity, a schedule slot, an activity card; the daemon ignores an archived activity's schedule),
// and `edit --restore` brings one back into use. Nor is one archived while a reader in use records to it.
import Foundation
import Testing

@Suite struct CLIArchivedTests {
    /// `CLIWorkspace.setUp`, then venue `hamnen` with a check-in, so removing it archives it, and
    /// activity `laxhjalp` archived the same way.
    private func workspace() throws -> CLIWorkspace {
        let ws = try CLIWorkspace()
        try ws.setUp()
        try ws.run([["venue", "add", "hamnen", "--name", "Hamnen"],
                    ["reader", "add", "kaj", "--venue", "hamnen", "--usb", "ffff:0036", "--card-format", "decimal10"],
                    ["reader", "edit", "entre", "--activity", "laxhjalp"]])
        for reader in ["kaj", "entre"] { try ws.swipe(on: reader, at: "2026-11-17T15:30:00+01:00") }
        try ws.run([["reader", "edit", "entre", "--no-activity"], ["reader", "remove", "kaj"],
                    ["venue", "remove", "hamnen"], ["activity", "remove", "laxhjalp"]])
        let venues = try Self.objects(ws.narvaro("venue", "list", "--all", "--format", "json").stdout)
        #expect(venues.contains { $0["slug"] as? String == "hamnen" && $0["archived"] as? Bool == true }, "\(venues)")
        return ws
    }

    static let venueArchived = "venue 'hamnen' is archived: restore it with `narvaro venue edit 'hamnen' --restore`, or choose another venue"
    static let activityArchived = "activity 'tingshuset/laxhjalp' is archived: restore it with `narvaro activity edit 'tingshuset/laxhjalp' --restore`, or choose another activity"

    @Test(arguments: [
        (["reader", "add", "kassa", "--venue", "hamnen", "--usb", "ffff:0037"], venueArchived),
        (["reader", "edit", "entre", "--venue", "hamnen"], venueArchived),
        (["activity", "add", "musik", "--venue", "hamnen", "--name", "Musik"], venueArchived),
        (["schedule", "add", "hamnen/drop-in", "--weekly", "mon", "14:00-20:00"], venueArchived),
        (["schedule", "add", "laxhjalp", "--weekly", "thu", "15:00-18:00"], activityArchived),
        (["reader", "edit", "entre", "--activity", "laxhjalp"], activityArchived),
        (["card", "add", "0000000042", "--activity", "laxhjalp", "--reader", "entre"], activityArchived),
    ])
    func nothingNewIsAttachedToWhatIsArchived(arguments: [String], message: String) throws {
        let ws = try workspace()
        let lists = [["reader", "list", "--all", "--format", "json"], ["activity", "list", "--all", "--format", "json"],
                     ["schedule", "list"], ["card", "list"]]
        let before = try lists.map { try Executables.run("narvaro", $0, environment: ws.environment).stdout }
        let result = try Executables.run("narvaro", arguments, environment: ws.environment)
        #expect(result.status != 0, "\(arguments)")
        #expect(result.stderr.split(separator: "\n").count == 1, "one line: \(result.stderr)")
        #expect(result.stderr.contains(message), "\(arguments): \(result.stderr)")
        #expect(try lists.map { try Executables.run("narvaro", $0, environment: ws.environment).stdout } == before, "nothing stored")
    }

    @Test func theRefusalIsInSwedish() throws {
        let ws = try workspace()
        let result = try Executables.run("narvaro", ["--lang", "sv", "reader", "add", "kassa", "--venue", "hamnen", "--usb", "ffff:0037"],
                                         environment: ws.environment)
        #expect(result.stderr.contains("mötesplatsen 'hamnen' är arkiverad: ta den i bruk igen med `narvaro venue edit 'hamnen' --restore`"),
                "\(result.stderr)")
    }

    @Test func restoredTheyAreInUseAgain() throws {
        let ws = try workspace()
        // A reader or an activity of an archived venue waits for the venue.
        let early = try ws.narvaro("reader", "edit", "kaj", "--restore")
        #expect(early.status != 0 && early.stderr.contains(Self.venueArchived), "\(early.stderr)")
        #expect(try ws.narvaro("venue", "edit", "hamnen", "--restore").status == 0)
        // A reader fixed to an archived activity waits for the activity.
        #expect(try ws.narvaro("activity", "add", "musik", "--venue", "hamnen", "--name", "Musik").status == 0)
        #expect(try ws.narvaro("reader", "edit", "kaj", "--activity", "hamnen/musik").status == 0)
        #expect(try ws.narvaro("activity", "remove", "hamnen/musik").status == 0)  // archived: a reader refers to it
        let fixed = try ws.narvaro("reader", "edit", "kaj", "--restore")
        #expect(fixed.status != 0 && fixed.stderr.contains("activity 'hamnen/musik' is archived"), "\(fixed.stderr)")
        #expect(try ws.narvaro("reader", "edit", "kaj", "--restore", "--no-activity").status == 0)
        #expect(try ws.narvaro("activity", "edit", "laxhjalp", "--restore").status == 0)
        #expect(try ws.narvaro("venue", "list").stdout.contains("hamnen"))
        #expect(try ws.narvaro("reader", "list").stdout.contains("kaj"))
        #expect(try ws.narvaro("activity", "list").stdout.contains("laxhjalp"))
        for command in [["reader", "add", "kassa", "--venue", "hamnen", "--usb", "ffff:0037"],
                        ["schedule", "add", "laxhjalp", "--weekly", "thu", "15:00-18:00"],
                        ["card", "add", "0000000042", "--activity", "laxhjalp", "--reader", "entre"]] {
            let result = try Executables.run("narvaro", command, environment: ws.environment)
            #expect(result.status == 0, "\(command): \(result.stderr)")
        }
        // Restoring keeps the history: the check-ins stay where they were.
        let checkins = try Self.objects(ws.narvaro("checkins", "--format", "json").stdout)
        #expect(checkins.contains { $0["venue"] as? String == "hamnen" }, "\(checkins)")
        #expect(checkins.contains { $0["activity"] as? String == "laxhjalp" }, "\(checkins)")
    }

    /// A venue or activity is archived only once no reader in use would go on recording to it: one
    /// standing at the venue, or one anywhere fixed to the activity.
    @Test func whatReadersInUseRecordToIsNotArchived() throws {
        let ws = try CLIWorkspace()
        try ws.setUp()
        try ws.run([["venue", "add", "hamnen", "--name", "Hamnen"],
                    ["activity", "add", "musik", "--venue", "hamnen", "--name", "Musik"],
                    ["reader", "add", "kaj", "--venue", "hamnen", "--usb", "ffff:0036", "--card-format", "decimal10", "--activity", "hamnen/musik"],
                    ["reader", "add", "brygga", "--venue", "hamnen", "--usb", "ffff:0037", "--card-format", "decimal10"],
                    ["reader", "edit", "entre", "--activity", "hamnen/musik"]])
        try ws.swipe(on: "kaj", at: "2026-11-17T15:30:00+01:00")
        let lists = [["venue", "list", "--all", "--format", "json"], ["activity", "list", "--all", "--format", "json"],
                     ["reader", "list", "--all", "--format", "json"]]
        func refused(_ command: [String], _ message: String) throws {
            let before = try lists.map { try Executables.run("narvaro", $0, environment: ws.environment).stdout }
            let result = try Executables.run("narvaro", command, environment: ws.environment)
            #expect(result.status != 0, "\(command)")
            #expect(result.stderr.split(separator: "\n").count == 1 && result.stderr.contains(message), "\(command): \(result.stderr)")
            #expect(try lists.map { try Executables.run("narvaro", $0, environment: ws.environment).stdout } == before, "nothing changed")
        }
        let fixed = "is the fixed activity of readers in use"
        try refused(["venue", "remove", "hamnen"], "venue 'hamnen' still has readers in use (brygga, kaj): remove them with `narvaro reader remove`, or move them with `narvaro reader edit NAME --venue`")
        try refused(["activity", "remove", "hamnen/musik"], "activity 'hamnen/musik' \(fixed) (entre, kaj): give them another with `narvaro reader edit NAME --activity`, or none with `--no-activity`")
        let swedish = try ws.narvaro("--lang", "sv", "venue", "remove", "hamnen")
        #expect(swedish.stderr.contains("mötesplatsen 'hamnen' har läsare i bruk (brygga, kaj): ta bort dem med `narvaro reader remove`"), "\(swedish.stderr)")
        // Its own readers gone, the venue still waits for a reader elsewhere fixed to its activity.
        try ws.run([["reader", "remove", "kaj"], ["reader", "remove", "brygga"]])
        try refused(["venue", "remove", "hamnen"], "activity 'hamnen/musik' \(fixed) (entre)")
        // Then each is archived (check-ins refer to it).
        try ws.run([["reader", "edit", "entre", "--no-activity"], ["activity", "remove", "hamnen/musik"], ["venue", "remove", "hamnen"]])
        let venues = try Self.objects(ws.narvaro("venue", "list", "--all", "--format", "json").stdout)
        #expect(venues.contains { $0["slug"] as? String == "hamnen" && $0["archived"] as? Bool == true }, "\(venues)")
        let activities = try Self.objects(ws.narvaro("activity", "list", "--all", "--format", "json").stdout)
        #expect(activities.contains { $0["slug"] as? String == "musik" && $0["archived"] as? Bool == true }, "\(activities)")
    }

    static func objects(_ json: String) throws -> [[String: Any]] {
        try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [[String: Any]])
    }
}
