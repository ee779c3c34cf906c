// /visitors: find, show everything held, edit, revoke a card, forget behind a confirmation;
// every change audited with the signed-in user, and refused without a token.
@testable import NarvaroCore
@testable import NarvaroWeb
import Foundation
import Testing

@Suite struct WebVisitorsTests {
    @Test func findShowEditRevokeAndForgetAVisitor() throws {
        let web = try WebHarness()
        try web.db.standardVenue()
        let amir = try web.db.store.addVisitor(VisitorDetails(nickname: "Amir <b>"), card: "1001", format: .raw, now: web.now, currentYear: 2026)
        try web.db.swipe("1001", at: "2026-11-19T15:30:00+01:00")
        let found = try web.get("/visitors", query: "q=amir")
        #expect(found.text.contains("href=\"/visitors/\(amir.code)\"") && found.text.contains("Amir &lt;b&gt;"))
        #expect(try web.get("/visitors", query: "q=\(amir.code.lowercased())").text.contains(amir.code))
        #expect(try web.get("/visitors", query: "q=nobody").text.contains("Ingen besökare matchar."))
        let shown = try web.get("/visitors/\(amir.code)")
        #expect(shown.status == 200 && shown.text.contains("id=\"checkins\"") && shown.text.contains("#1"))

        let token = try web.token(from: "/visitors/\(amir.code)")
        let edited = try web.post("/visitors/\(amir.code)/edit", [("csrf", token), ("nickname", "Amir"), ("birth_year", "2010"), ("gender", "man"), ("role", "participant")])
        #expect(edited.status == 303)
        #expect(try web.db.store.visitor(code: amir.code).birthYear == 2010)
        let refused = try web.post("/visitors/\(amir.code)/edit", [("csrf", token), ("nickname", ""), ("birth_year", "20x0"), ("gender", ""), ("role", "")])
        #expect(refused.status == 400 && refused.text.contains("value=\"20x0\""))

        #expect(try web.post("/visitors/\(amir.code)/revoke", [("card", "1")]).status == 403, "no token")
        #expect(try web.post("/visitors/\(amir.code)/revoke", [("csrf", token), ("card", "1")]).status == 303)
        #expect(try web.db.store.cards(visitorID: amir.id).first?.revokedAt != nil)
        #expect(try web.post("/visitors/\(amir.code)/revoke", [("csrf", token), ("card", "1")]).status == 400, "already revoked")
        #expect(try web.post("/visitors/\(amir.code)/revoke", [("csrf", token), ("card", "x")]).status == 400)

        let confirm = try web.get("/visitors/\(amir.code)/forget")
        #expect(confirm.text.contains("besökare \(amir.code) (Amir) med 1 kort och 1 blipp"), "the confirmation names what goes")
        #expect(try web.post("/visitors/\(amir.code)/forget", [("csrf", token)]).status == 400, "without the confirmation step")
        #expect(try web.db.store.visitors().count == 1)
        let forgotten = try web.post("/visitors/\(amir.code)/forget", [("csrf", token), ("confirm", amir.code)])
        #expect(forgotten.status == 303 && forgotten.header("Location") == "/visitors?forgotten=\(amir.code)")
        #expect(try web.db.store.visitors().isEmpty)
        let actions = try web.db.store.auditEntries().map(\.action)
        #expect(actions == ["forget", "revoke-card", "edit"])
        #expect(try web.db.store.auditEntries().allSatisfy { $0.user == "anna" && $0.subject == amir.code })
        let audit = try web.get("/audit")
        #expect(audit.text.contains("forget") && audit.text.contains("revoke-card"))
        #expect(try web.get("/audit", user: "kim").status == 403)
    }
}
