// Who came to what: attribution order, duplicates, revoked cards, enrolment and card formats.
@testable import NarvaroCore
@testable import NarvaroDesk
@testable import NarvaroDaemon
@testable import NarvaroCLI
@testable import NarvaroCommands
@testable import NarvarodCommands
@testable import NarvaroBench
import Foundation
import Testing

@Suite struct CheckInRulesTests {
    let now = TestDatabase.time("2026-11-01T10:00:00+01:00")

    func venueWithActivities(_ db: TestDatabase) throws {
        try db.standardVenue()
        try db.store.addActivity(slug: "laxhjalp", venue: "tingshuset", name: "Läxhjälp", organizer: "Hej främling!")
        try db.store.addActivity(slug: "sprakcafe", venue: "tingshuset", name: "Språkcafé", organizer: "Biblioteket")
        try db.store.addActivity(slug: "spel", venue: "tingshuset", name: "Spelkväll", organizer: nil)
    }

    func slot(_ db: TestDatabase, _ activity: String, _ day: String, _ range: String) throws {
        try db.store.addSlot(activity: db.store.activity(named: activity), timing: SlotTiming.parseWeekly(day: day, range: range, from: nil, until: nil))
    }

    @Test func attributionOrderActivityCardThenFixedThenScheduleThenDropIn() throws {
        let db = try TestDatabase()
        try venueWithActivities(db)
        // No schedule, no fixed activity: drop-in.
        #expect(try db.swipe("0001", at: "2026-11-17T12:00:00+01:00").attribution == .dropIn)
        // A scheduled slot (Tuesday 15-18) wins over drop-in.
        try slot(db, "laxhjalp", "tue", "15:00-18:00")
        let scheduled = try db.swipe("0002", at: "2026-11-17T15:30:00+01:00")
        #expect(scheduled.activity == "laxhjalp" && scheduled.attribution == .schedule)
        // A fixed activity on the reader wins over the schedule.
        var settings = ReaderSettings()
        settings.fixedActivity = "spel"
        _ = try db.store.editReader(name: "entre", settings: settings)
        let fixed = try db.swipe("0003", at: "2026-11-17T15:40:00+01:00")
        #expect(fixed.activity == "spel" && fixed.attribution == .fixed)
        // An activity card wins over everything, until its slot ends (no slot: 4 hours).
        try db.store.addActivityCard("AC01", activity: db.store.activity(named: "sprakcafe"), now: now)
        #expect(try db.swipe("AC01", at: "2026-11-17T15:45:00+01:00").outcome == .activity)
        let switched = try db.swipe("0004", at: "2026-11-17T15:50:00+01:00")
        #expect(switched.activity == "sprakcafe" && switched.attribution == .activityCard)
        let expired = try db.swipe("0005", at: "2026-11-17T19:46:00+01:00")
        #expect(expired.activity == "spel")
    }

    /// An archived activity is history: archiving it ends readers' switches to it, and its activity
    /// card's swipe is recorded without moving the reader.
    @Test func anArchivedActivityNoLongerTakesTheReader() throws {
        let db = try TestDatabase()
        try venueWithActivities(db)
        var settings = ReaderSettings()
        settings.fixedActivity = "spel"
        _ = try db.store.editReader(name: "entre", settings: settings)
        try db.store.addActivityCard("AC01", activity: db.store.activity(named: "sprakcafe"), now: now)
        #expect(try db.swipe("AC01", at: "2026-11-17T15:00:00+01:00").outcome == .activity)
        #expect(try db.swipe("0001", at: "2026-11-17T15:05:00+01:00").activity == "sprakcafe")
        #expect(try db.store.removeActivity(db.store.activity(named: "sprakcafe")), "archived: check-ins and a card refer to it")
        let after = try db.swipe("0002", at: "2026-11-17T15:10:00+01:00")
        #expect(after.activity == "spel" && after.attribution == .fixed, "the switch ended with the activity")
        let card = try db.swipe("AC01", at: "2026-11-17T15:15:00+01:00")
        #expect(card.outcome == .activity && card.activity == "spel" && card.attribution == .fixed, "recorded; the reader stays")
        #expect(try db.swipe("0003", at: "2026-11-17T15:20:00+01:00").activity == "spel")
        // Restored, its card takes the reader again.
        var restored = try db.store.activity(named: "sprakcafe")
        restored.archived = false
        try db.store.editActivity(restored)
        #expect(try db.swipe("AC01", at: "2026-11-17T15:25:00+01:00").activity == "sprakcafe")
        #expect(try db.swipe("0004", at: "2026-11-17T15:30:00+01:00").activity == "sprakcafe")
    }

    /// A swipe recorded before comes back as it was, whichever way the recorder finds it: a known
    /// visitor card through its insert's unique swipe key (nothing written, the counts unchanged),
    /// an activity card before it switches the reader again (a later card's switch stays).
    @Test func aReplayedSwipeChangesNothingWhateverItsCard() throws {
        let db = try TestDatabase()
        try venueWithActivities(db)
        try db.store.addActivityCard("AC01", activity: db.store.activity(named: "sprakcafe"), now: now)
        try db.store.addActivityCard("AC02", activity: db.store.activity(named: "spel"), now: now)
        let visitor = try db.swipe("0001", at: "2026-11-17T15:00:00+01:00")
        let firstCard = try db.swipe("AC01", at: "2026-11-17T15:10:00+01:00")
        try db.swipe("AC02", at: "2026-11-17T15:20:00+01:00")
        let rows = try db.store.db.scalar("SELECT count(*) FROM checkins")
        let visitors = try db.store.db.scalar("SELECT count(*) FROM visitors")

        let visitorAgain = try db.swipe("0001", at: "2026-11-17T15:00:00+01:00")
        #expect(!visitorAgain.isNew && visitorAgain.id == visitor.id && visitorAgain.outcome == visitor.outcome)
        let cardAgain = try db.swipe("AC01", at: "2026-11-17T15:10:00+01:00")
        #expect(!cardAgain.isNew && cardAgain.id == firstCard.id)
        #expect(try db.store.db.scalar("SELECT count(*) FROM checkins") == rows)
        #expect(try db.store.db.scalar("SELECT count(*) FROM visitors") == visitors)
        #expect(try db.swipe("0002", at: "2026-11-17T15:30:00+01:00").activity == "spel", "the replayed AC01 switched the reader back")
    }

    @Test func overlappingSlotsGoToTheOneThatStartedLast() throws {
        let db = try TestDatabase()
        try venueWithActivities(db)
        try slot(db, "laxhjalp", "tue", "15:00-18:00")
        try slot(db, "sprakcafe", "tue", "16:00-17:00")
        let result = try db.swipe("0001", at: "2026-11-17T16:30:00+01:00")
        #expect(result.activity == "sprakcafe")
        #expect(result.attribution == .scheduleOverlap)
        #expect(try db.swipe("0002", at: "2026-11-17T17:30:00+01:00").activity == "laxhjalp")
    }

    @Test func aSlotAcrossMidnightHoldsAfterMidnight() throws {
        let db = try TestDatabase()
        try venueWithActivities(db)
        try slot(db, "spel", "fri", "22:00-02:00+1")
        #expect(try db.swipe("0001", at: "2026-11-21T00:30:00+01:00").activity == "spel") // Saturday 00:30
        #expect(try db.swipe("0002", at: "2026-11-21T02:30:00+01:00").activity == "drop-in")
    }

    @Test func aSlotOnTheDSTChangeSunday() throws {
        let db = try TestDatabase()
        try venueWithActivities(db)
        try slot(db, "spel", "sun", "01:00-04:00")
        // 02:30 CEST and 02:30 CET both fall in the slot on 2026-10-25.
        #expect(try db.swipe("0001", at: "2026-10-25T02:30:00+02:00").activity == "spel")
        #expect(try db.swipe("0002", at: "2026-10-25T02:30:00+01:00").activity == "spel")
        #expect(try db.swipe("0003", at: "2026-10-25T03:59:00+01:00").activity == "spel")
        #expect(try db.swipe("0004", at: "2026-10-25T04:01:00+01:00").activity == "drop-in")
    }

    @Test func duplicatesWithinTheCooldownAreRecordedButNotCounted() throws {
        let db = try TestDatabase()
        try db.standardVenue()
        #expect(try db.swipe("0001", at: "2026-11-17T15:00:00+01:00").outcome == .unknown)
        #expect(try db.swipe("0001", at: "2026-11-17T15:00:09+01:00").outcome == .duplicate)
        #expect(try db.swipe("0001", at: "2026-11-17T15:00:30+01:00").outcome == .unknown)
        #expect(try db.store.db.scalar("SELECT count(*) FROM checkins") == 3)
        #expect(try db.store.attendance(ReportRequest(period: Period.parse("2026-W47"))).total.visits == 1)
    }

    @Test func revokedCardsAreRecordedAsRevokedAndNotCounted() throws {
        let db = try TestDatabase()
        try db.standardVenue()
        _ = try db.store.addVisitor(VisitorDetails(nickname: "Amir"), card: "0777", format: .raw, now: now, currentYear: 2026)
        #expect(try db.swipe("0777", at: "2026-11-16T15:00:00+01:00").outcome == .counted)
        try db.store.revokeCard("0777", now: now)
        #expect(try db.swipe("0777", at: "2026-11-17T15:00:00+01:00").outcome == .revoked)
        #expect(try db.store.attendance(ReportRequest(period: Period.parse("2026-W47"))).total.visits == 1)
    }

    @Test func enrolmentMovesEarlierCheckInsAndTheirCounts() throws {
        let db = try TestDatabase()
        try db.standardVenue()
        let amir = try db.store.addVisitor(VisitorDetails(nickname: "Amir", birthYear: 2008, gender: .man), card: "0100", format: .raw, now: now, currentYear: 2026)
        try db.swipe("0100", at: "2026-11-16T15:00:00+01:00")
        // Amir's second card, swiped before anyone knew it was his, on the same day and the next.
        try db.swipe("0200", at: "2026-11-16T16:00:00+01:00")
        try db.swipe("0200", at: "2026-11-17T16:00:00+01:00")
        let before = try db.store.attendance(ReportRequest(period: Period.parse("2026-W47")))
        #expect(before.total == AttendanceFigures(visits: 3, uniqueVisitors: 2, newVisitors: 2))
        let merged = try db.store.enrolLast(reader: "entre", details: VisitorDetails(), existingCode: amir.code, currentYear: 2026)
        #expect(merged.id == amir.id)
        let after = try db.store.attendance(ReportRequest(period: Period.parse("2026-W47")))
        #expect(after.total == AttendanceFigures(visits: 2, uniqueVisitors: 1, newVisitors: 1))
        #expect(try db.store.verifyStatistics().isEmpty)
        #expect(try db.store.checkIns(CheckInFilter()).allSatisfy { $0.visitorCode == amir.code })
    }

    @Test func enrollingANewVisitorKeepsTheCountsAndFillsDetails() throws {
        let db = try TestDatabase()
        try db.standardVenue()
        try db.swipe("0300", at: "2026-11-17T15:00:00+01:00")
        let visitor = try db.store.enrolLast(reader: nil, details: VisitorDetails(nickname: "Sara", birthYear: 2009, gender: .woman), existingCode: nil, currentYear: 2026)
        #expect(visitor.enrolled && visitor.nickname == "Sara")
        #expect(try db.swipe("0300", at: "2026-11-18T15:00:00+01:00").outcome == .counted)
        let totals = try db.store.db.query("SELECT gender, age_band, sum(visits) FROM day_totals GROUP BY gender, age_band")
        #expect(totals.count == 1 && totals[0].string(0) == "woman" && totals[0].string(1) == "16-19" && totals[0].int(2) == 2)
        #expect(try db.store.verifyStatistics().isEmpty)
    }

    @Test func theSameCardThroughTwoReadersWithDifferentFormatsIsOneVisitor() throws {
        let db = try TestDatabase()
        try db.standardVenue(format: .decimal10)
        var hex = ReaderSettings()
        hex.venue = "tingshuset"
        hex.cardFormat = .hex
        try db.store.addReader(name: "cafe", settings: hex)
        let first = try db.swipe("0563537489", at: "2026-11-17T15:00:00+01:00", reader: "entre")
        let second = try db.swipe("51E69621", at: "2026-11-17T15:05:00+01:00", reader: "cafe")
        #expect(first.visitorCode == second.visitorCode)
        #expect(try db.store.attendance(ReportRequest(period: Period.parse("2026-W47"))).total.uniqueVisitors == 1)
    }

    @Test func badCardTextForTheReadersFormatIsRejectedNotRecorded() throws {
        let db = try TestDatabase()
        try db.standardVenue(format: .decimal10)
        #expect(throws: StoreError.self) { try db.swipe("12AB", at: "2026-11-17T15:00:00+01:00") }
        #expect(try db.store.db.scalar("SELECT count(*) FROM checkins") == 0)
    }

    @Test func badInputLeavesNothingChanged() throws {
        let db = try TestDatabase()
        try db.standardVenue()
        #expect(throws: StoreError.duplicate(kind: "venue", name: "tingshuset")) { try db.store.addVenue(slug: "tingshuset", name: "Igen") }
        #expect(throws: (any Error).self) { try db.store.addVenue(slug: "Bad Slug", name: "x") }
        #expect(throws: (any Error).self) { try db.store.addVenue(slug: "ny", name: "x", timeZone: "Mars/Olympus") }
        #expect(throws: (any Error).self) {
            _ = try db.store.addVisitor(VisitorDetails(birthYear: 2031), card: nil, format: .raw, now: now, currentYear: 2026)
        }
        #expect(try db.store.venues().count == 1)
        #expect(try db.store.visitors().isEmpty)
    }

    @Test func aVisitorWithCheckInsIsForgottenNotRemoved() throws {
        let db = try TestDatabase()
        try db.standardVenue()
        let quiet = try db.store.addVisitor(VisitorDetails(nickname: "Ny"), card: "0900", format: .raw, now: now, currentYear: 2026)
        let seen = try db.store.addVisitor(VisitorDetails(nickname: "Sedd"), card: "0901", format: .raw, now: now, currentYear: 2026)
        try db.swipe("0901", at: "2026-11-17T15:00:00+01:00")
        #expect(try db.store.removeVisitor(code: quiet.code) == quiet.code)
        #expect(try db.store.cardList(visitor: nil).map(\.holder) == [seen.code])
        #expect(throws: StoreError.self) { _ = try db.store.removeVisitor(code: seen.code) }
        #expect(try db.store.visitor(code: seen.code).nickname == "Sedd")
    }
}
