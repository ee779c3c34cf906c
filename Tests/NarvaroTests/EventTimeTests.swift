@testable import NarvaroCore
@testable import NarvaroDesk
@testable import NarvaroDaemon
@testable import NarvaroCLI
@testable import NarvaroCommands
@testable import NarvarodCommands
@testable import NarvaroBench
import Testing

@Test func eventTimeFormatsLikeEvemu() {
    #expect(EventTime(seconds: 12, microseconds: 5).description == "12.000005")
    #expect(EventTime(seconds: 1_700_000_000, microseconds: 123_456).seconds == 1_700_000_000)
    #expect(EventTime(microseconds: 1_500_000) < EventTime(microseconds: 1_500_001))
}

@Test func eventTimeNeverTrapsAtTheEndsOfItsRange() {
    #expect(EventTime(microseconds: .min).seconds == Int64.min / 1_000_000 - 1)
    #expect(EventTime(microseconds: -1).seconds == -1)
    #expect(EventTime(seconds: .max, microseconds: 0).microseconds == .max)
    #expect(EventTime(seconds: .min, microseconds: 0).microseconds == .min)
    #expect((EventTime(microseconds: .max) + 5).microseconds == .max)
    // Printing the spool's Int64.min time (issue 12) trapped in subsecondMicroseconds.
    #expect(EventTime(microseconds: .min).description == "-9223372036855.224192")
    #expect(EventTime(microseconds: .max).description == "9223372036854.775807")
    #expect(EventTime(microseconds: -1).description == "-1.999999")
}
