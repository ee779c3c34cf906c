// Card formats: the same physical card gets the same canonical id at every reader, whatever
// the reader prints, and a typo is explained rather than silently becoming another card.
@testable import NarvaroCore
@testable import NarvaroDesk
@testable import NarvaroDaemon
@testable import NarvaroCLI
@testable import NarvaroCommands
@testable import NarvarodCommands
@testable import NarvaroBench
import Testing

@Suite struct InputCardFormatTests {
    @Test func decimalAndHexReadersAgreeOnTheSameCard() throws {
        #expect(try CardFormat.decimal10.canonicalCard("0563537489") == "51E69621")
        #expect(try CardFormat.hex.canonicalCard("51E69621") == "51E69621")
        #expect(try CardFormat.hex.canonicalCard("51e69621") == "51E69621")
        #expect(try CardFormat.hexReversed.canonicalCard("2196E651") == "51E69621")
    }

    @Test func fromTheHexSideTheDecimalReaderShowsTheLittleEndianNumber() throws {
        // Read the canonical bytes as a little-endian number and print 10 digits: 0563537489.
        let canonical = try CardFormat.hex.canonicalCard("51E69621")
        var number: UInt32 = 0
        for (index, byte) in stride(from: 0, to: 8, by: 2).enumerated() {
            let start = canonical.index(canonical.startIndex, offsetBy: byte)
            let pair = canonical[start..<canonical.index(start, offsetBy: 2)]
            number |= UInt32(try #require(UInt8(pair, radix: 16))) << (8 * UInt32(index))
        }
        let digits = String(number)
        let shown = String(repeating: "0", count: 10 - digits.count) + digits
        #expect(shown == "0563537489")
        #expect(try CardFormat.decimal10.canonicalCard(shown) == canonical)
    }

    @Test func leadingZerosAreNeverDropped() throws {
        #expect(try CardFormat.decimal10.canonicalCard("0000000001") == "01000000")
        #expect(try CardFormat.decimal10.canonicalCard("0000000000") == "00000000")
        #expect(try CardFormat.decimal10.canonicalCard("4294967295") == "FFFFFFFF")
        #expect(try CardFormat.hex.canonicalCard("0004A3B2C1D5E680") == "0004A3B2C1D5E680")
        #expect(try CardFormat.hexReversed.canonicalCard("00AB") == "AB00")
        #expect(try CardFormat.raw.canonicalCard("007") == "007")
    }

    @Test(arguments: [
        (CardFormat.decimal10, "05635X7489", "'05635X7489' is not a decimal10 card number (10 digits)"),
        (.decimal10, "563537489", "'563537489' is not a decimal10 card number (10 digits)"),
        (.decimal10, "00563537489", "'00563537489' is not a decimal10 card number (10 digits)"),
        (.decimal10, "+563537489", "'+563537489' is not a decimal10 card number (10 digits)"),
        (.decimal10, "4294967296", "'4294967296' is not a decimal10 card number (at most 4294967295)"),
        (.hex, "51E6962", "'51E6962' is not a hex card number (an even number of hex digits)"),
        (.hex, "", "'' is not a hex card number (an even number of hex digits)"),
        (.hex, "51G69621", "'51G69621' is not a hex card number (hex digits 0-9 and A-F)"),
        (.hexReversed, "0x51E696", "'0x51E696' is not a hex-reversed card number (hex digits 0-9 and A-F)"),
        (.raw, "", "'' is not a raw card number (letters A-Z, a-z and digits 0-9, as a reader types them)"),
        (.raw, "12\n34", "'12?34' is not a raw card number (letters A-Z, a-z and digits 0-9, as a reader types them)"),
        // Arabic-Indic digits, a dash, a letter no reader types: each could be registered, never swiped.
        (.raw, "١٢٣٤", "'١٢٣٤' is not a raw card number (letters A-Z, a-z and digits 0-9, as a reader types them)"),
        (.raw, "card-7", "'card-7' is not a raw card number (letters A-Z, a-z and digits 0-9, as a reader types them)"),
        (.raw, "kåre1", "'kåre1' is not a raw card number (letters A-Z, a-z and digits 0-9, as a reader types them)"),
    ])
    func badInputIsExplained(format: CardFormat, text: String, message: String) {
        do {
            let canonical = try format.canonicalCard(text)
            Issue.record("'\(text)' was accepted as \(canonical)")
        } catch {
            #expect(error.description == message)
        }
    }

    @Test func everyCharacterAReaderTypesIsARawCardCharacter() throws {
        let typed = KeyLayout.keys.values.flatMap { [$0.character, $0.shifted].compactMap { $0 } }
        #expect(typed.count == 10 + 26 + 26 + 10)  // the digit row, letters, capitals, the keypad
        let card = String(typed)
        #expect(try CardFormat.raw.canonicalCard(card) == card)
    }

    @Test func formatNamesAreTheCommandLineSpelling() {
        #expect(CardFormat.allCases.map(\.rawValue) == ["raw", "decimal10", "hex", "hex-reversed"])
        #expect(CardFormat(rawValue: "hex-reversed") == .hexReversed)
    }
}
