// The persons' cell keys (`export --protect cell-key`): migration 6 gives every existing visitor
// one, new visitors get one, forgetting deletes it, and the central push never carries it.
@testable import NarvaroCore
import Foundation
import Testing

@Suite struct PrivacyCellKeyTests {
    let now = TestDatabase.time("2026-11-01T10:00:00+01:00")

    @Test func migrationSixGivesEveryExistingVisitorARandomKey() throws {
        let dir = try TemporaryDirectory("cellkey")
        let path = dir.url.appendingPathComponent("old.db").path
        let old = try SQLiteConnection(path: path)
        for version in 0..<5 { try old.execute(Schema.migrations[version]) }
        try old.execute("PRAGMA user_version = 5")
        for i in 1...20 { try old.execute("INSERT INTO visitors(code, created_at) VALUES ('C\(i)', 0)") }
        try NarvaroDatabase.migrate(old)
        #expect(try old.scalar("PRAGMA user_version") == Int64(Schema.currentVersion))
        #expect(try old.scalar("SELECT count(*) FROM visitors WHERE cell_key IS NULL") == 0)
        #expect(try old.scalar("SELECT count(DISTINCT cell_key) FROM visitors") == 20, "keys are random, not one value")
        try old.execute("INSERT INTO visitors(code, created_at) VALUES ('later', 0)")
        #expect(try old.scalar("SELECT count(*) FROM visitors WHERE code = 'later' AND cell_key IS NOT NULL") == 1)
    }

    @Test func forgettingDeletesTheKeyAndThePushNeverCarriesOne() throws {
        let db = try TestDatabase()
        try db.standardVenue()
        var codes: [String] = []
        for i in 0..<6 {
            let card = String(format: "K%03d", i)
            codes.append(try db.store.addVisitor(VisitorDetails(nickname: nil, birthYear: 2008), card: card, format: .raw, now: now, currentYear: 2026).code)
            try db.swipe(card, at: "2026-11-17T15:0\(i):00+01:00")
        }
        let keys = try db.store.db.query("SELECT cell_key FROM visitors").map { $0.int64(0) }
        #expect(keys.count == 6 && Set(keys).count == 6)
        let venue = try db.store.venue(slug: "tingshuset")
        let payload = "\(try db.store.centralPayload(venueID: venue.id))"
        for key in keys {
            #expect(!payload.contains(String(key)) && !payload.contains(String(UInt64(bitPattern: key))), "the push carries a person's key")
        }
        _ = try db.store.forget(code: codes[0])
        #expect(try db.store.db.scalar("SELECT count(*) FROM visitors WHERE cell_key = \(keys[0])") == 0)
        // The export still counts the forgotten person's visit, with no key for it.
        let document = try db.store.exportDocument(ExportRequest(
            period: try Period.parse("2026-W47"), exportedBy: "t@h", exportedAt: "2026-11-30T10:00:00+01:00", protection: .cellKey))
        let activities = try #require(document.sections.first { $0.id == "activities" })
        #expect(activities.table.cells.first?[2] == 6)
        #expect(activities.table.cellKeys?.first?[2] == keys.dropFirst().reduce(CellKey.zero) { $0 + CellKey(stored: $1) })
    }

    @Test func theCentralExportCannotUseCellKeys() throws {
        // The central database has no persons, so no keys: the error says so instead of guessing.
        let table = CountTable(rowLabels: ["a"], columnLabels: ["woman"], cells: [[3]])
        let header = ExportHeader(exportedBy: "t@h", exportedAt: "x", period: "2026-W47", periodFirstDay: "2026-11-16",
                                  periodLastDay: "2026-11-22", protection: .cellKey)
        #expect(throws: ExportError.cellKeysMissing(section: "gender")) {
            try PublishedExport(ExportDocument(header: header, sections: [ExportSection(id: "gender", title: "Gender", table: table)]))
        }
    }
}

@Suite struct ExportMisshapenInputTests {
    @Test func misshapenFloorsAndKeysAreErrorsNotCrashes() throws {
        var table = CountTable(rowLabels: ["a", "b"], columnLabels: ["woman", "man"], cells: [[3, 4], [5, 6]])
        table.floors = [[1, 1]]
        #expect(throws: ExportError.self) { try Suppressor().publish(table) }
        table.floors = [[1], [1, 1]]
        #expect(throws: ExportError.self) { try Suppressor().publish(table) }
        table.floors = nil
        table.rowTotalFloors = [1, 2, 3]
        #expect(throws: ExportError.self) { try Suppressor().publish(table) }
        let ragged = CountTable(rowLabels: ["a"], columnLabels: ["woman"], cells: [[3, 4, 5]], cellKeys: [[.zero, .zero, .zero]])
        #expect(throws: ExportError.self) { try CellKeyPublisher(minCell: 5).publish(ragged, section: "s") }
    }
}
