// /enrol: registers the newest unknown card, by the rules of `narvaro enrol --last` and through
// the same Store call (Store.enrolLast): nickname, birth year, gender, role — or attach the card
// to an existing visitor. A refused form comes back with the message and the typed values (400).
import NarvaroCore
import NarvaroDesk

enum EnrolPage {
    /// What was typed, kept to show the form again.
    struct Typed {
        var nickname = "", birthYear = "", gender = "", role = "", visitor = "", card = "", venue = ""

        init() {}

        init(_ request: CGIRequest) {
            nickname = request.field("nickname") ?? ""
            birthYear = request.field("birth_year") ?? ""
            gender = request.field("gender") ?? ""
            role = request.field("role") ?? ""
            visitor = request.field("visitor") ?? ""
            card = request.field("card") ?? ""
            venue = request.field("venue") ?? ""
        }
    }

    static func show(_ ctx: WebContext) throws -> CGIResponse {
        var typed = Typed()
        typed.venue = ctx.request.parameter("venue") ?? ""
        return try form(ctx, typed: typed, error: nil, status: 200)
    }

    static func form(_ ctx: WebContext, typed: Typed, error: String?, status: Int) throws -> CGIResponse {
        let t = ctx.texts, d = ctx.deskTexts
        let store = try ctx.store()
        var html = "<h1>\(h(t.enrolTitle))</h1>\n"
        if let error { html += PageLayout.formError(error, in: ctx) }
        let last: (cardID: Int64, placeholder: Visitor, time: EventTime)
        do { last = try store.lastUnknownCard(reader: nil) } catch StoreError.notFound {
            html += "<p id=\"no-unknown-card\">\(h(t.noUnknownCard))</p>\n<p><a href=\"/desk\">\(h(t.backToDesk))</a></p>"
            return PageLayout.page(ctx, title: t.enrolTitle, main: html, status: status)
        }
        let swipe = try store.checkIns(CheckInFilter(outcome: .unknown, limit: 200)).first { $0.visitorCode == last.placeholder.code }
        let clock = try VenueClock(identifier: store.venues().first { $0.slug == swipe?.venue }?.timeZone ?? "Europe/Stockholm")
        html += "<p class=\"alert\" id=\"card\">\(h(d.enrolTitle(swipe?.reader ?? "?", clock.clockText(last.time))))</p>\n"
        html += "<p class=\"hint\">\(h(t.enrolIntro))</p>\n"
        html += "<form class=\"stack\" method=\"post\" action=\"/enrol\" id=\"enrol-form\">\(try ctx.csrfField())\n"
        html += "<input type=\"hidden\" name=\"card\" value=\"\(h(last.placeholder.code))\">"
        if !typed.venue.isEmpty { html += "<input type=\"hidden\" name=\"venue\" value=\"\(h(typed.venue))\">" }
        html += "<label>\(h(d.nickname)) <span class=\"hint\">(\(h(t.optional)))</span>"
        html += "<input name=\"nickname\" id=\"nickname\" maxlength=\"200\" autocomplete=\"off\" autofocus value=\"\(h(typed.nickname))\"></label>\n"
        html += "<label>\(h(d.birthYear)) <span class=\"hint\">(\(h(t.optional)))</span>"
        html += "<input name=\"birth_year\" id=\"birth_year\" inputmode=\"numeric\" maxlength=\"12\" autocomplete=\"off\" value=\"\(h(typed.birthYear))\"></label>\n"
        html += select("gender", label: d.gender, choices: EnrolDialog.genders.map { ($0.rawValue, d.genders[$0] ?? $0.rawValue) }, chosen: typed.gender, t: t)
        html += select("role", label: d.role, choices: EnrolDialog.roles.map { ($0.rawValue, d.roles[$0] ?? $0.rawValue) }, chosen: typed.role, t: t)
        html += "<label>\(h(t.existingVisitor)) <span class=\"hint\">\(h(t.existingVisitorHint))</span>"
        html += "<input name=\"visitor\" id=\"visitor\" maxlength=\"12\" autocomplete=\"off\" value=\"\(h(typed.visitor))\"></label>\n"
        html += "<button type=\"submit\" id=\"enrol-submit\">\(h(t.save))</button>\n</form>"
        return PageLayout.page(ctx, title: t.enrolTitle, main: html, status: status)
    }

    static func select(_ name: String, label: String, choices: [(String, String)], chosen: String, t: WebTexts) -> String {
        var html = "<label>\(h(label)) <span class=\"hint\">(\(h(t.optional)))</span><select name=\"\(name)\" id=\"\(name)\">"
        html += "<option value=\"\">\(h(t.choose))</option>"
        for (value, text) in choices {
            html += "<option value=\"\(h(value))\"\(value == chosen ? " selected" : "")>\(h(text))</option>"
        }
        return html + "</select></label>\n"
    }

    static func enrol(_ ctx: WebContext) throws -> CGIResponse {
        let typed = Typed(ctx.request)
        let details: VisitorDetails
        let existing: String?
        do {
            details = try parseDetails(nickname: typed.nickname, birthYear: typed.birthYear, gender: typed.gender, role: typed.role)
            existing = typed.visitor.trimmedSpaces.isEmpty ? nil : typed.visitor.trimmedSpaces
            if existing != nil, details != VisitorDetails() {
                throw WebError.badRequest("visitor adds the card to an existing visitor: change their details on that visitor's page")
            }
        } catch let error as WebError {
            return try form(ctx, typed: typed, error: error.description, status: 400)
        }
        let store = try ctx.store()
        do {
            let visitor = try store.audited(user: ctx.user, action: "enrol", at: ctx.now) {
                let v = try store.enrolLast(reader: nil, details: details, existingCode: existing, currentYear: ctx.currentYear,
                                             expecting: typed.card.isEmpty ? nil : typed.card)
                let detail = existing != nil ? "card \(typed.card) added to existing visitor" : describe(details)
                return (v, v.code, detail)
            }
            return .redirect("/desk" + PageLayout.query([("venue", typed.venue.isEmpty ? nil : typed.venue), ("enrolled", visitor.code)]))
        } catch StoreError.enrolmentMoved {
            var fresh = typed
            fresh.card = ""
            return try form(ctx, typed: fresh, error: StoreError.enrolmentMoved.description, status: 400)
        } catch let error as StoreError where !error.isDatabaseTrouble {
            return try form(ctx, typed: typed, error: error.description, status: 400)
        }
    }

    /// The visitor options as `narvaro enrol` reads them: the same ranges, choices and messages.
    static func parseDetails(nickname: String, birthYear: String, gender: String, role: String) throws(WebError) -> VisitorDetails {
        var details = VisitorDetails()
        let nick = nickname.trimmedSpaces
        details.nickname = nick.isEmpty ? nil : nick
        let year = birthYear.trimmedSpaces
        if !year.isEmpty {
            guard year.count <= 6, year.allSatisfy({ $0.isASCII && $0.isNumber }), let n = Int(year), (1800...9999).contains(n) else {
                throw .badRequest("birth_year takes a whole number from 1800 to 9999, not '\(year)'")
            }
            details.birthYear = n
        }
        if !gender.isEmpty {
            guard let g = Gender(rawValue: gender) else {
                throw .badRequest("gender takes one of \(Gender.allCases.map(\.rawValue).joined(separator: ", ")), not '\(gender)'")
            }
            details.gender = g
        }
        if !role.isEmpty {
            guard let r = Role(rawValue: role) else {
                throw .badRequest("role takes one of \(Role.allCases.map(\.rawValue).joined(separator: ", ")), not '\(role)'")
            }
            details.role = r
        }
        return details
    }

    static func describe(_ d: VisitorDetails) -> String {
        [d.nickname.map { "nickname=\($0)" }, d.birthYear.map { "birth_year=\($0)" }, d.gender.map { "gender=\($0.rawValue)" },
         d.role.map { "role=\($0.rawValue)" }].compactMap { $0 }.joined(separator: " ")
    }
}

extension String {
    var trimmedSpaces: String {
        var s = Substring(self)
        while let f = s.first, f.isWhitespace { s.removeFirst() }
        while let l = s.last, l.isWhitespace { s.removeLast() }
        return String(s)
    }
}
