// Attacks on SETS of overlapping exports (docs/suppression.md, "Overlapping exports"): a half-year
// and five of its months, a month and its weeks. Against the default suppression the attacker gets
// hidden counts exactly; against `--protect cell-key` every count it works out has several values.
@testable import NarvaroCore
import Foundation
import Testing

@Suite struct ExportOverlapAttackerTests {
    let now = TestDatabase.time("2026-06-01T10:00:00+02:00")

    /// One activity in 2026-H2. July–October: five new persons a month, twice each. November: five
    /// new persons on 3, 10 and 17 Nov (weeks 45–47), one of them again on Monday 30 Nov (week 49).
    /// December: one new person, twice. So December has 2 visits and 1 new participant, and
    /// November has 1 visit outside its whole weeks: the numbers the attacker is after.
    func halfYear() throws -> TestDatabase {
        let db = try TestDatabase()
        try db.standardVenue()
        var n = 0
        func person() throws -> String {
            n += 1
            let card = String(format: "P%03d", n)
            _ = try db.store.addVisitor(VisitorDetails(nickname: nil, birthYear: 2000 + n % 10), card: card, format: .raw, now: now, currentYear: 2026)
            return card
        }
        for month in ["07", "08", "09", "10"] {
            for _ in 0..<5 {
                let card = try person()
                for day in ["08", "15"] { try db.swipe(card, at: "2026-\(month)-\(day)T15:00:00+02:00") }
            }
        }
        var november: [String] = []
        for _ in 0..<5 { november.append(try person()) }
        for day in ["03", "10", "17"] { for card in november { try db.swipe(card, at: "2026-11-\(day)T15:00:00+01:00") } }
        try db.swipe(november[0], at: "2026-11-30T15:00:00+01:00")
        let december = try person()
        for day in ["08", "15"] { try db.swipe(december, at: "2026-12-\(day)T15:00:00+01:00") }
        return db
    }

    func export(_ db: TestDatabase, _ period: String, _ protection: ExportProtection) throws -> PublishedExport {
        try PublishedExport(db.store.exportDocument(ExportRequest(
            period: try Period.parse(period), exportedBy: "t@h", exportedAt: "2027-01-10T10:00:00+01:00", protection: protection)))
    }

    /// The activities table's figure in `column` ("visits", "new", ...) of the only activity; 0
    /// when the period had no visits (the table has no rows then).
    func figure(_ export: PublishedExport, _ column: String) throws -> PublishedCount {
        let table = try #require(export.sections.first { $0.id == "activities" }?.table)
        if table.cells.isEmpty { return .value(0) }
        let c = try #require(table.columnLabels.firstIndex(of: column))
        return try #require(table.cells.first?[c])
    }

    /// What a reader who knows the method (not the keys) can say about a published count: exact
    /// under suppression (nil when hidden); the true count within ±maxNoise under cell-key.
    func candidates(_ count: PublishedCount, _ protection: ExportProtection, minCell: Int = 5) -> ClosedRange<Int>? {
        switch (protection, count) {
        case (.suppression, .value(let v)): return v...v
        case (.suppression, .suppressed): return nil
        case (.cellKey, .value(let v)) where v == 0: return 0...0
        case (.cellKey, .value(let v)):
            let d = PerturbationTable.standard.maxNoise
            return max(1, v - d)...(v + d)
        case (.cellKey, .suppressed): return 1...(minCell - 1 + PerturbationTable.standard.maxNoise)
        }
    }

    /// The values of `whole − Σ parts` consistent with the published counts, or nil if a part is hidden.
    func difference(_ whole: PublishedCount, _ parts: [PublishedCount], _ protection: ExportProtection) -> Set<Int>? {
        guard let w = candidates(whole, protection) else { return nil }
        var low = w.lowerBound, high = w.upperBound
        for part in parts {
            guard let p = candidates(part, protection) else { return nil }
            low -= p.upperBound
            high -= p.lowerBound
        }
        return Set(max(0, low)...max(0, high))
    }

    @Test func suppressionAloneLosesToAHalfYearAndFiveOfItsMonths() throws {
        let db = try halfYear()
        let december = try export(db, "2026-12", .suppression)
        #expect(try figure(december, "visits") == .suppressed(primary: true), "December on its own hides its 2 visits")
        #expect(try figure(december, "new") == .suppressed(primary: true))
        let half = try export(db, "2026-H2", .suppression)
        let months = try ["2026-07", "2026-08", "2026-09", "2026-10", "2026-11"].map { try export(db, $0, .suppression) }
        #expect(difference(try figure(half, "visits"), try months.map { try figure($0, "visits") }, .suppression) == [2])
        #expect(difference(try figure(half, "new"), try months.map { try figure($0, "new") }, .suppression) == [1])
        // The weekly table of the half-year gives December's weeks away just as well.
        let weekly = try #require(half.weeklyVisits?.table)
        let w50 = try #require(weekly.columnLabels.firstIndex(of: "2026-W50"))
        #expect(weekly.cells[0][w50].isSuppressed, "within one export the small week is hidden")
    }

    @Test func suppressionAloneLosesToAMonthAndItsWeeks() throws {
        let db = try halfYear()
        let month = try export(db, "2026-11", .suppression)
        let weeks = try ["2026-W45", "2026-W46", "2026-W47", "2026-W48"].map { try export(db, $0, .suppression) }
        #expect(difference(try figure(month, "visits"), try weeks.map { try figure($0, "visits") }, .suppression) == [1],
                "November minus its whole weeks is the one visit on 30 November")
    }

    @Test func cellKeyLeavesEveryDifferenceAmbiguous() throws {
        let db = try halfYear()
        let half = try export(db, "2026-H2", .cellKey)
        let months = try ["2026-07", "2026-08", "2026-09", "2026-10", "2026-11"].map { try export(db, $0, .cellKey) }
        let month = try export(db, "2026-11", .cellKey)
        let weeks = try ["2026-W45", "2026-W46", "2026-W47", "2026-W48"].map { try export(db, $0, .cellKey) }
        let attacks: [(String, PublishedCount, [PublishedCount], Int)] = [
            ("December visits from H2 − Jul…Nov", try figure(half, "visits"), try months.map { try figure($0, "visits") }, 2),
            ("December new from H2 − Jul…Nov", try figure(half, "new"), try months.map { try figure($0, "new") }, 1),
            ("30 Nov visits from Nov − W45…W48", try figure(month, "visits"), try weeks.map { try figure($0, "visits") }, 1),
        ]
        for (name, whole, parts, truth) in attacks {
            let values = try #require(difference(whole, parts, .cellKey), "\(name): nothing hidden to stop the subtraction")
            #expect(values.count >= 2, "\(name): the attacker pins \(values)")
            #expect(values.contains(truth), "\(name): the noise stayed within ±2, so the truth \(truth) is among \(values.sorted())")
        }
        // Nothing from 1 to 4 is published, and gatherings stay exact.
        for e in [half, month] + months + weeks {
            for section in e.sections where section.id != "activities" {
                for count in section.table.allCounts { if let v = count.number { #expect(v == 0 || v >= 5) } }
            }
            #expect(e.header.protection == .cellKey)
        }
        #expect(try figure(half, "gatherings") == .value(14), "gathering counts are exact: 8 + 4 + 2 days")
    }

    @Test func cellKeyGivesTheSamePersonsTheSameNumberInEveryExport() throws {
        let db = try halfYear()
        // Fixed keys instead of SQLite's random(): with random ones every cell's noise is 0 with
        // probability 0.4, so "some count differs" below failed now and then (about 1 run in 100).
        var state: UInt64 = 0x2545_F491_4F6C_DD1D
        for row in try db.store.db.query("SELECT id FROM visitors ORDER BY id") {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            try db.store.db.run("UPDATE visitors SET cell_key = ?1 WHERE id = ?2", Int64(bitPattern: state), row.int64(0))
        }
        // October's visits all fall on the 8th and 15th: the month, a range inside it and the
        // quarter's worth of days around them count the same visits, so they show the same noise.
        let october = try export(db, "2026-10", .cellKey)
        let slice = try export(db, "2026-10-05..2026-10-20", .cellKey)
        for column in ["visits", "unique", "new"] { #expect(try figure(october, column) == figure(slice, column), "\(column)") }
        // Asking again gives the same numbers: averaging many exports does not wash the noise out.
        let again = try export(db, "2026-10", .cellKey)
        #expect(again.sections == october.sections)
        // The noise is real: across the tables of the half-year some count differs from the truth.
        let exact = try export(db, "2026-H2", .suppression), noisy = try export(db, "2026-H2", .cellKey)
        let pairs = zip(exact.sections.flatMap(\.table.allCounts), noisy.sections.flatMap(\.table.allCounts))
        #expect(pairs.contains { a, b in a.number != nil && b.number != nil && a.number != b.number })
    }

    @Test func perturbationTableIsBoundedAndNeverGoesBelowOne() {
        let table = PerturbationTable.standard
        var seen = Set<Int>()
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        for n in 1...12 {
            for _ in 0..<400 {
                state = state &* 6364136223846793005 &+ 1442695040888963407
                let d = table.noise(count: n, key: CellKey(state))
                #expect(abs(d) <= table.maxNoise && n + d >= 1)
                seen.insert(d)
            }
        }
        #expect(seen == Set(-2...2))
        #expect(table.noise(count: 0, key: CellKey(12345)) == 0, "zero stays zero")
    }
}
