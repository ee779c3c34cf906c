// Names typed in decomposed Unicode (NFD: "a" + U+0308 instead of "ä", as macOS terminals and text
// copied from some PDFs send them) are the same names: stored in NFC and found when looked up, so
// one organizer never becomes two that look identical in the export.
import Foundation
import Testing

@Suite struct CLIUnicodeNameTests {
    private let composed = "Hej fr\u{E4}mling!"
    private let decomposed = "Hej fra\u{308}mling!"

    private func jsonRows(_ result: ProcessResult) throws -> [[String: Any]] {
        try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [[String: Any]])
    }

    @Test func aDecomposedOrganizerIsTheSameOrganizer() throws {
        let ws = try CLIWorkspace()
        try ws.setUp()   // laxhjalp, organizer "Hej främling!" typed composed
        let report = try ws.narvaro("report", "--week", "2026-W47", "--organizer", decomposed)
        #expect(report.status == 0, "a decomposed organizer is found: \(report.stderr)")
        let added = try ws.narvaro("activity", "add", "spel", "--venue", "tingshuset", "--name", "Spelkva\u{308}ll", "--organizer", decomposed)
        #expect(added.status == 0, "\(added.stderr)")
        let activities = try jsonRows(try ws.narvaro("activity", "list", "--format", "json"))
        let organizers = activities.compactMap { $0["organizer"] as? String }
        #expect(organizers.count == 2)
        #expect(organizers.allSatisfy { $0.unicodeScalars.elementsEqual(composed.unicodeScalars) }, "stored as typed: \(organizers.map(\.unicodeScalars))")
        let name = try #require(activities.first { $0["slug"] as? String == "spel" }?["name"] as? String)
        #expect(name.unicodeScalars.elementsEqual("Spelkv\u{E4}ll".unicodeScalars))
    }

    @Test func aDecomposedNicknameIsStoredComposed() throws {
        let ws = try CLIWorkspace()
        try ws.setUp()
        #expect(try ws.narvaro("visitor", "add", "--nickname", "A\u{30A}sa").status == 0)
        let visitors = try jsonRows(try ws.narvaro("visitor", "list", "--format", "json"))
        let nickname = try #require(visitors.first?["nickname"] as? String)
        #expect(nickname.unicodeScalars.elementsEqual("\u{C5}sa".unicodeScalars))
    }
}
