// One error type per layer (docs/errors.md): the folded cases keep the lines users saw before,
// and the questions catch sites ask of them (drop the swipe? the server's trouble? busy?).
@testable import NarvaroCore
@testable import NarvaroDaemon
@testable import NarvaroCLI
@testable import NarvaroWeb
import Testing

struct ErrorTypeTests {
    @Test func sqliteErrorsAreStoreErrorsThatKeepTheirLineAndProperties() {
        let busy = StoreError.database(DatabaseError(code: 5, message: "database is locked", path: "/var/lib/narvaro/narvaro.db"))
        #expect(busy.description == "database /var/lib/narvaro/narvaro.db is busy (another program holds a lock): try again, or stop the program holding it")
        #expect(busy.databaseError?.isBusy == true && busy.isDatabaseTrouble)
        #expect(DatabaseError(code: 9, message: "interrupted").isInterrupted)
        #expect(!DatabaseError(code: 5, message: "busy").isInterrupted)
        #expect(StoreError.notFound(kind: "venue", name: "x", hint: "h").databaseError == nil)
    }

    @Test func theFileAndSQLiteAreTheServersTroubleAndTheRequestsProblemsAreNot() {
        for trouble: StoreError in [.missingDatabase("/x.db"), .damaged(path: "/x.db", problem: "p"), .notWritable(path: "/x.db", reason: "r"),
                                    .olderSchema(path: "/x.db", found: 1, known: 2), .database(DatabaseError(code: 11, message: "m"))] {
            #expect(trouble.isDatabaseTrouble, "\(trouble)")
        }
        for request: StoreError in [.notFound(kind: "visitor", name: "X", hint: "h"), .conflict("c"), .badCard(reader: "r", reason: "x"), .enrolmentMoved] {
            #expect(!request.isDatabaseTrouble, "\(request)")
        }
    }

    @Test func onlyTheRecordersRefusalsDropASwipe() {
        let time = EventTime(microseconds: 0)
        #expect(StoreError.badTime(reader: "entre", time: time).refusesSwipe)
        #expect(SwipePipeline.dropsSwipe(StoreError.badTime(reader: "entre", time: time)))
        #expect(!SwipePipeline.dropsSwipe(StoreError.enrolmentMoved))
        #expect(!SwipePipeline.dropsSwipe(StoreError.missingDatabase("/x.db")))
        #expect(StoreError.badCard(reader: "entre", reason: "why").description == "reader 'entre': why")
        #expect(StoreError.enrolmentMoved.description == "another new card was swiped meanwhile: enrol again")
        #expect(StoreError.missingDirectory("/nope").description == "directory /nope does not exist: create it, or choose another --database")
    }

    @Test func theDaemonsOneTypeKeepsTheLockAndSpoolLines() {
        #expect(DaemonError.lockHeld(database: "/d/narvaro.db", holder: 42).description
                == "narvarod pid 42 already serves database /d/narvaro.db: one daemon per database; stop it first (systemctl stop narvarod)")
        #expect(DaemonError.lockHeld(database: "/d/narvaro.db", holder: nil).description.hasPrefix("another narvarod already serves"))
        #expect(DaemonError.lockFailed(database: "/d/narvaro.db", reason: "Permission denied").description == "cannot lock /d/narvaro.db.lock: Permission denied")
        #expect(DaemonError.badSpoolLine(reason: "checksum does not match").description == "checksum does not match")
    }

    @Test func usageConfigurationAndInputCasesKeepTheirStatusAndText() {
        #expect(CommandError.usage("missing --name").description == "missing --name")
        #expect(WebError.badConfiguration("web-access line 2: x").status == 500)
        #expect(WebError.badConfiguration("web-access line 2: x").description == "web-access line 2: x")
        #expect(InputError.notACardNumber(text: "12\u{7}", format: .decimal10, expected: "10 digits").description
                == "'12?' is not a decimal10 card number (10 digits)")
        #expect(InputError.malformedRecording(line: 3, reason: "bad").description == "line 3: bad")
    }
}
