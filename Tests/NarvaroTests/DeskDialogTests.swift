// The desk's keys without a terminal: the byte decoder, the enrol and activity dialogs as state
// machines, and the session writing (or not writing) through the store.
@testable import NarvaroCore
@testable import NarvaroDesk
@testable import NarvaroDaemon
@testable import NarvaroCLI
@testable import NarvaroCommands
@testable import NarvarodCommands
@testable import NarvaroBench
import Foundation
import Testing

func keys(_ text: String) -> [DeskKey] {
    var decoder = DeskKeyDecoder()
    return decoder.feed(Array(text.utf8))
}

@Suite struct DeskKeyDecoderTests {
    @Test func bytesBecomeKeys() {
        #expect(keys("aÅ\r\n\u{7F}\u{03}\u{04}") == [.character("a"), .character("Å"), .enter, .backspace, .interrupt, .endOfInput])
        #expect(keys("\u{1B}") == [.escape], "a lone ESC is the Esc key")
        #expect(keys("\u{1B}[A\u{1B}OPx") == [.character("x")], "arrow and function keys are ignored")
        #expect(keys("\n\n") == [.enter, .enter])
    }

    @Test func aCharacterSplitAcrossReadsArrivesWhole() {
        var decoder = DeskKeyDecoder()
        let bytes = Array("ö".utf8)
        #expect(decoder.feed([bytes[0]]).isEmpty)
        #expect(decoder.feed([bytes[1]]) == [.character("ö")])
        #expect(decoder.feed([0xFF, 0x41]) == [.character("A")], "invalid UTF-8 is dropped")
    }
}

@Suite struct DeskEnrolDialogTests {
    func dialog() -> EnrolDialog { EnrolDialog(reader: "entre", time: "15:41", currentYear: 2026, texts: .en) }

    @Test func fourEmptyAnswersSkipEverything() {
        var d = dialog()
        for _ in 0..<3 { #expect(d.feed(.enter) == .asking) }
        #expect(d.feed(.enter) == .finished(VisitorDetails()))
    }

    @Test func answersByNumberAndByNameInEitherLanguage() {
        var d = EnrolDialog(reader: "entre", time: "15:41", currentYear: 2026, texts: .sv)
        for key in keys("  Åsa \r2009\rkvinna\r2\r") { d.feed(key) }
        #expect(d.state == .finished(VisitorDetails(nickname: "Åsa", birthYear: 2009, gender: .woman, role: .volunteer)))
        var e = dialog()
        for key in keys("\r\r3\rstaff\r") { e.feed(key) }
        #expect(e.state == .finished(VisitorDetails(gender: .other, role: .staff)))
    }

    @Test func aBadBirthYearIsAskedAgainWithTheError() {
        var d = dialog()
        for key in keys("Kim\r2090\r") { d.feed(key) }
        #expect(d.step == .birthYear && d.input.isEmpty)
        #expect(d.error == "2090 is not a plausible birth year: type a year from 1906 to 2026")
        for key in keys("nineteen\r") { d.feed(key) }
        #expect(d.step == .birthYear && d.error == "'nineteen' is not a year: type four digits, e.g. 2009")
        for key in keys("99999999999999999999\r") { d.feed(key) }
        #expect(d.step == .birthYear && d.error?.hasPrefix("'99999999999999999999' is not a year") == true, "no overflow trap")
        for key in keys("2010\r") { d.feed(key) }
        #expect(d.step == .gender && d.error == nil && d.details.birthYear == 2010)
    }

    @Test func aChoiceOutsideTheListIsAskedAgain() {
        var d = dialog()
        for key in keys("\r\r7\r") { d.feed(key) }
        #expect(d.step == .gender && d.error == "type one of the numbers shown")
    }

    @Test(arguments: [DeskKey.escape, .interrupt, .endOfInput])
    func escOrCtrlCCancelsAtAnyStep(key: DeskKey) {
        var d = dialog()
        for k in keys("Kim\r2001\r") { d.feed(k) }
        #expect(d.feed(key) == .cancelled)
        #expect(d.feed(.enter) == .cancelled, "keys after the end change nothing")
    }

    @Test func backspaceEditsTheAnswer() {
        var d = dialog()
        for key in keys("Kimm\u{7F}\r") { d.feed(key) }
        #expect(d.details.nickname == "Kim")
    }
}

@Suite struct DeskActivityDialogTests {
    let activities = [ActivityDialog.Choice(id: 7, name: "Läxhjälp"), ActivityDialog.Choice(id: 3, name: "Öppen verksamhet")]

    @Test func readerThenActivityOneDigitEach() {
        var d = ActivityDialog(readers: ["cafe", "entre"], activities: activities, texts: .en)
        #expect(d.stage == .reader)
        #expect(d.feed(.character("2")) == .choosing)
        #expect(d.stage == .activity && d.reader == "entre")
        #expect(d.feed(.character("1")) == .chosen(reader: "entre", activityID: 7))
    }

    @Test func zeroGoesBackToTheUsualActivityAndOneReaderSkipsTheQuestion() {
        var d = ActivityDialog(readers: ["entre"], activities: activities, texts: .en)
        #expect(d.stage == .activity)
        #expect(d.feed(.character("0")) == .chosen(reader: "entre", activityID: nil))
    }

    @Test func wrongNumbersAreRefusedAndEscCancels() {
        var d = ActivityDialog(readers: ["cafe", "entre"], activities: activities, texts: .en)
        d.feed(.character("9"))
        #expect(d.stage == .reader && d.error == "type one of the numbers shown")
        d.feed(.character("x"))
        #expect(d.error != nil && d.input.isEmpty)
        #expect(d.feed(.escape) == .cancelled)
    }

    @Test func aLongListWaitsForEnter() {
        let many = (1...12).map { ActivityDialog.Choice(id: Int64($0), name: "A\($0)") }
        var d = ActivityDialog(readers: ["entre"], activities: many, texts: .en)
        #expect(d.feed(.character("1")) == .choosing, "1 could still become 10, 11 or 12")
        #expect(d.feed(.character("1")) == .chosen(reader: "entre", activityID: 11))
        var e = ActivityDialog(readers: ["entre"], activities: many, texts: .en)
        e.feed(.character("1"))
        #expect(e.feed(.enter) == .chosen(reader: "entre", activityID: 1))
    }
}

@Suite struct DeskSessionTests {
    func session(_ scene: DeskScene) throws -> DeskSession {
        let session = DeskSession(follower: try DeskFollower(store: scene.db.store, venue: nil), texts: .en, now: { DeskScene.now })
        session.refresh()
        return session
    }

    @Test func pressingEAndAnsweringEnrolsTheNewestUnknownCard() throws {
        let scene = try DeskScene()
        let s = try session(scene)
        for key in keys("eNoor\r2011\r1\r\r") { s.handle(key) }
        #expect(s.overlay == nil)
        let noor = try #require(try scene.db.store.visitors().first { $0.nickname == "Noor" })
        #expect(noor.birthYear == 2011 && noor.gender == .woman && noor.role == .participant)
        #expect(s.notice == DeskNotice("Registered as visitor \(noor.code) (Noor)."))
        let model = s.frame().model
        #expect(model.newestUnknownCard == nil)
        #expect(model.checkIns.first?.who == "Noor" && model.checkIns.first?.outcome == .unknown, "the swipe keeps its outcome, now with a name")
    }

    @Test func cancellingChangesNothing() throws {
        let scene = try DeskScene()
        let s = try session(scene)
        let before = try scene.db.store.visitors(includeUnenrolled: true)
        for key in keys("eKim\r\u{03}") { s.handle(key) }
        #expect(s.overlay == nil && s.wantsToQuit == false, "Ctrl-C in the dialog cancels the dialog, not the desk")
        #expect(s.notice == DeskNotice("Registration cancelled: nothing was changed."))
        #expect(try scene.db.store.visitors(includeUnenrolled: true) == before)
        s.handle(.interrupt)
        #expect(s.wantsToQuit, "Ctrl-C outside a dialog quits")
    }

    @Test func eWithoutAnUnknownCardSaysWhatToDo() throws {
        let scene = try DeskScene()
        _ = try scene.db.store.enrolLast(reader: nil, details: VisitorDetails(), existingCode: nil, currentYear: 2026)
        let s = try session(scene)
        s.handle(.character("e"))
        #expect(s.overlay == nil)
        #expect(s.notice == DeskNotice("No new card to register: swipe it on the reader first.", isError: true))
    }

    @Test func anotherNewCardSwipedDuringTheDialogIsNotEnrolledByMistake() throws {
        let scene = try DeskScene()
        let s = try session(scene)
        for key in keys("eNoor\r") { s.handle(key) }
        try scene.db.swipe("5005", at: "2026-11-17T15:42:00+01:00", reader: "cafe")
        for key in keys("\r\r\r") { s.handle(key) }
        #expect(s.notice?.isError == true && s.notice?.text.hasPrefix("Another new card was swiped meanwhile") == true)
        #expect(try scene.db.store.visitors().contains { $0.nickname == "Noor" } == false)
    }

    @Test func aSwitchesTheReaderUntilTheEndOfTheRunningSlot() throws {
        let scene = try DeskScene()
        let s = try session(scene)
        // Readers are listed by name: 1 cafe, 2 entre; activities by name: 1 Läxhjälp, 2 Öppen verksamhet.
        for key in keys("a21") { s.handle(key) }
        let entre = try scene.db.store.reader(named: "entre")
        #expect(entre.currentActivityID == (try scene.db.store.activity(named: "laxhjalp").id))
        #expect(entre.currentUntil == TestDatabase.time("2026-11-17T18:00:00+01:00"))
        #expect(s.notice == DeskNotice("entre now counts Läxhjälp until 18:00."))
        #expect(s.frame().model.readers.last == DeskReaderNow(reader: "entre", activity: "Läxhjälp", source: .activityCard, until: "18:00"))
        for key in keys("a20") { s.handle(key) }
        #expect(try scene.db.store.reader(named: "entre").currentActivityID == nil)
        #expect(s.frame().model.readers.last?.source == .schedule)
        for key in keys("a1\u{1B}") { s.handle(key) }
        #expect(s.notice == DeskNotice("Nothing was switched."))
    }

    @Test func withoutASlotASwitchHoldsFourHours() throws {
        let scene = try DeskScene()
        let s = try session(scene)
        for key in keys("a22") { s.handle(key) }
        #expect(try scene.db.store.reader(named: "entre").currentUntil == DeskScene.now + 4 * 3600 * 1_000_000)
    }
}
