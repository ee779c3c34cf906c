// Age bands: parsing, validation, and which band a birth year falls in.
@testable import NarvaroCore
@testable import NarvaroDesk
@testable import NarvaroDaemon
@testable import NarvaroCLI
@testable import NarvaroCommands
@testable import NarvarodCommands
@testable import NarvaroBench
import Testing

@Suite("Time: age bands") struct TimeAgeBandsTests {
    @Test func defaultBandsRoundTrip() throws {
        #expect(AgeBands.default.description == "0-12,13-15,16-19,20-25,26-64,65+")
        #expect(try AgeBands.parse("0-12,13-15,16-19,20-25,26-64,65+") == AgeBands.default)
        #expect(try AgeBands.parse(" 0-12 , 13-19 ").description == "0-12,13-19")
        #expect(AgeBands.default.labels == ["0-12", "13-15", "16-19", "20-25", "26-64", "65+", "unknown"])
    }

    @Test func labelsByAgeInTheYear() {
        let bands = AgeBands.default
        #expect(bands.label(birthYear: 2010, in: 2026) == "16-19")
        #expect(bands.label(birthYear: 2013, in: 2026) == "13-15")
        #expect(bands.label(birthYear: 2014, in: 2026) == "0-12")
        #expect(bands.label(birthYear: 2026, in: 2026) == "0-12")
        #expect(bands.label(birthYear: 1961, in: 2026) == "65+")
        #expect(bands.label(birthYear: 1962, in: 2026) == "26-64")
        #expect(bands.label(birthYear: nil, in: 2026) == "unknown")
        #expect(bands.label(birthYear: 2027, in: 2026) == "unknown")
        #expect(bands.label(birthYear: Int.min, in: 2026) == "unknown")
        let teens = AgeBands(bands: [.init(lower: 13, upper: 19)])
        #expect(teens.label(birthYear: 1990, in: 2026) == "unknown")  // no band covers 36
    }

    @Test func rejectsOverlapsAndBadBands() {
        let expected: [(String, String)] = [
            ("0-12,10-15", "0-12,10-15: 10-15 overlaps or comes before 0-12; list bands from youngest to oldest without overlap"),
            ("13-15,0-12", "13-15,0-12: 0-12 overlaps or comes before 13-15; list bands from youngest to oldest without overlap"),
            ("0-12,65+,70-80", "0-12,65+,70-80: 65+ must be the last band"),
            ("15-13", "'15-13' is not an age band: the lower age comes first, e.g. 13-15"),
            ("teens", "'teens' is not an age band: expected ages like 13-15 or 65+ (0 to 200), separated by commas"),
        ]
        for (text, message) in expected {
            let error = #expect(throws: TimeError.self) { try AgeBands.parse(text) }
            #expect(error?.description == message)
        }
        for bad in ["", "0-12,", "-5", "0-12,,13-15", "0-99999999999"] {
            #expect(throws: TimeError.self, "\(bad)") { try AgeBands.parse(bad) }
        }
    }
}
