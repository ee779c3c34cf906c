// The lean swipe path (issue 17): swipe keys and card hashes are the same bytes as before, and the
// configuration it keeps between swipes is read again as soon as anyone changes it.
@testable import NarvaroCore
@testable import NarvaroDesk
@testable import NarvaroDaemon
@testable import NarvaroCLI
@testable import NarvaroCommands
@testable import NarvarodCommands
@testable import NarvaroBench
import Testing

@Suite struct SwipePathTests {
    /// What `identify` computed before the swipe path was rewritten: a replay after an upgrade
    /// must find the swipes recorded before it, so the key may never change.
    static func oldSwipeKey(_ hasher: CardHasher, reader: String, time: EventTime, cardHash: [UInt8]) -> [UInt8] {
        Array(hasher.hash("swipe|\(reader)|\(time.microseconds)|\(Hex.encode(cardHash))").prefix(16))
    }

    @Test func swipeKeysAreTheSameBytesAsBeforeTheRewrite() throws {
        let db = try TestDatabase()
        try db.standardVenue()
        let hasher = try db.store.hasher()
        let noon = TestDatabase.time("2026-11-17T12:00:00+01:00")
        for (card, time) in [("1001", noon), ("0004123456", TestDatabase.time("1999-01-01T00:00:00Z")), ("7", noon + 123)] {
            let result = try db.recorder.record(Swipe(reader: "entre", card: card, time: time))
            let stored = try #require(try db.store.db.queryOne("SELECT swipe_key FROM checkins WHERE id = ?1", result.id)?.blob(0))
            #expect(stored == Self.oldSwipeKey(hasher, reader: "entre", time: time, cardHash: hasher.hash(card)))
        }
    }

    /// RFC 4231 cases 3, 6 and 7 (binary data, keys longer than a block) through the key schedule,
    /// each hashed twice: the schedule is copied per message, never used up.
    @Test func theKeyScheduleGivesRFC4231HashesEveryTime() {
        let cases: [([UInt8], [UInt8], String)] = [
            ([UInt8](repeating: 0xaa, count: 20), [UInt8](repeating: 0xdd, count: 50),
             "773ea91e36800e46854db8ebd09181a72959098b3ef8c122d9635514ced565fe"),
            ([UInt8](repeating: 0xaa, count: 131), Array("Test Using Larger Than Block-Size Key - Hash Key First".utf8),
             "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54"),
            ([UInt8](repeating: 0xaa, count: 131),
             Array("This is a test using a larger than block-size key and a larger than block-size data. The key needs to be hashed before being used by the HMAC algorithm.".utf8),
             "9b09ffa71b942fcb27635fbcd5b0e944bfdc63644f0713938a7f51535c3a35e2"),
        ]
        for (key, message, expected) in cases {
            let hasher = CardHasher(rawKey: key)
            #expect(CardHasher.hex(hasher.hash(bytes: message)) == expected)
            #expect(CardHasher.hex(hasher.hash(bytes: message)) == expected)
        }
        // An empty key (no schedule: the one-shot path) and an empty message.
        #expect(CardHasher.hex(CardHasher(rawKey: []).hash(bytes: [])) == "b613679a0814d9ec772f95d778c35fc5ff1697c493715653c6c712144292c5ad")
    }

    @Test func aReaderEditedByAnotherProgramIsSeenByTheNextSwipe() throws {
        let db = try TestDatabase()
        try db.standardVenue()
        #expect(try db.swipe("1001", at: "2026-11-17T15:00:00+01:00").outcome == .unknown)
        #expect(try db.swipe("1001", at: "2026-11-17T15:00:03+01:00").outcome == .duplicate, "within the default 10 s cooldown")
        var settings = ReaderSettings()
        settings.cooldownSeconds = 0
        _ = try db.reopen().editReader(name: "entre", settings: settings)
        #expect(try db.swipe("1001", at: "2026-11-17T15:00:06+01:00").outcome == .unknown, "no cooldown any more: not a duplicate")
    }

    @Test func aReaderEditedThroughTheSameConnectionIsSeenByTheNextSwipe() throws {
        let db = try TestDatabase()
        try db.standardVenue()
        #expect(try db.swipe("1001", at: "2026-11-17T15:00:00+01:00").outcome == .unknown)
        var settings = ReaderSettings()
        settings.cooldownSeconds = 0
        _ = try db.store.editReader(name: "entre", settings: settings)
        #expect(try db.swipe("1001", at: "2026-11-17T15:00:03+01:00").outcome == .unknown)
    }

    @Test func aScheduleAddedByAnotherProgramAttributesTheNextSwipe() throws {
        let db = try TestDatabase()
        try db.standardVenue()
        #expect(try db.swipe("1001", at: "2026-11-17T15:00:00+01:00").activity == "drop-in")
        let other = try db.reopen()
        let activity = try other.addActivity(slug: "laxhjalp", venue: "tingshuset", name: "Läxhjälp", organizer: nil)
        try other.addSlot(activity: activity, timing: .weekly(.tuesday, start: 15 * 60, end: 18 * 60, from: nil, until: nil))
        #expect(try db.swipe("2002", at: "2026-11-17T15:30:00+01:00").activity == "laxhjalp")
    }

    /// A swipe the database rolls back leaves nothing behind in the cache: the drop-in activity a
    /// rolled-back swipe created (and then lost) is created again by the next one.
    @Test func aRolledBackSwipeLeavesNothingCached() throws {
        let db = try TestDatabase()
        try db.standardVenue()
        try db.store.db.execute("DELETE FROM activities WHERE slug = 'drop-in'")
        try db.store.db.execute("CREATE TRIGGER refuse BEFORE INSERT ON checkins BEGIN SELECT raise(ABORT, 'refused'); END")
        let refused = #expect(throws: StoreError.self) { try db.swipe("1001", at: "2026-11-17T15:00:00+01:00") }
        #expect(refused?.databaseError != nil)
        try db.store.db.execute("DROP TRIGGER refuse")
        let result = try db.swipe("1001", at: "2026-11-17T15:00:05+01:00")
        #expect(result.activity == "drop-in")
        #expect(try db.store.db.scalar("SELECT count(*) FROM activities WHERE slug = 'drop-in'") == 1)
    }

    /// Each index of `checkins` is one more page per swipe to write and fsync: four, not five, and
    /// the look-ups that used the dropped `checkins_card` still search an index instead of scanning.
    @Test func aCheckInUpdatesFourIndexesAndEveryLookUpStillSearches() throws {
        let db = try TestDatabase()
        try db.standardVenue()
        let indexes = try db.store.db.query("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'checkins' ORDER BY name").map { $0.string(0) }
        #expect(indexes == ["checkins_card_reader_time", "checkins_day", "checkins_visitor", "sqlite_autoindex_checkins_1"])
        func plan(_ sql: String) throws -> String {
            try db.store.db.query("EXPLAIN QUERY PLAN " + sql).map { $0.string(3) }.joined(separator: "\n")
        }
        let lookup = try plan(CheckInRecorder.lookup)
        #expect(lookup.contains("checkins_card_reader_time (card_id=? AND reader_id=? AND time_us>? AND time_us<?)"), "\(lookup)")
        let recorded = try plan(CheckInRecorder.recordedSwipe)
        #expect(recorded.contains("sqlite_autoindex_checkins_1 (swipe_key=?)"), "\(recorded)")
        let byCard = try plan("DELETE FROM checkins WHERE card_id = 1")
        #expect(byCard.contains("checkins_card_reader_time (card_id=?)"), "\(byCard)")
        #expect(try plan("DELETE FROM checkins WHERE visitor_id = 1").contains("SEARCH"))
    }
}
