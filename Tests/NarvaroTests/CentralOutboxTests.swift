// The outbox in SQLite (no server needed): the statistics triggers note changed venue-days in the
// writer's own transaction, a rolled-back change leaves no note, and marking a push sent keeps a
// note written again after the push read it. The venue UUID is made once and kept.
@testable import NarvaroCore
@testable import NarvaroCentral
import Foundation
import Testing

@Suite struct CentralOutboxTests {
    func notes(_ store: Store) throws -> [String] {
        try store.db.query("SELECT kind || ':' || key FROM central_outbox ORDER BY kind, key").map { $0.string(0) }
    }

    @Test func aCheckInNotesItsDayInItsOwnTransaction() throws {
        let db = try TestDatabase()
        try db.standardVenue()
        try db.store.db.run("DELETE FROM central_outbox")
        let day = LocalDate(unchecked: 2026, 11, 17).dayNumber
        try db.swipe("0042", at: "2026-11-17T15:00:00+01:00")
        #expect(try notes(db.store) == ["day:\(day)"])

        // A change that rolls back leaves no note behind.
        try db.store.db.run("DELETE FROM central_outbox")
        struct Abort: Error {}
        #expect(throws: Abort.self) {
            try db.store.db.transaction {
                try db.store.db.run("UPDATE day_totals SET visits = visits + 1")
                throw Abort()
            }
        }
        #expect(try notes(db.store).isEmpty)
    }

    @Test func correctionsNoteEveryDayAndPeriodTheyChange() throws {
        let db = try TestDatabase()
        try db.standardVenue()
        try db.swipe("0001", at: "2026-10-06T15:00:00+02:00")
        try db.swipe("0001", at: "2026-11-17T15:00:00+01:00")
        try db.store.db.run("DELETE FROM central_outbox")
        let code = try #require(try db.store.visitors(includeUnenrolled: true).first?.code)
        _ = try db.store.forget(code: code)
        let october = LocalDate(unchecked: 2026, 10, 6).dayNumber, november = LocalDate(unchecked: 2026, 11, 17).dayNumber
        #expect(try notes(db.store) == ["day:\(october)", "day:\(november)"])

        try db.store.db.run("DELETE FROM central_outbox")
        try db.swipe("0002", at: "2026-11-17T16:00:00+01:00")
        _ = try db.store.runRetention(today: LocalDate(unchecked: 2028, 6, 1), days: 400, now: TestDatabase.time("2028-06-01T12:00:00+02:00"))
        #expect(try notes(db.store).contains("period:2026-H2"), "retention's folded periods are noted")
        // A schedule change re-describes the venue (gathering lengths).
        try db.store.db.run("DELETE FROM central_outbox")
        _ = try db.store.addActivity(slug: "laxhjalp", venue: "tingshuset", name: "Läxhjälp", organizer: nil)
        #expect(try notes(db.store) == ["venue:"])
    }

    @Test func markingSentKeepsANoteWrittenAgainAfterThePushReadIt() throws {
        let db = try TestDatabase()
        let reader = try db.standardVenue()
        try db.swipe("0042", at: "2026-11-17T15:00:00+01:00")
        try db.swipe("0045", at: "2026-11-19T15:00:00+01:00")
        let mark = try db.store.beginOutboxRead()
        try db.swipe("0046", at: "2026-11-20T15:00:00+01:00")   // noted after the mark, before the read
        let read = try db.store.pendingOutbox(venueID: reader.venueID)
        #expect(read.count == 4, "the venue's description and three days")
        try db.swipe("0043", at: "2026-11-17T16:00:00+01:00")   // a day the push read, changed again
        try db.swipe("0044", at: "2026-11-18T16:00:00+01:00")   // another day
        try db.store.markSent(read, mark: mark)
        let left = try notes(db.store)
        let day = { (d: Int) in "day:\(LocalDate(unchecked: 2026, 11, d).dayNumber)" }
        #expect(left == [day(17), day(18), day(20)], "the 19th went; the 17th changed again, the 18th is new, the 20th came after the mark")

        // With no push reading, a day noted again is not written again.
        try db.store.db.run("DELETE FROM central_outbox")
        try db.swipe("0047", at: "2026-11-21T15:00:00+01:00")
        let seq = try db.store.db.scalar("SELECT seq FROM central_outbox")
        try db.swipe("0048", at: "2026-11-21T16:00:00+01:00")
        #expect(try db.store.db.scalar("SELECT seq FROM central_outbox") == seq)
    }

    @Test func theVenueUUIDIsMadeOnceAndKept() throws {
        let db = try TestDatabase()
        let reader = try db.standardVenue()
        #expect(try db.store.centralUUID(venueID: reader.venueID) == nil)
        let uuid = try db.store.ensureCentralUUID(venueID: reader.venueID)
        #expect(uuid.count == 36 && Array(uuid)[14] == "4" && "89ab".contains(Array(uuid)[19]))
        #expect(try db.reopen().ensureCentralUUID(venueID: reader.venueID) == uuid)
    }

    @Test func arrayLiteralsQuoteEveryElement() {
        #expect(PostgresArray.literal(["a", nil, "b\"c", "d\\e", "x,y}"]) == #"{"a",NULL,"b\"c","d\\e","x,y}"}"#)
        #expect(PostgresArray.literal([]) == "{}")
    }

    @Test func aPasswordInTheConnectionStringIsRefusedBeforeConnecting() {
        for conninfo in ["host=/tmp dbname=x password=s", "postgresql://u:s@h/db", "postgresql://u@h/db?password=s"] {
            #expect(throws: CentralError.self) { try PostgresConnection.refusePassword(conninfo: conninfo, environment: [:]) }
        }
        #expect(throws: Never.self) { try PostgresConnection.refusePassword(conninfo: "service=narvaro", environment: [:]) }
        #expect(throws: CentralError.self) { try PostgresConnection.refusePassword(conninfo: "service=narvaro", environment: ["PGPASSWORD": "s"]) }
    }
}
