import Testing
@testable import Narvaro

@Test func eventTimeFormatsLikeEvemu() {
    #expect(EventTime(seconds: 12, microseconds: 5).description == "12.000005")
    #expect(EventTime(seconds: 1_700_000_000, microseconds: 123_456).seconds == 1_700_000_000)
    #expect(EventTime(microseconds: 1_500_000) < EventTime(microseconds: 1_500_001))
}
