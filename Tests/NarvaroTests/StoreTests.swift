// The SQLite store on real files: migrations, pragmas, reopening, concurrent readers.
@testable import NarvaroCore
@testable import NarvaroDesk
@testable import NarvaroDaemon
@testable import NarvaroCLI
@testable import NarvaroCommands
@testable import NarvarodCommands
@testable import NarvaroBench
import Foundation
import Testing

@Suite struct StoreTests {
    @Test func migratesAnEmptyFileToTheCurrentSchemaInWALMode() throws {
        let db = try TestDatabase()
        #expect(try db.store.db.scalar("PRAGMA user_version") == Int64(Schema.currentVersion))
        #expect(try db.store.db.queryOne("PRAGMA journal_mode")?.string(0) == "wal")
        #expect(try db.store.db.scalar("PRAGMA synchronous") == 2) // FULL
        #expect(try db.store.db.scalar("PRAGMA foreign_keys") == 1)
        let strict = try db.store.db.query("SELECT name FROM pragma_table_list WHERE schema = 'main' AND type = 'table' AND strict = 0 AND name NOT LIKE 'sqlite_%'")
        #expect(strict.isEmpty, "every table is STRICT")
    }

    @Test func reopeningKeepsDataAndDoesNotMigrateTwice() throws {
        let db = try TestDatabase()
        try db.standardVenue()
        try db.swipe("0012345", at: "2026-11-17T15:30:00+01:00")
        let again = try db.reopen()
        #expect(try again.venues().map(\.slug) == ["tingshuset"])
        #expect(try again.checkIns(CheckInFilter()).count == 1)
    }

    @Test func aSecondConnectionReadsWhileTheFirstWrites() throws {
        let db = try TestDatabase()
        try db.standardVenue()
        let reader = try db.reopen()
        try db.store.db.execute("BEGIN IMMEDIATE")
        try db.store.db.run("UPDATE venues SET name = 'Ändrat' WHERE slug = 'tingshuset'")
        // The reader sees the last committed state, not the open write, and is not blocked.
        #expect(try reader.venue(slug: "tingshuset").name == "Gamla Tingshuset")
        try db.store.db.execute("COMMIT")
        #expect(try reader.venue(slug: "tingshuset").name == "Ändrat")
    }

    @Test func aNewerSchemaIsRefused() throws {
        let db = try TestDatabase()
        try db.store.db.execute("PRAGMA user_version = 999")
        #expect(throws: StoreError.self) { _ = try db.reopen() }
    }

    @Test func aFileThatIsNotADatabaseGivesAClearError() throws {
        let dir = try TemporaryDirectory("junk")
        defer { withExtendedLifetime(dir) {} }
        let path = dir.appending("junk.db").path
        try Data(repeating: 0x41, count: 4096).write(to: URL(fileURLWithPath: path))
        do {
            _ = try NarvaroDatabase.open(path: path)
            Issue.record("opening junk succeeded")
        } catch let error as StoreError {
            #expect(error.databaseError?.isCorrupt == true)
            #expect(error.description.contains("not a Närvaro database"))
        }
    }

    @Test func aMissingDirectoryIsNamed() throws {
        #expect(throws: StoreError.missingDirectory("/nonexistent-narvaro")) {
            _ = try NarvaroDatabase.open(path: "/nonexistent-narvaro/n.db")
        }
    }

    @Test func aCheckInIsOneTransactionAndNotRepeatedOnReplay() throws {
        let db = try TestDatabase()
        try db.standardVenue()
        let first = try db.swipe("0012345", at: "2026-11-17T15:30:00+01:00")
        let replay = try db.swipe("0012345", at: "2026-11-17T15:30:00+01:00")
        #expect(first.isNew && !replay.isNew)
        #expect(first.id == replay.id)
        #expect(try db.store.db.scalar("SELECT count(*) FROM checkins") == 1)
    }

    @Test func cardNumbersAreNeverStoredInClear() throws {
        let db = try TestDatabase()
        try db.standardVenue()
        let cards = ["0563537489", "0012345678", "51E69621"]
        for (i, card) in cards.enumerated() { try db.swipe(card, at: "2026-11-17T15:3\(i):00+01:00") }
        try db.store.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        let bytes = try Data(contentsOf: URL(fileURLWithPath: db.path))
        for card in cards {
            #expect(bytes.range(of: Data(card.utf8)) == nil, "card \(card) found in the database file")
        }
    }
}
