// The incremental statistics equal a full recomputation after any mix of swipes, duplicates,
// enrolments, merges, edits and revocations; and a broken aggregate is detected.
@testable import NarvaroCore
@testable import NarvaroDesk
@testable import NarvaroDaemon
@testable import NarvaroCLI
@testable import NarvaroCommands
@testable import NarvarodCommands
@testable import NarvaroBench
import Foundation
import Testing

@Suite struct StatisticsAuditTests {
    struct SeededGenerator: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return state ^ (state >> 29)
        }
    }

    @Test(arguments: [1, 2, 3, 4, 5] as [UInt64])
    func incrementalAggregatesEqualARecomputation(seed: UInt64) throws {
        var rng = SeededGenerator(state: seed)
        let db = try TestDatabase()
        try db.standardVenue()
        try db.store.addActivity(slug: "laxhjalp", venue: "tingshuset", name: "Läxhjälp", organizer: nil)
        try db.store.addSlot(activity: db.store.activity(named: "laxhjalp"),
                             timing: SlotTiming.parseWeekly(day: "tue", range: "15:00-18:00", from: nil, until: nil))
        let cards = (0..<12).map { String(format: "%06d", $0 * 7919) }
        var time = TestDatabase.time("2026-10-20T14:00:00+02:00").microseconds
        for step in 0..<150 {
            // Mostly minutes apart, sometimes seconds (duplicates), sometimes days.
            let gap: Int64 = [3_000_000, 600_000_000, 3_600_000_000, 86_400_000_000][Int.random(in: 0..<4, using: &rng)]
            time += gap
            let card = cards[Int.random(in: 0..<cards.count, using: &rng)]
            _ = try db.recorder.record(Swipe(reader: "entre", card: card, time: EventTime(microseconds: time)))
            switch Int.random(in: 0..<20, using: &rng) {
            case 0:
                let visitors = try db.store.visitors()
                let target = visitors.isEmpty || Bool.random(using: &rng) ? nil : visitors.randomElement(using: &rng)?.code
                _ = try? db.store.enrolLast(reader: nil, details: VisitorDetails(nickname: "v\(step)", birthYear: Int.random(in: 1990...2015, using: &rng),
                                                                                   gender: Gender.allCases.randomElement(using: &rng)),
                                             existingCode: target, currentYear: 2026)
            case 1:
                if let visitor = try db.store.visitors().randomElement(using: &rng) {
                    _ = try db.store.editVisitor(code: visitor.code, details: VisitorDetails(role: Role.allCases.randomElement(using: &rng)), currentYear: 2026)
                }
            case 2:
                try? db.store.revokeCard(card, now: EventTime(microseconds: time))
            default:
                break
            }
        }
        let differences = try db.store.verifyStatistics()
        #expect(differences.isEmpty, "\(differences.prefix(5))")
        #expect(try db.store.db.scalar("SELECT count(*) FROM checkins WHERE outcome = 'duplicate'") > 0)
    }

    @Test func aDamagedAggregateIsReportedAndRebuildRepairsIt() throws {
        let db = try TestDatabase()
        try db.standardVenue()
        try db.swipe("0001", at: "2026-11-17T15:00:00+01:00")
        try db.swipe("0002", at: "2026-11-17T15:05:00+01:00")
        try db.store.db.run("UPDATE day_totals SET visits = visits + 1")
        let differences = try db.store.verifyStatistics()
        #expect(differences.count == 1)
        #expect(differences.first?.table == "day_totals")
        try db.store.rebuildStatistics()
        #expect(try db.store.verifyStatistics().isEmpty)
    }
}
