// `activity add|edit --age LOW-HIGH` takes exactly two whole numbers: a stray sign or dash is a
// usage error, never read as another range (a grant rule decides which gatherings get money).
import Foundation
import Testing

@Suite struct CLIActivityAgeTests {
    @Test(arguments: ["--age=-3-5", "--age=7--25", "--age=+7-25", "--age=7-25-", "--age=-7-25"])
    func aRangeWithAStraySignOrDashIsRefused(option: String) throws {
        let ws = try CLIWorkspace()
        try ws.setUp()
        let before = try ws.narvaro("activity", "list", "--format", "json").stdout
        let added = try ws.narvaro("activity", "add", "utflykt", "--venue", "tingshuset", "--name", "Utflykt", option)
        #expect(added.status == 2, "\(option): \(added.stderr)")
        #expect(added.stderr.contains("--age takes LOW-HIGH"), "\(added.stderr)")
        let edited = try ws.narvaro("activity", "edit", "laxhjalp", option)
        #expect(edited.status == 2, "\(option): \(edited.stderr)")
        #expect(try ws.narvaro("activity", "list", "--format", "json").stdout == before, "nothing changed")
    }
}
