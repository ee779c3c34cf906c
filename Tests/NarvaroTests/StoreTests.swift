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

    /// Issue 17: the WAL is checkpointed every 4,000 pages, not SQLite's 1,000 (fewer syncs and
    /// copies for a replay), and the file is reused after a checkpoint, not cut back and grown again.
    @Test func theWALIsCheckpointedEvery4000PagesAndReusedAfterwards() throws {
        let db = try TestDatabase()
        try db.standardVenue()
        let connection = db.store.db
        #expect(try connection.scalar("PRAGMA wal_autocheckpoint") == 4000)
        func walFrames() throws -> Int64 {
            let size = try FileManager.default.attributesOfItem(atPath: db.path + "-wal")[.size] as? Int64 ?? 0
            return size <= 32 ? 0 : (size - 32) / (4096 + 24)
        }
        func swipes(_ range: Range<Int>) throws {
            try connection.withGroupCommit {
                for index in range {
                    let minute = index % 60, hour = 8 + index / 60 % 12, day = 1 + index / 720
                    _ = try? db.swipe("\(100_000 + index)", at: String(format: "2026-10-%02dT%02d:%02d:00+02:00", day, hour, minute))
                }
            }
        }
        var swiped = 0
        while try walFrames() < 1_200, swiped < 1_000 {
            try swipes(swiped..<swiped + 50)
            swiped += 50
        }
        let databaseBefore = try FileManager.default.attributesOfItem(atPath: db.path)[.size] as? Int64 ?? 0
        // Past 1,000 frames and not checkpointed: the database file has not grown since the schema.
        #expect(try walFrames() >= 1_200)
        while try connection.scalar("SELECT count(*) FROM checkins") < 2_000 {
            try swipes(swiped..<swiped + 50)
            swiped += 50
        }
        let databaseAfter = try FileManager.default.attributesOfItem(atPath: db.path)[.size] as? Int64 ?? 0
        #expect(databaseAfter > databaseBefore, "checkpoints copied the pages into the database")
        #expect(try walFrames() <= 4_000 + 200, "the WAL is reused from the start after a checkpoint")
        #expect(try connection.scalar("SELECT count(*) FROM checkins") == 2_000)
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
