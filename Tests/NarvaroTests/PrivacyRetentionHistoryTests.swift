// Retention on randomized histories: every report (each filter, role set, --by, trend) and every
// export of a folded period is identical before and after retention and after `stats rebuild`;
// `stats verify` passes; figures that cannot be kept are refused, never printed wrong.
@testable import NarvaroCore
@testable import NarvaroDesk
@testable import NarvaroDaemon
@testable import NarvaroCLI
@testable import NarvaroCommands
@testable import NarvarodCommands
@testable import NarvaroBench
import Foundation
import Testing

@Suite struct PrivacyRetentionHistoryTests {
    /// A figure of every report shape, as comparable text.
    struct Shot: Equatable { var key: String; var value: String }

    static let today = LocalDate(unchecked: 2025, 12, 20)   // horizon 2024-11-15, cutoff 2024-07-01 (Mon)

    /// Two venues, four activities (two organizers, grant rules), twenty visitors of every role,
    /// gender and age, and random swipes from April 2024 to February 2025 on five readers, one of
    /// them at one venue recording the other's activity.
    static func history(seed: UInt64) throws -> TestDatabase {
        var random = NarvaroBench.SeededRandom(seed: seed)
        let db = try TestDatabase()
        let store = db.store
        try store.addVenue(slug: "tingshuset", name: "Gamla Tingshuset")
        try store.addVenue(slug: "hamnen", name: "Hamnen")
        let activities = [("laxhjalp", "tingshuset", "Läxhjälp", "Hej främling!", GrantRules(minParticipants: 3, minAge: 8, maxAge: 15, leaderRequired: true)),
                          ("kafe", "tingshuset", "Kafé", nil, GrantRules()),
                          ("kvall", "hamnen", "Kväll", "Hej främling!", GrantRules(minParticipants: 2)),
                          ("musik", "hamnen", "Musik", "Kulturskolan", GrantRules(minMinutes: 60))]
        for (index, (slug, venue, name, organizer, grant)) in activities.enumerated() {
            try store.addActivity(slug: slug, venue: venue, name: name, organizer: organizer, grant: grant)
            var settings = ReaderSettings()
            settings.venue = venue
            settings.fixedActivity = "\(venue)/\(slug)"
            settings.cooldownSeconds = 0
            try store.addReader(name: "r\(index)", settings: settings)
        }
        // A reader at Hamnen fixed to Tingshuset's café: its check-ins are Hamnen's, the activity Tingshuset's.
        var crossing = ReaderSettings()
        crossing.venue = "hamnen"
        crossing.fixedActivity = "tingshuset/kafe"
        crossing.cooldownSeconds = 0
        try store.addReader(name: "r4", settings: crossing)
        let enrolled = TestDatabase.time("2024-03-01T12:00:00+01:00")
        for card in 0..<20 {
            let details = VisitorDetails(nickname: "v\(card)", birthYear: card % 5 == 0 ? nil : 1950 + Int.random(in: 0...65, using: &random),
                                         gender: Gender.allCases.randomElement(using: &random), role: card < 14 ? .participant : card < 17 ? .volunteer : .staff)
            _ = try store.addVisitor(details, card: String(format: "%04d", card), format: .raw, now: enrolled, currentYear: 2024)
        }
        var day = LocalDate(unchecked: 2024, 4, 1)
        while day <= LocalDate(unchecked: 2025, 2, 28) {
            for _ in 0..<Int.random(in: 0...6, using: &random) {
                let card = String(format: "%04d", Int.random(in: 0..<22, using: &random))   // 20, 21: unknown cards
                let reader = "r\(Int.random(in: 0..<5, using: &random))"
                let minute = Int.random(in: 0..<600, using: &random)
                let time = EventTime(microseconds: try VenueClock(identifier: "Europe/Stockholm").startOfDay(day).microseconds + Int64(600 + minute) * 60_000_000)
                _ = try db.recorder.record(Swipe(reader: reader, card: card, time: time))
            }
            day = day.adding(days: 1)
        }
        return db
    }

    /// Every week, month and half-year that retention folds at `today`.
    static func foldedPeriods() -> [Period] {
        Store.periods(from: LocalDate(unchecked: 2024, 4, 1), before: LocalDate(unchecked: 2024, 11, 15))
    }

    static func shots(_ store: Store, periods: [Period]) throws -> [Shot] {
        var shots: [Shot] = []
        let scopes: [(String?, String?, String?)] = [(nil, nil, nil), ("tingshuset", nil, nil), ("hamnen", nil, nil), (nil, "tingshuset/laxhjalp", nil),
                                                     (nil, "hamnen/kvall", nil), (nil, nil, "Hej främling!"), ("hamnen", nil, "Hej främling!"),
                                                     (nil, "hamnen/musik", "Kulturskolan"), (nil, "tingshuset/kafe", nil),
                                                     ("hamnen", "tingshuset/kafe", nil), ("tingshuset", "tingshuset/kafe", nil),
                                                     ("tingshuset", "tingshuset/laxhjalp", nil)]
        for period in periods {
            for (venue, activity, organizer) in scopes {
                for roles in foldedRoleSets {
                    let request = ReportRequest(period: period, venue: venue, activity: activity, organizer: organizer, roles: roles)
                    let key = "\(period.label) \(venue ?? "-") \(activity ?? "-") \(organizer ?? "-") \(roles.map(\.rawValue).sorted())"
                    shots.append(Shot(key: key, value: "\(try store.attendance(request))"))
                    shots.append(Shot(key: key + " trends", value: "\(try store.trends(request))"))
                    for by in Breakdown.allCases {
                        shots.append(Shot(key: key + " by \(by)", value: "\(try store.breakdown(request, by: by))"))
                    }
                }
            }
            for venue in [nil, "hamnen", "tingshuset"] as [String?] {
                for organizer in [nil, "Hej främling!"] as [String?] {
                    for language in [Lang.sv, .en] {
                        let request = ExportRequest(period: period, venue: venue, organizer: organizer, exportedBy: "test@host",
                                                    exportedAt: "2025-12-20T12:00:00+01:00", language: language)
                        let document = try store.exportDocument(request)
                        shots.append(Shot(key: "\(period.label) export \(venue ?? "-") \(organizer ?? "-") \(language)", value: "\(document)"))
                    }
                }
            }
        }
        return shots
    }

    static func compare(_ before: [Shot], _ after: [Shot], seed: UInt64, stage: String) {
        #expect(before.count == after.count, "seed \(seed) \(stage)")
        for (a, b) in zip(before, after) where a != b {
            Issue.record("seed \(seed) \(stage): \(a.key) differs\n  before: \(a.value)\n  after:  \(b.value)")
            return
        }
    }

    @Test(arguments: [1, 7, 42, 2024, 31337] as [UInt64])
    func foldedReportsAndExportsStayIdentical(seed: UInt64) throws {
        let db = try Self.history(seed: seed)
        let periods = Self.foldedPeriods()
        #expect(periods.contains(.half(year: 2024, half: 1)) && periods.contains(.month(year: 2024, month: 10)), "seed \(seed)")
        let before = try Self.shots(db.store, periods: periods)
        #expect(try db.store.verifyStatistics().isEmpty, "seed \(seed)")

        let summary = try db.store.runRetention(today: Self.today, now: TestDatabase.time("2025-12-20T12:00:00+01:00"))
        #expect(summary.deletedBefore == "2024-07-01" && summary.visits > 0, "seed \(seed)")
        #expect(try db.store.db.scalar("SELECT count(*) FROM visits WHERE local_day < \(LocalDate(unchecked: 2024, 7, 1).dayNumber)") == 0)
        #expect(try db.store.verifyStatistics() == [], "seed \(seed): verify must pass right after retention")
        Self.compare(before, try Self.shots(db.store, periods: periods), seed: seed, stage: "after retention")

        let dayTotals = try db.store.db.scalar("SELECT count(*) FROM day_totals")
        try db.store.rebuildStatistics()
        #expect(try db.store.db.scalar("SELECT count(*) FROM day_totals") == dayTotals, "seed \(seed): rebuild keeps folded day totals")
        #expect(try db.store.verifyStatistics() == [], "seed \(seed)")
        Self.compare(before, try Self.shots(db.store, periods: periods), seed: seed, stage: "after rebuild")

        // A second run later folds more; what was folded before stays as it was.
        _ = try db.store.runRetention(today: LocalDate(unchecked: 2026, 2, 20), now: TestDatabase.time("2026-02-20T12:00:00+01:00"))
        #expect(try db.store.verifyStatistics() == [], "seed \(seed)")
        Self.compare(before, try Self.shots(db.store, periods: periods), seed: seed, stage: "after a second retention")
    }

    /// A database folded before snapshots kept an activity's venue as asked (session 11) holds an
    /// activity's reports under its own venue only; a report without --venue still finds them there.
    @Test func anActivityFoldedUnderItsOwnVenueIsStillFound() throws {
        let db = try Self.history(seed: 5)
        let request = ReportRequest(period: .month(year: 2024, month: 5), activity: "tingshuset/laxhjalp")
        let before = "\(try db.store.attendance(request))"
        _ = try db.store.runRetention(today: Self.today, now: TestDatabase.time("2025-12-20T12:00:00+01:00"))
        let activity = try db.store.activity(named: "tingshuset/laxhjalp", venue: nil).id
        let removed = try db.store.db.run("DELETE FROM folded_reports WHERE scope LIKE '%;venue=0;activity=' || ?1 || ';%'", activity)
        #expect(removed > 0, "the keys without a venue are gone, as in an older database")
        #expect(try db.store.db.scalar("SELECT count(*) FROM folded_reports WHERE period = '2024-05' AND scope LIKE '%;activity=' || \(activity) || ';%'") > 0)
        #expect("\(try db.store.attendance(request))" == before)
    }

    /// An activity another venue's reader recorded before its own venue's did, or only just after the
    /// period's end but within its last ISO week: the trailing average counts weeks from the first
    /// check-in under the filter and runs to that week's Sunday, and the folded report keeps both.
    @Test func aCrossVenueActivityKeepsItsTrailingAverageWhenFolded() throws {
        let db = try TestDatabase()
        let store = db.store
        try store.addVenue(slug: "tingshuset", name: "Gamla Tingshuset")
        try store.addVenue(slug: "hamnen", name: "Hamnen")
        try store.addActivity(slug: "kafe", venue: "tingshuset", name: "Kafé", organizer: nil)
        try store.addActivity(slug: "musik", venue: "tingshuset", name: "Musik", organizer: nil)
        for (reader, venue, activity) in [("t", "tingshuset", "tingshuset/kafe"), ("h", "hamnen", "tingshuset/kafe"),
                                          ("m", "tingshuset", "tingshuset/musik"), ("hm", "hamnen", "tingshuset/musik")] {
            var settings = ReaderSettings()
            settings.venue = venue
            settings.fixedActivity = activity
            settings.cooldownSeconds = 0
            try store.addReader(name: reader, settings: settings)
        }
        for card in 0..<4 {
            _ = try store.addVisitor(VisitorDetails(nickname: "v\(card)", birthYear: 2008, gender: .woman, role: .participant),
                                     card: "000\(card)", format: .raw, now: TestDatabase.time("2024-03-01T12:00:00+01:00"), currentYear: 2024)
        }
        // Kafé: at Hamnen first (2 April), at Tingshuset from 11 June (outside the window of June's
        // weeks, Hamnen's swipe still sets how many weeks Kafé's average is over). Musik: at Tingshuset
        // in May, at Hamnen once on Saturday 1 June, after May's end but in its last ISO week.
        let swipes = [("h", "0000", "2024-04-02"), ("t", "0001", "2024-06-11"), ("t", "0002", "2024-06-12"), ("t", "0003", "2024-06-13"),
                      ("m", "0000", "2024-05-07"), ("m", "0001", "2024-05-21"), ("hm", "0002", "2024-06-01")]
        for (reader, card, day) in swipes {
            _ = try db.swipe(card, at: "\(day)T16:00:00+02:00", reader: reader)
        }
        let periods: [Period] = [.week(ISOWeek(containing: LocalDate(unchecked: 2024, 6, 12))), .week(ISOWeek(containing: LocalDate(unchecked: 2024, 5, 31))),
                                 .month(year: 2024, month: 5), .month(year: 2024, month: 6), .half(year: 2024, half: 1)]
        let scopes: [(String?, String?)] = [(nil, "tingshuset/kafe"), ("hamnen", "tingshuset/kafe"), ("tingshuset", "tingshuset/kafe"),
                                            (nil, "tingshuset/musik"), ("tingshuset", "tingshuset/musik"), ("hamnen", "tingshuset/musik"),
                                            ("hamnen", nil), ("tingshuset", nil)]
        func shots() throws -> [Shot] {
            try periods.flatMap { period in
                try scopes.flatMap { venue, activity in
                    let request = ReportRequest(period: period, venue: venue, activity: activity, roles: [.participant])
                    let key = "\(period.label) \(venue ?? "-") \(activity ?? "-")"
                    return [Shot(key: key, value: "\(try store.attendance(request))"), Shot(key: key + " trends", value: "\(try store.trends(request))")]
                }
            }
        }
        let before = try shots()
        _ = try store.runRetention(today: Self.today, now: TestDatabase.time("2025-12-20T12:00:00+01:00"))
        #expect(try store.db.scalar("SELECT count(*) FROM visits WHERE local_day < \(LocalDate(unchecked: 2024, 7, 1).dayNumber)") == 0)
        Self.compare(before, try shots(), seed: 0, stage: "cross-venue trailing average")
    }

    @Test func perPersonFiguresOfDeletedDaysAreRefusedNotWrong() throws {
        let db = try Self.history(seed: 3)
        let week = try db.store.attendance(ReportRequest(period: .week(ISOWeek(containing: LocalDate(unchecked: 2024, 6, 12)))))
        #expect(week.total.uniqueVisitors > 0)
        let day = Period.day(LocalDate(unchecked: 2024, 6, 12))
        let range = Period.range(LocalDate(unchecked: 2024, 6, 3), LocalDate(unchecked: 2024, 6, 20))
        let visitsBefore = try [day, range].map { try db.store.attendance(ReportRequest(period: $0)).total.visits }
        _ = try db.store.runRetention(today: Self.today, now: TestDatabase.time("2025-12-20T12:00:00+01:00"))
        for period in [day, range] {
            for action in [{ _ = try db.store.attendance(ReportRequest(period: period)) },
                           { _ = try db.store.breakdown(ReportRequest(period: period), by: .gender) },
                           { _ = try db.store.exportDocument(ExportRequest(period: period, exportedBy: "t", exportedAt: "t")) }] {
                let error = #expect(throws: StoreError.self) { try action() }
                #expect("\(error.map { "\($0)" } ?? "")".contains("not available for folded periods"))
            }
        }
        #expect(try [day, range].map { try db.store.visitTotal(ReportRequest(period: $0), $0) } == visitsBefore)
        // A half-year not folded whose previous half and 4 weeks before were deleted: no figure rather than a wrong one.
        let trends = try db.store.trends(ReportRequest(period: .half(year: 2024, half: 2)))
        #expect(trends.returningVisitors == nil && trends.lapsedVisitors == nil)
        let live = try db.store.trends(ReportRequest(period: .week(ISOWeek(containing: LocalDate(unchecked: 2025, 2, 12)))))
        #expect(live.returningVisitors != nil && live.lapsedVisitors != nil)
    }
}
