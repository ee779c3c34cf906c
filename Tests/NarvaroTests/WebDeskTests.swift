// The desk, its JSON events and enrolment through narvaro-web, in-process on a real database:
// what the page shows, escaping, the CSRF check before any change, groups, and the audit row.
@testable import NarvaroCore
@testable import NarvaroDesk
@testable import NarvaroWeb
import Foundation
import Testing

@Suite struct WebDeskTests {
    /// A venue, one enrolled visitor with a hostile nickname who swiped, and one unknown card.
    func scene() throws -> WebHarness {
        let web = try WebHarness()
        try web.db.standardVenue()
        _ = try web.db.store.addVisitor(VisitorDetails(nickname: "<script>alert(1)</script>"), card: "1001", format: .raw, now: web.now, currentYear: 2026)
        try web.db.swipe("1001", at: "2026-11-19T15:30:00+01:00")
        try web.db.swipe("2002", at: "2026-11-19T15:31:00+01:00")
        return web
    }

    @Test func theDeskShowsTodaysSwipesEscapedWithSecurityHeaders() throws {
        let web = try scene()
        let page = try web.get("/desk")
        #expect(page.status == 200)
        #expect(page.text.contains("Välkommen, &lt;script&gt;alert(1)&lt;/script&gt;!"))
        #expect(!page.text.contains("<script>alert"), "stored text is never markup")
        #expect(page.text.contains("! NYTT KORT"), "the unknown card's mark is a word, not only a colour")
        #expect(page.text.contains("id=\"unknown-card\" class=\"alert\">"), "the new-card notice is shown")
        #expect(page.header("Content-Security-Policy")?.hasPrefix("default-src 'self'") == true)
        #expect(page.header("X-Content-Type-Options") == "nosniff")
        #expect(page.header("Referrer-Policy") == "no-referrer")
        #expect(page.header("X-Frame-Options") == "DENY")
        #expect(!page.text.contains(" style=") && !page.text.contains("<style") && !page.text.contains("onclick"), "no inline style or script under the CSP")
        #expect(page.text.contains("<script src=\"/static/desk-"), "one script, from a file")
        let screen = try web.get("/desk", query: "screen=visitor")
        #expect(screen.status == 200 && screen.text.contains("visitor-screen") && !screen.text.contains("id=\"swipes\""))
    }

    @Test func eventsAnswerJSONWithTheCheckInsAfterAnID() throws {
        let web = try scene()
        let all = try web.get("/desk/events", query: "after=0").jsonObject()
        let checkIns = try #require(all["check_ins"] as? [[String: Any]])
        #expect(checkIns.count == 2)
        #expect(checkIns.first?["outcome"] as? String == "unknown" && checkIns.first?["awaits_enrolment"] as? Bool == true)
        #expect(checkIns.last?["who"] as? String == "<script>alert(1)</script>", "JSON carries the text; the page inserts it as text")
        let last = try #require(all["last_id"] as? Int)
        let none = try web.get("/desk/events", query: "after=\(last)").jsonObject()
        #expect((none["check_ins"] as? [Any])?.isEmpty == true)
        try web.db.swipe("1001", at: "2026-11-19T15:50:00+01:00")
        let fresh = try web.get("/desk/events", query: "after=\(last)")
        #expect(fresh.header("Content-Type")?.hasPrefix("application/json") == true)
        #expect((try fresh.jsonObject()["check_ins"] as? [[String: Any]])?.map { $0["id"] as? Int } == [last + 1])
        for bad in ["after=abc", "after=-1", "after=99999999999999999999", "", "after=1&venue=NOPE!"] {
            #expect(try web.get("/desk/events", query: bad).status == 400, "\(bad)")
        }
    }

    @Test func enrollingThroughTheFormMovesTheCardAndWritesAnAuditRow() throws {
        let web = try scene()
        let before = try web.db.store.lastUnknownCard(reader: nil).placeholder
        let token = try web.token()
        let done = try web.post("/enrol", [("csrf", token), ("card", before.code), ("nickname", "Sara"), ("birth_year", "2009"),
                                           ("gender", "woman"), ("role", ""), ("visitor", "")])
        #expect(done.status == 303)
        #expect(done.header("Location") == "/desk?enrolled=\(before.code)")
        let visitor = try web.db.store.visitor(code: before.code)
        #expect(visitor.enrolled && visitor.nickname == "Sara" && visitor.birthYear == 2009 && visitor.gender == .woman)
        let audit = try web.db.store.auditEntries()
        #expect(audit.count == 1 && audit[0].user == "anna" && audit[0].action == "enrol" && audit[0].subject == before.code)
        #expect(try web.get("/desk", query: "enrolled=\(before.code)").text.contains("Registrerad som besökare \(before.code)."))
        #expect(try web.get("/audit").text.contains("Sara"))
    }

    @Test func aForgedOrForeignPostIsRefusedAndChangesNothing() throws {
        let web = try scene()
        let token = try web.token()
        let fields = [("nickname", "Mallory"), ("birth_year", ""), ("gender", ""), ("role", ""), ("visitor", "")]
        #expect(try web.post("/enrol", fields).status == 403, "no token")
        #expect(try web.post("/enrol", fields + [("csrf", String(repeating: "0", count: 64))]).status == 403, "a wrong token")
        #expect(try web.post("/enrol", fields + [("csrf", token.uppercased())]).status == 403, "a token differing in case")
        #expect(try web.post("/enrol", fields + [("csrf", token)], user: "bo").status == 403, "another user's token")
        let session = web.cookies[CSRFGuard.cookieName]
        web.cookies[CSRFGuard.cookieName] = nil
        #expect(try web.post("/enrol", fields + [("csrf", token)]).status == 403, "the token without its session cookie")
        web.cookies[CSRFGuard.cookieName] = session
        #expect(try web.post("/enrol", fields + [("csrf", token)], user: "kim").status == 403, "the readers group cannot enrol")
        #expect(try web.db.store.auditEntries().isEmpty)
        #expect(try web.db.store.lastUnknownCard(reader: nil).placeholder.enrolled == false, "the card is still unknown")
        #expect(try web.post("/enrol", fields + [("csrf", token)]).status == 303, "the same form with its token works")
    }

    @Test func aBadFormComesBackWithTheCLIsMessageAndTheTypedValues() throws {
        let web = try scene()
        let token = try web.token()
        func enrol(_ fields: [(String, String)]) throws -> CGIResponse { try web.post("/enrol", [("csrf", token)] + fields) }
        let notANumber = try enrol([("nickname", "Kim & Co"), ("birth_year", "abc")])
        #expect(notANumber.status == 400)
        // In the page's language, Swedish by default: the command line's messages and phrase tables.
        #expect(notANumber.text.contains("birth_year tar ett heltal från 1800 till 9999, inte &#39;abc&#39;"))
        #expect(notANumber.text.contains("value=\"Kim &amp; Co\"") && notANumber.text.contains("value=\"abc\""), "typed values are kept")
        let implausible = try enrol([("birth_year", "1850")])
        #expect(implausible.status == 400 && implausible.text.contains("födelseåret 1850 är inte rimligt: ange ett år mellan"))
        #expect(try enrol([("gender", "robot")]).text.contains("gender tar ett av woman, man, other, unstated, inte &#39;robot&#39;"))
        #expect(try enrol([("nickname", String(repeating: "x", count: 61))]).text.contains("smeknamnet är längre än 60 tecken"))
        let both = try enrol([("visitor", "K7M2QD"), ("nickname", "x")])
        #expect(both.status == 400 && both.text.contains("besökare lägger kortet till en befintlig besökare"))
        // In English once the page is.
        #expect(try web.get("/enrol", query: "lang=en").status == 200)
        #expect(try enrol([("nickname", String(repeating: "x", count: 61))]).text.contains("nickname is longer than 60 characters"))
        #expect(try enrol([("birth_year", "abc")]).text.contains("birth_year takes a whole number from 1800 to 9999, not &#39;abc&#39;"))
        #expect(try enrol([("visitor", "ZZZZZZ")]).status == 400)
        #expect(try enrol([("card", "AAAAAA")]).text.contains("another new card was swiped meanwhile"))
        #expect(try web.db.store.auditEntries().isEmpty, "nothing refused is recorded as done")
    }

    @Test func readersSeeReportsOnlyAndStrangersNothing() throws {
        let web = try scene()
        #expect(try web.get("/desk", user: "kim").status == 403)
        #expect(try web.get("/report", user: "kim").status == 200)
        #expect(try web.get("/", user: "kim").header("Location") == "/report")
        #expect(try web.get("/desk", user: "eve").status == 403)
        #expect(try web.get("/desk", user: nil).status == 403)
    }

    @Test func theLanguageSwitchesToEnglishAndStays() throws {
        let web = try scene()
        let english = try web.get("/desk", query: "lang=en")
        #expect(english.text.contains("Welcome, &lt;script&gt;") && english.text.contains("<html lang=\"en\">"))
        #expect(web.cookies[WebContext.langCookie] == "en")
        #expect(try web.get("/report").text.contains("Visits"))
        #expect(try web.get("/desk", query: "lang=sv").text.contains("Välkommen"))
        #expect(try web.get("/desk", query: "lang=de").status == 400)
    }

    @Test func switchingAReadersActivityIsAuditedPost() throws {
        let web = try scene()
        _ = try web.db.store.addActivity(slug: "laxhjalp", venue: "tingshuset", name: "Läxhjälp", organizer: nil)
        let activity = try web.db.store.activity(named: "laxhjalp", venue: "tingshuset")
        let token = try web.token(from: "/desk")
        let done = try web.post("/desk/activity", [("csrf", token), ("reader", "entre"), ("activity", String(activity.id))])
        #expect(done.status == 303)
        #expect(try web.db.store.reader(named: "entre").currentActivityID == activity.id)
        #expect(try web.db.store.auditEntries().first?.action == "switch-activity")
        #expect(try web.post("/desk/activity", [("csrf", token), ("reader", "entre"), ("activity", "999")]).status == 400)
        #expect(try web.post("/desk/activity", [("csrf", token), ("reader", "entre"), ("activity", "")]).status == 303)
        #expect(try web.db.store.reader(named: "entre").currentActivityID == nil)
    }

    @Test func theDeskShowsTodayInTheVenuesZoneAndNothingOfYesterday() throws {
        let web = try WebHarness()
        try web.db.standardVenue()
        try web.db.swipe("1001", at: "2026-11-18T23:50:00+01:00")   // yesterday, local
        try web.db.swipe("2002", at: "2026-11-19T00:05:00+01:00")   // today, local (still the 18th in UTC)
        let events = try web.get("/desk/events", query: "after=0").jsonObject()
        #expect((events["check_ins"] as? [[String: Any]])?.map { $0["time"] as? String } == ["00:05"])
        #expect(try web.db.store.checkIns(CheckInFilter(since: TestDatabase.time("2026-11-19T00:00:00+01:00"), venue: "tingshuset")).count == 1)
    }
}
