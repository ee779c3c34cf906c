// The words of the front-desk view, in Swedish and English: kept apart from the shared report
// `Texts` because they are sentences for a volunteer at the desk, not column headers.
import NarvaroCore

public struct DeskTexts: Sendable {
    public var weekdays: [String]
    public var welcome: @Sendable (String) -> String
    public var noCheckInsYet, latest, newCard, newCardPressE, newCardEnrolled, counted, duplicate, revoked, activityCard: String
    public var today, participants, visits, unique, new, total, nothingCountedYet: String
    public var runningNow, fixed, nothingScheduled, noReaders: String
    public var scheduledUntil, setUntil: @Sendable (String) -> String
    public var newCardAlert: @Sendable (String, String) -> String
    public var helpLine: String
    public var enrolTitle: @Sendable (String, String) -> String
    public var nickname, birthYear, gender, role, skipHint, dialogKeys, choiceKeys: String
    public var genders: [Gender: String]
    public var roles: [Role: String]
    public var birthYearNotANumber: @Sendable (String) -> String
    public var birthYearImplausible: @Sendable (Int, Int, Int) -> String
    public var nicknameTooLong: String
    public var enrolled: @Sendable (String) -> String
    public var enrolCancelled, noUnknownCard, anotherCardMeanwhile: String
    public var switchTitle, chooseReader, chooseActivity, followSchedule, notInList: String
    public var switched: @Sendable (String, String, String) -> String
    public var switchedBack: @Sendable (String) -> String
    public var switchCancelled: String
    public var error: @Sendable (String) -> String

    public static func of(_ lang: Lang) -> DeskTexts { lang == .sv ? sv : en }

    public static let en = DeskTexts(
        weekdays: ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"],
        welcome: { "Welcome, \($0)!" },
        noCheckInsYet: "No swipes yet today.", latest: "Latest swipes", newCard: "NEW CARD",
        newCardPressE: "! NEW CARD: press e", newCardEnrolled: "+ new card, registered", counted: "✓ counted",
        duplicate: "= duplicate (already in)", revoked: "✗ REVOKED card, not counted", activityCard: "→ activity card",
        today: "Today", participants: "participants", visits: "Visits", unique: "Unique", new: "New", total: "Total",
        nothingCountedYet: "nothing counted yet",
        runningNow: "Running now", fixed: "fixed for this reader", nothingScheduled: "nothing scheduled",
        noReaders: "no readers at this venue",
        scheduledUntil: { "scheduled until \($0)" }, setUntil: { "switched until \($0)" },
        newCardAlert: { "! NEW CARD (\($0), \($1)): press e to register it" },
        helpLine: "e register new card · a switch activity · q quit",
        enrolTitle: { "Register the new card (\($0), \($1))" },
        nickname: "Nickname", birthYear: "Birth year", gender: "Gender", role: "Role",
        skipHint: "Enter = skip", dialogKeys: "Type, then Enter (empty = skip) · Esc cancels",
        choiceKeys: "Type a number, then Enter · Esc cancels",
        genders: [.woman: "woman", .man: "man", .other: "other", .unstated: "not stated"],
        roles: [.participant: "participant", .volunteer: "volunteer", .staff: "staff"],
        birthYearNotANumber: { "'\($0)' is not a year: type four digits, e.g. 2009" },
        birthYearImplausible: { "\($0) is not a plausible birth year: type a year from \($1) to \($2)" },
        nicknameTooLong: "the nickname is too long: use at most \(Visitor.longestNickname) characters",
        enrolled: { "Registered as visitor \($0)." },
        enrolCancelled: "Registration cancelled: nothing was changed.",
        noUnknownCard: "No new card to register: swipe it on the reader first.",
        anotherCardMeanwhile: "Another new card was swiped meanwhile: press e again to register that one.",
        switchTitle: "Switch the activity a reader counts", chooseReader: "Which reader?", chooseActivity: "Which activity?", followSchedule: "back to its usual activity (fixed or scheduled)",
        notInList: "type one of the numbers shown",
        switched: { "\($0) now counts \($1) until \($2)." }, switchedBack: { "\($0) is back to its usual activity." },
        switchCancelled: "Nothing was switched.",
        error: { "Could not do that: \($0)" }
    )

    public static let sv = DeskTexts(
        weekdays: ["måndag", "tisdag", "onsdag", "torsdag", "fredag", "lördag", "söndag"],
        welcome: { "Välkommen, \($0)!" },
        noCheckInsYet: "Inga blipp än i dag.", latest: "Senaste blipp", newCard: "NYTT KORT",
        newCardPressE: "! NYTT KORT: tryck e", newCardEnrolled: "+ nytt kort, registrerat", counted: "✓ räknad",
        duplicate: "= dubblett (redan inne)", revoked: "✗ SPÄRRAT kort, räknas inte", activityCard: "→ aktivitetskort",
        today: "I dag", participants: "deltagare", visits: "Besök", unique: "Unika", new: "Nya", total: "Totalt",
        nothingCountedYet: "inget räknat än",
        runningNow: "Pågår nu", fixed: "fast för läsaren", nothingScheduled: "inget schemalagt",
        noReaders: "inga läsare på mötesplatsen",
        scheduledUntil: { "enligt schema till \($0)" }, setUntil: { "ombytt fram till \($0)" },
        newCardAlert: { "! NYTT KORT (\($0), \($1)): tryck e för att registrera det" },
        helpLine: "e registrera nytt kort · a byt aktivitet · q avsluta",
        enrolTitle: { "Registrera det nya kortet (\($0), \($1))" },
        nickname: "Smeknamn", birthYear: "Födelseår", gender: "Kön", role: "Roll",
        skipHint: "Enter = hoppa över", dialogKeys: "Skriv, sedan Enter (tomt = hoppa över) · Esc avbryter",
        choiceKeys: "Skriv en siffra, sedan Enter · Esc avbryter",
        genders: [.woman: "kvinna", .man: "man", .other: "annat", .unstated: "ej angivet"],
        roles: [.participant: "deltagare", .volunteer: "volontär", .staff: "personal"],
        birthYearNotANumber: { "'\($0)' är inget årtal: skriv fyra siffror, t.ex. 2009" },
        birthYearImplausible: { "\($0) är inget rimligt födelseår: skriv ett år från \($1) till \($2)" },
        nicknameTooLong: "smeknamnet är för långt: använd högst \(Visitor.longestNickname) tecken",
        enrolled: { "Registrerad som besökare \($0)." },
        enrolCancelled: "Registreringen avbröts: inget ändrades.",
        noUnknownCard: "Inget nytt kort att registrera: blippa det på läsaren först.",
        anotherCardMeanwhile: "Ett annat nytt kort blippades under tiden: tryck e igen för att registrera det.",
        switchTitle: "Byt aktivitet för en läsare", chooseReader: "Vilken läsare?", chooseActivity: "Vilken aktivitet?", followSchedule: "tillbaka till det vanliga (fast eller enligt schema)",
        notInList: "skriv en av siffrorna som visas",
        switched: { "\($0) räknar nu \($1) till \($2)." }, switchedBack: { "\($0) är tillbaka till sin vanliga aktivitet." },
        switchCancelled: "Inget byttes.",
        error: { "Det gick inte: \($0)" }
    )
}
