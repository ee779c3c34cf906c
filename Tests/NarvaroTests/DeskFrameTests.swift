// The desk screen from a fixed database at a fixed instant: exact key lines at 80×24 and 120×40,
// nothing wider than the terminal, text marks that work without colour, and live following.
@testable import NarvaroCore
@testable import NarvaroDesk
@testable import NarvaroDaemon
@testable import NarvaroCLI
@testable import NarvaroCommands
@testable import NarvarodCommands
@testable import NarvaroBench
import Foundation
import Testing

/// A Tuesday afternoon at Gamla Tingshuset: Läxhjälp scheduled 15–18, two readers, five swipes.
struct DeskScene {
    let db: TestDatabase
    static let now = TestDatabase.time("2026-11-17T15:42:07+01:00")

    init() throws {
        db = try TestDatabase()
        let store = db.store
        try db.standardVenue()
        var cafe = ReaderSettings()
        cafe.venue = "tingshuset"
        try store.addReader(name: "cafe", settings: cafe)
        let laxhjalp = try store.addActivity(slug: "laxhjalp", venue: "tingshuset", name: "Läxhjälp", organizer: "Hej främling!")
        try store.addSlot(activity: laxhjalp, timing: SlotTiming.parseWeekly(day: "tue", range: "15:00-18:00", from: nil, until: nil))
        let before = TestDatabase.time("2026-11-01T10:00:00+01:00")
        _ = try store.addVisitor(VisitorDetails(nickname: "Amir", birthYear: 2009), card: "1001", format: .raw, now: before, currentYear: 2026)
        _ = try store.addVisitor(VisitorDetails(nickname: "Sara"), card: "3003", format: .raw, now: before, currentYear: 2026)
        _ = try store.addVisitor(VisitorDetails(nickname: "Lina", role: .volunteer), card: "4004", format: .raw, now: before, currentYear: 2026)
        try store.revokeCard("3003", now: before)
        try db.swipe("1001", at: "2026-11-16T15:30:00+01:00")     // yesterday: not on today's desk
        try db.swipe("4004", at: "2026-11-17T15:20:00+01:00")     // a volunteer: counted, not in the participant figures
        try db.swipe("1001", at: "2026-11-17T15:30:00+01:00")
        try db.swipe("1001", at: "2026-11-17T15:30:04+01:00")     // within the 10 s cooldown
        try db.swipe("3003", at: "2026-11-17T15:35:00+01:00")     // revoked
        try db.swipe("2002", at: "2026-11-17T15:41:00+01:00", reader: "cafe") // nobody's card yet
        // The desk's `a` key earlier: entre counts drop-in until 19:40.
        try store.setCurrentActivity(reader: store.reader(named: "entre"), activityID: store.activity(named: "drop-in").id,
                                     until: TestDatabase.time("2026-11-17T19:40:00+01:00"))
    }

    func frame(_ lang: Lang = .en, overlay: DeskOverlay? = nil) throws -> DeskFrame {
        DeskFrame(model: try DeskModel.load(store: db.store, venue: nil, now: Self.now), texts: DeskTexts.of(lang), overlay: overlay)
    }
}

@Suite struct DeskFrameTests {
    @Test func eightyByTwentyFourInEnglish() throws {
        let lines = try DeskScene().frame().render(width: 80, height: 24, color: false)
        #expect(lines == [
            " Gamla Tingshuset                                  Tuesday 2026-11-17  15:42:07",
            " ★ Welcome, Amir!  Läxhjälp  15:30",
            " ! NEW CARD (cafe, 15:41): press e to register it",
            " Latest swipes",
            " 15:41  ?                   Läxhjälp            ! NEW CARD: press e",
            " 15:35  Sara                Läxhjälp            ✗ REVOKED card, not counted",
            " 15:30  Amir                Läxhjälp            = duplicate (already in)",
            " 15:30  Amir                Läxhjälp            ✓ counted",
            " 15:20  Lina                Läxhjälp            ✓ counted",
        ] + Array(repeating: "", count: 8) + [
            " Today (participants)                  Visits  Unique     New",
            "   Läxhjälp                                 2       2       1",
            "   Total                                    2       2       1",
            " Running now",
            "   cafe   Läxhjälp          scheduled until 18:00",
            "   entre  Öppen verksamhet  switched until 19:40",
            " e register new card · a switch activity · q quit",
        ])
    }

    @Test func oneHundredTwentyByFortyInSwedishShowsTheReaderColumnAndABigGreeting() throws {
        let lines = try DeskScene().frame(.sv).render(width: 120, height: 40, color: false)
        #expect(lines.count == 40)
        #expect(lines.allSatisfy { TextTable.displayWidth($0) <= 120 })
        #expect(lines[0] == " Gamla Tingshuset" + String(repeating: " ", count: 75) + "tisdag 2026-11-17  15:42:07")
        #expect(lines[1] == "" && lines[3] == "", "the greeting has a band above and below on a tall screen")
        #expect(lines[2] == " ★ Välkommen, Amir!  Läxhjälp  15:30")
        #expect(lines[4] == " ! NYTT KORT (cafe, 15:41): tryck e för att registrera det")
        #expect(lines[6] == " 15:41  ?                     Läxhjälp                  cafe   ! NYTT KORT: tryck e")
        #expect(lines[7] == " 15:35  Sara                  Läxhjälp                  entre  ✗ SPÄRRAT kort, räknas inte")
        #expect(lines[8] == " 15:30  Amir                  Läxhjälp                  entre  = dubblett (redan inne)")
        #expect(lines[33] == " I dag (deltagare)                      Besök   Unika     Nya")
        #expect(lines[35] == "   Totalt                                   2       2       1")
        #expect(lines[37] == "   cafe   Läxhjälp          enligt schema till 18:00")
        #expect(lines[39] == " e registrera nytt kort · a byt aktivitet · q avsluta")
    }

    @Test(arguments: [(80, 24), (120, 40), (40, 10), (20, 5), (200, 60)])
    func noLineIsWiderThanTheTerminalInColourEither(width: Int, height: Int) throws {
        let frame = try DeskScene().frame()
        let plain = frame.render(width: width, height: height, color: false)
        let colour = frame.render(width: width, height: height, color: true)
        #expect(plain.count == height && colour.count == height)
        #expect(plain.allSatisfy { TextTable.displayWidth($0) <= width })
        #expect(colour.allSatisfy { TextTable.displayWidth($0.withoutTerminalEscapes) <= width })
        // Colour adds escapes, never words: without them the screen reads the same.
        #expect(zip(plain, colour).allSatisfy { $0 == DeskFrame.trimmed($1.withoutTerminalEscapes) })
        #expect(plain.last?.hasPrefix(" e register") == true || height < 3, "the keys stay on the last line")
    }

    @Test func outcomesCarryATextMarkAndAColour() throws {
        let colour = try DeskScene().frame().render(width: 80, height: 24, color: true)
        let revoked = try #require(colour.first { $0.contains("REVOKED") })
        #expect(revoked.contains("\u{1B}[1;37;41m✗ REVOKED card, not counted"))
        let unknown = try #require(colour.first { $0.contains("press e\u{1B}") })
        #expect(unknown.contains("\u{1B}[1;30;43m! NEW CARD: press e"))
        #expect(colour[0].hasPrefix("\u{1B}[1;7m Gamla Tingshuset"))
    }

    @Test func theEnrolDialogTakesRoomFromTheListNotFromTheKeys() throws {
        var dialog = EnrolDialog(reader: "cafe", time: "15:41", currentYear: 2026, texts: .en)
        for key in [DeskKey.character("K"), .character("i"), .character("m"), .enter, .character("2"), .character("0"), .character("9"), .character("0"), .enter] {
            dialog.feed(key)
        }
        let lines = try DeskScene().frame(overlay: .enrol(dialog)).render(width: 80, height: 24, color: false)
        #expect(lines.count == 24)
        #expect(Array(lines.suffix(5)) == [
            " Register the new card (cafe, 15:41)",
            "   Nickname: Kim",
            " > Birth year: _   (Enter = skip)",
            " ! 2090 is not a plausible birth year: type a year from 1906 to 2026",
            " Type, then Enter (empty = skip) · Esc cancels",
        ])
        #expect(lines[4] == " 15:41  ?                   Läxhjälp            ! NEW CARD: press e")
    }
}

@Suite struct DeskFollowerTests {
    @Test func aSwipeCommittedByAnotherConnectionShowsOnTheNextPoll() throws {
        let scene = try DeskScene()
        let desk = try scene.db.reopen()
        let follower = try DeskFollower(store: desk, venue: "tingshuset")
        #expect(try follower.poll(now: DeskScene.now))
        #expect(try follower.poll(now: DeskScene.now) == false, "nothing changed: nothing to redraw")
        // The daemon's connection commits a swipe; the desk holds no lock that would stop it.
        try scene.db.swipe("1001", at: "2026-11-17T15:42:30+01:00", reader: "cafe")
        #expect(try follower.poll(now: DeskScene.now))
        let model = follower.model(now: DeskScene.now)
        #expect(model.checkIns.first?.who == "Amir" && model.checkIns.first?.reader == "cafe")
        #expect(model.checkIns.count == 6)
        // An enrolment elsewhere adds no row but changes a name on the screen.
        _ = try scene.db.store.enrolLast(reader: "cafe", details: VisitorDetails(nickname: "Noor"), existingCode: nil, currentYear: 2026)
        #expect(try follower.poll(now: DeskScene.now))
        #expect(follower.model(now: DeskScene.now).checkIns.map { $0.who ?? "?" } == ["Amir", "Noor", "Sara", "Amir", "Amir", "Lina"])
        #expect(follower.model(now: DeskScene.now).newestUnknownCard == nil)
    }

    @Test func theDeskNeverHoldsALock() throws {
        let scene = try DeskScene()
        let follower = try DeskFollower(store: try scene.db.reopen(), venue: nil)
        _ = try follower.poll(now: DeskScene.now)
        let writer = try scene.db.reopen()
        try writer.db.execute("PRAGMA busy_timeout = 0")
        // BEGIN IMMEDIATE fails at once if any connection holds the write lock.
        _ = try writer.db.transaction { try writer.db.run("UPDATE venues SET name = name") }
    }

    @Test func aNewDayStartsWithAnEmptyList() throws {
        let scene = try DeskScene()
        let follower = try DeskFollower(store: scene.db.store, venue: nil)
        _ = try follower.poll(now: DeskScene.now)
        let tomorrow = TestDatabase.time("2026-11-18T08:00:00+01:00")
        #expect(try follower.poll(now: tomorrow))
        let model = follower.model(now: tomorrow)
        #expect(model.checkIns.isEmpty && model.total.visits == 0)
        #expect(model.readers.map(\.source) == [.dropIn, .dropIn], "the desk's switch ran out at 19:40; no slot on Wednesday")
    }

    @Test func severalVenuesNeedVenue() throws {
        let scene = try DeskScene()
        try scene.db.store.addVenue(slug: "cafet", name: "Caféet")
        #expect(throws: StoreError.self) { try DeskFollower(store: scene.db.store, venue: nil) }
        #expect(try DeskFollower(store: scene.db.store, venue: "cafet").venue.name == "Caféet")
    }
}
