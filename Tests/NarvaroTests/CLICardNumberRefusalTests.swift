// A card number typed by hand that no reader could ever type (Arabic-Indic digits, a dash) is
// refused before anything is stored: registered, it would be a card that never checks in.
@testable import NarvaroCore
import Foundation
import Testing

@Suite struct CLICardNumberRefusalTests {
    private func workspace() throws -> CLIWorkspace {
        let ws = try CLIWorkspace()
        try ws.setUp()
        #expect(try ws.narvaro("reader", "add", "kassa", "--venue", "tingshuset", "--usb", "ffff:0036").status == 0)  // raw
        return ws
    }

    @Test(arguments: ["١٢٣٤٥", "card-7", "kåre1"])
    func aRawCardNoReaderTypesIsRefused(card: String) throws {
        let ws = try workspace()
        let before = try ws.narvaro("visitor", "list", "--format", "json").stdout
        let added = try ws.narvaro("visitor", "add", "--nickname", "Amir", "--birth-year", "2008", "--card", card, "--reader", "kassa")
        #expect(added.status != 0)
        #expect(added.stderr.split(separator: "\n").count == 1, "one line: \(added.stderr)")
        #expect(added.stderr.contains("'\(card)' is not a raw card number (letters A-Z, a-z and digits 0-9, as a reader types them)"),
                "\(added.stderr)")
        #expect(try ws.narvaro("visitor", "list", "--format", "json").stdout == before, "no visitor stored")
    }

    @Test func whatAReaderTypesIsAccepted() throws {
        let ws = try workspace()
        let added = try ws.narvaro("visitor", "add", "--nickname", "Amir", "--birth-year", "2008", "--card", "04aB9z", "--reader", "kassa")
        #expect(added.status == 0, "\(added.stderr)")
    }

    @Test(arguments: [
        ("kassa", "card-7", "'card-7' är inget kortnummer i formatet raw (bokstäverna A-Z, a-z och siffrorna 0-9, som en läsare skriver dem)"),
        ("entre", "12345", "'12345' är inget kortnummer i formatet decimal10 (10 siffror)"),
    ])
    func theRefusalIsInSwedish(reader: String, card: String, swedish: String) throws {
        let ws = try workspace()
        let added = try Executables.run("narvaro", ["--lang", "sv", "visitor", "add", "--nickname", "Amir", "--birth-year", "2008",
                                                    "--card", card, "--reader", reader], environment: ws.environment)
        #expect(added.status != 0)
        #expect(added.stderr.contains(swedish), "\(added.stderr)")
    }
}
