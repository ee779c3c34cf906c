// Right of access and erasure: `visitor show --all` holds everything, `forget` leaves no trace of
// the person or their card while the anonymous day totals keep their counts.
@testable import NarvaroCore
@testable import NarvaroDesk
@testable import NarvaroDaemon
@testable import NarvaroCLI
@testable import NarvaroCommands
@testable import NarvarodCommands
@testable import NarvaroBench
import Foundation
import Testing

@Suite struct PrivacyForgetTests {
    @Test func forgettingKeepsTheAnonymousTotalsAndRemovesEveryTraceOfTheCard() throws {
        let db = try TestDatabase()
        try db.standardVenue()
        let now = TestDatabase.time("2026-11-01T10:00:00+01:00")
        let amir = try db.store.addVisitor(VisitorDetails(nickname: "Amir", birthYear: 2008, gender: .man), card: "0563537489", format: .raw, now: now, currentYear: 2026)
        try db.swipe("0563537489", at: "2026-11-17T15:00:00+01:00")
        try db.swipe("0563537489", at: "2026-11-18T15:00:00+01:00")
        try db.swipe("0000000002", at: "2026-11-18T15:10:00+01:00")
        let cardHash = try db.store.hasher().hash(CardFormat.raw.canonicalCard("0563537489"))
        let totalsBefore = try db.store.db.query("SELECT local_day, role, gender, age_band, visits, new_visitors FROM day_totals ORDER BY 1, 2, 3, 4").map(\.values)
        let visitsBefore = try db.store.attendance(ReportRequest(period: Period.parse("2026-W47"))).total.visits

        let record = try db.store.record(ofVisitor: amir.code)
        #expect(record.checkIns.count == 2 && record.cards.count == 1 && record.visitor.nickname == "Amir")

        let summary = try db.store.forget(code: amir.code)
        #expect(summary == ForgetSummary(visitor: amir.code, checkIns: 2, cards: 1, visits: 2))
        #expect(throws: StoreError.self) { _ = try db.store.visitor(code: amir.code) }
        #expect(try db.store.db.queryOne("SELECT 1 FROM cards WHERE card_hash = ?1", cardHash) == nil)
        #expect(try db.store.db.scalar("SELECT count(*) FROM checkins") == 1)
        let totalsAfter = try db.store.db.query("SELECT local_day, role, gender, age_band, visits, new_visitors FROM day_totals ORDER BY 1, 2, 3, 4").map(\.values)
        #expect(totalsAfter == totalsBefore)
        #expect(try db.store.attendance(ReportRequest(period: Period.parse("2026-W47"))).total.visits == visitsBefore)
        #expect(try db.store.verifyStatistics().isEmpty)

        // secure_delete zeroes freed content, so not even the hash is left in the file.
        try db.store.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        let bytes = try Data(contentsOf: URL(fileURLWithPath: db.path))
        #expect(bytes.range(of: Data(cardHash)) == nil)
        // The card, swiped again, is a stranger.
        #expect(try db.swipe("0563537489", at: "2026-11-19T15:00:00+01:00").outcome == .unknown)
    }
}
