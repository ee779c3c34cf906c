// Names staff give are at most 100 characters (venue, activity, organizer) or 60 (a nickname, a
// greeting on the desk's line): a longer one is refused in one line before anything is stored, in
// Swedish too; the limit in characters of any script (an emoji with its modifier is one) is accepted.
@testable import NarvaroCore
import Foundation
import Testing

@Suite struct CLINameLengthTests {
    static let tooLong = String(repeating: "Läxhjälp ", count: 12)  // 108 characters

    @Test(arguments: [
        (["venue", "add", "hamnen", "--name", tooLong], "venue name is longer than 100 characters: give a shorter name"),
        (["venue", "edit", "tingshuset", "--name", tooLong], "venue name is longer than 100 characters: give a shorter name"),
        (["activity", "add", "musik", "--venue", "tingshuset", "--name", tooLong], "activity name is longer than 100 characters: give a shorter name"),
        (["activity", "edit", "laxhjalp", "--organizer", tooLong], "organizer is longer than 100 characters: give a shorter name"),
        (["visitor", "add", "--nickname", tooLong, "--birth-year", "2008", "--card", "0563537489", "--reader", "entre"],
         "nickname is longer than 60 characters: give a shorter name"),
    ])
    func aNameOverTheLimitIsRefusedAndNothingStored(arguments: [String], message: String) throws {
        let ws = try CLIWorkspace()
        try ws.setUp()
        let lists = [["venue", "list", "--format", "json"], ["activity", "list", "--format", "json"], ["visitor", "list", "--format", "json"]]
        let before = try lists.map { try Executables.run("narvaro", $0, environment: ws.environment).stdout }
        let result = try Executables.run("narvaro", arguments, environment: ws.environment)
        #expect(result.status != 0)
        #expect(result.stderr.split(separator: "\n").count == 1, "one line: \(result.stderr)")
        #expect(result.stderr.contains(message), "\(result.stderr)")
        #expect(try lists.map { try Executables.run("narvaro", $0, environment: ws.environment).stdout } == before, "nothing stored")
    }

    /// Also for a long name that holds a control character: the length is checked first, so the
    /// message never echoes the name.
    @Test(arguments: [tooLong, String(repeating: "ä", count: 200) + "\u{1B}[2J"])
    func theRefusalIsInSwedish(organizer: String) throws {
        let ws = try CLIWorkspace()
        try ws.setUp()
        let result = try Executables.run("narvaro", ["--lang", "sv", "activity", "edit", "laxhjalp", "--organizer", organizer], environment: ws.environment)
        #expect(result.status != 0)
        #expect(result.stderr.contains("arrangören är längre än 100 tecken: ge ett kortare namn"), "\(result.stderr)")
    }

    @Test func aHundredCharactersOfAnyScriptAreAccepted() throws {
        let ws = try CLIWorkspace()
        try ws.setUp()
        let arabic = String(repeating: "س", count: 100)
        let emoji = String(repeating: "👋🏽", count: 60)  // two scalars each, one character
        #expect(try ws.narvaro("venue", "edit", "tingshuset", "--name", arabic).status == 0)
        let added = try ws.narvaro("visitor", "add", "--nickname", emoji, "--birth-year", "2008", "--card", "0563537489", "--reader", "entre")
        #expect(added.status == 0, "\(added.stderr)")
        #expect(try ws.narvaro("venue", "show", "tingshuset", "--format", "json").stdout.contains(arabic))
    }

    @Test func theLimitIsCountedInCharacters() throws {
        #expect(try OutsideText.checkName(String(repeating: "é", count: 100), what: "nickname").count == 100)
        #expect(throws: StoreError.badName("nickname is longer than 100 characters: give a shorter name")) {
            try OutsideText.checkName(String(repeating: "e\u{301}", count: 101), what: "nickname")
        }
    }
}
