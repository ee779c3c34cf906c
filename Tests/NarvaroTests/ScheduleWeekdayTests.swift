// Weekday names in English and Swedish, as staff type them in `schedule add --weekly`.
@testable import NarvaroCore
@testable import NarvaroDesk
@testable import NarvaroDaemon
@testable import NarvaroCLI
@testable import NarvaroCommands
@testable import NarvarodCommands
@testable import NarvaroBench
import Testing

@Suite("Schedule: weekdays") struct ScheduleWeekdayTests {
    @Test func readsEnglishAndSwedishInAnyCase() throws {
        let spellings: [(Weekday, [String])] = [
            (.monday, ["mon", "Monday", "mån", "MÅNDAG"]),
            (.tuesday, ["tue", "TUESDAY", "tis", "Tisdag"]),
            (.wednesday, ["Wed", "wednesday", "ons", "onsdag"]),
            (.thursday, ["thu", "thursday", "tor", "torsdag"]),
            (.friday, ["fri", "friday", "fre", "fredag"]),
            (.saturday, ["sat", "saturday", "lör", "Lördag", "lo\u{308}r"]),  // last: decomposed ö
            (.sunday, ["sun", "sunday", "sön", "söndag"]),
        ]
        for (day, names) in spellings {
            for name in names { #expect(try Weekday.parse(name) == day, "\(name)") }
        }
        #expect(Weekday.allCases.map(\.shortName) == ["mon", "tue", "wed", "thu", "fri", "sat", "sun"])
        #expect(Weekday.allCases.map(\.rawValue) == Array(1...7))
        #expect(try LocalDate.parse("2026-11-22").weekday == .sunday)
    }

    @Test func rejectsUnknownNames() {
        for bad in ["tues", "", "m", "mandag", "sunday ", "7"] {
            let error = #expect(throws: TimeError.self, "\(bad)") { try Weekday.parse(bad) }
            #expect(error?.description == "'\(bad)' is not a weekday: use mon, tue, wed, thu, fri, sat, sun (or mån, tis, ons, tor, fre, lör, sön)")
        }
    }
}
