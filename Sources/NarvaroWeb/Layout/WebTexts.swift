// The pages' own words in Swedish and English. The desk's sentences (marks, greeting, validation)
// come from DeskTexts and the report's column names from Texts, so every front end says the same.
import NarvaroCore

public struct WebTexts: Sendable {
    public var appName, desk, enrol, report, visitors, audit, switchLanguage, signedInAs, visitorScreen: String
    public var badRequest, forbidden, notFound, serverError, tryAgain: String
    public var chooseVenue, registerThisCard, enrolTitle, enrolIntro, existingVisitor, existingVisitorHint, save, noUnknownCard, backToDesk: String
    public var optional, choose, reader, time, who, what, readers, switchTo, usualActivity, switchButton: String
    public var periodHint, show, by, byNothing, role, download, csv, csvSwedish, htmlExport, charts, perWeek, thisWeek, lastWeek, thisMonth, thisHalf: String
    public var search, searchHint, code, nickname, birthYear, gender, noMatches, details, cards, card, revoked, active, revoke: String
    public var firstVisits, checkIns, edit, forget, forgetTitle, forgetWarning, forgetConfirm, cancel, showing: String
    public var user, action, subject, detail, at, noAudit, enrolledAs, forgotten, saved, cardRevoked: String
    public var forgetSummary: @Sendable (String, Int, Int) -> String
    public var readersOnly: String

    public static func of(_ lang: Lang) -> WebTexts { lang == .sv ? sv : en }

    public static let en = WebTexts(
        appName: "Närvaro", desk: "Front desk", enrol: "Register card", report: "Report", visitors: "Visitors", audit: "Audit log",
        switchLanguage: "Svenska", signedInAs: "signed in as", visitorScreen: "Visitor screen",
        badRequest: "That did not work", forbidden: "Not allowed", notFound: "Not found", serverError: "Something went wrong",
        tryAgain: "Go back, correct it and try again.",
        chooseVenue: "Choose a venue", registerThisCard: "Register it", enrolTitle: "Register the new card",
        enrolIntro: "The newest card nobody has registered yet. Every field is optional; its earlier swipes move with it.",
        existingVisitor: "Or: another card of an existing visitor (code)",
        existingVisitorHint: "e.g. K7M2QD; leave the fields above empty", save: "Save", noUnknownCard: "No new card to register: swipe it on the reader first.",
        backToDesk: "Back to the desk",
        optional: "optional", choose: "(choose)", reader: "Reader", time: "Time", who: "Who", what: "What happened", readers: "Readers",
        switchTo: "Switch to", usualActivity: "its usual activity", switchButton: "Switch",
        periodHint: "2026-W47, 2026-11, 2026-H2 or 2026-11-01..2026-11-30", show: "Show", by: "Split by", byNothing: "venue and activity",
        role: "Who is counted", download: "Municipality export", csv: "CSV", csvSwedish: "CSV for Swedish Excel", htmlExport: "HTML report",
        charts: "Chart", perWeek: "Visits", thisWeek: "This week", lastWeek: "Last week", thisMonth: "This month", thisHalf: "This half-year",
        search: "Find", searchHint: "code or nickname", code: "Code", nickname: "Nickname", birthYear: "Birth year", gender: "Gender",
        noMatches: "No visitor matches.", details: "Details", cards: "Cards", card: "Card", revoked: "revoked", active: "active", revoke: "Revoke",
        firstVisits: "First visit", checkIns: "Check-ins", edit: "Change details", forget: "Forget this visitor…",
        forgetTitle: "Forget visitor", forgetWarning: "This deletes the visitor for good. The anonymous day totals keep their counts.",
        forgetConfirm: "Forget for good", cancel: "Cancel", showing: "newest shown",
        user: "User", action: "Action", subject: "Subject", detail: "Detail", at: "When", noAudit: "No changes recorded yet.",
        enrolledAs: "Registered as visitor", forgotten: "Forgotten:", saved: "Saved.", cardRevoked: "Card revoked.",
        forgetSummary: { "visitor \($0) with \($1) card(s) and \($2) check-in(s)" },
        readersOnly: "Your group (readers) sees reports only."
    )

    public static let sv = WebTexts(
        appName: "Närvaro", desk: "Reception", enrol: "Registrera kort", report: "Rapport", visitors: "Besökare", audit: "Ändringslogg",
        switchLanguage: "English", signedInAs: "inloggad som", visitorScreen: "Besöksskärm",
        badRequest: "Det gick inte", forbidden: "Inte tillåtet", notFound: "Finns inte", serverError: "Något gick fel",
        tryAgain: "Gå tillbaka, rätta och försök igen.",
        chooseVenue: "Välj mötesplats", registerThisCard: "Registrera det", enrolTitle: "Registrera det nya kortet",
        enrolIntro: "Det senaste kortet som ingen har registrerat än. Alla fält är frivilliga; kortets tidigare blipp följer med.",
        existingVisitor: "Eller: ett till kort för en befintlig besökare (kod)",
        existingVisitorHint: "t.ex. K7M2QD; lämna fälten ovan tomma", save: "Spara", noUnknownCard: "Inget nytt kort att registrera: blippa det på läsaren först.",
        backToDesk: "Tillbaka till receptionen",
        optional: "frivilligt", choose: "(välj)", reader: "Läsare", time: "Tid", who: "Vem", what: "Vad hände", readers: "Läsare",
        switchTo: "Byt till", usualActivity: "sin vanliga aktivitet", switchButton: "Byt",
        periodHint: "2026-W47, 2026-11, 2026-H2 eller 2026-11-01..2026-11-30", show: "Visa", by: "Dela upp på", byNothing: "mötesplats och aktivitet",
        role: "Vilka räknas", download: "Export till kommunen", csv: "CSV", csvSwedish: "CSV för svenskt Excel", htmlExport: "HTML-rapport",
        charts: "Diagram", perWeek: "Besök", thisWeek: "Denna vecka", lastWeek: "Förra veckan", thisMonth: "Denna månad", thisHalf: "Detta halvår",
        search: "Sök", searchHint: "kod eller smeknamn", code: "Kod", nickname: "Smeknamn", birthYear: "Födelseår", gender: "Kön",
        noMatches: "Ingen besökare matchar.", details: "Uppgifter", cards: "Kort", card: "Kort", revoked: "spärrat", active: "aktivt", revoke: "Spärra",
        firstVisits: "Första besök", checkIns: "Blipp", edit: "Ändra uppgifter", forget: "Glöm besökaren…",
        forgetTitle: "Glöm besökare", forgetWarning: "Detta raderar besökaren för gott. De anonyma dagssummorna behåller sina antal.",
        forgetConfirm: "Glöm för gott", cancel: "Avbryt", showing: "de senaste visas",
        user: "Användare", action: "Åtgärd", subject: "Vem/vad", detail: "Detaljer", at: "När", noAudit: "Inga ändringar registrerade än.",
        enrolledAs: "Registrerad som besökare", forgotten: "Glömd:", saved: "Sparat.", cardRevoked: "Kortet är spärrat.",
        forgetSummary: { "besökare \($0) med \($1) kort och \($2) blipp" },
        readersOnly: "Din grupp (läsare) ser bara rapporter."
    )
}
