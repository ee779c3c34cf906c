// /visitors/CODE: everything held about one visitor (what `visitor show --all` prints), a form to
// change the details (`visitor edit`), and revoking a card (`card revoke`); each change audited.
import NarvaroCore
import NarvaroDesk

enum VisitorPage {
    static func checkedCode(_ code: String) throws(WebError) -> String {
        let upper = code.uppercased()
        guard VisitorCodeGenerator.isValid(upper) else { throw .badRequest("'\(code)' is not a visitor code (six letters and digits, e.g. K7M2QD)") }
        return upper
    }

    static func show(_ ctx: WebContext, code: String) throws -> CGIResponse {
        try page(ctx, code: checkedCode(code), typed: nil, error: nil, status: 200)
    }

    static func page(_ ctx: WebContext, code: String, typed: EnrolPage.Typed?, error: String?, status: Int) throws -> CGIResponse {
        let t = ctx.texts, d = ctx.deskTexts
        let store = try ctx.store()
        let record = try store.record(ofVisitor: code)
        let v = record.visitor
        let clock = try VenueClock(identifier: store.venues().first?.timeZone ?? "Europe/Stockholm")
        var html = "<h1>\(h(t.visitors)): \(h(v.code))\(v.nickname.map { " (\(h($0)))" } ?? "")</h1>\n"
        if ctx.request.parameter("saved") != nil { html += "<p class=\"notice\" role=\"status\">\(h(t.saved))</p>\n" }
        if ctx.request.parameter("revoked") != nil { html += "<p class=\"notice\" role=\"status\">\(h(t.cardRevoked))</p>\n" }
        if let error { html += PageLayout.formError(error, in: ctx) }
        html += "<h2>\(h(t.details))</h2>\n<dl class=\"facts\" id=\"details\"><dt>\(h(t.code))</dt><dd>\(h(v.code))</dd>"
        html += "<dt>\(h(t.nickname))</dt><dd>\(h(v.nickname ?? "–"))</dd><dt>\(h(t.birthYear))</dt><dd>\(v.birthYear.map(String.init) ?? "–")</dd>"
        html += "<dt>\(h(t.gender))</dt><dd>\(h(d.genders[v.gender] ?? v.gender.rawValue))</dd><dt>\(h(d.role))</dt><dd>\(h(d.roles[v.role] ?? v.role.rawValue))</dd></dl>\n"

        let typed = typed ?? {
            var fresh = EnrolPage.Typed()
            fresh.nickname = v.nickname ?? ""
            fresh.birthYear = v.birthYear.map(String.init) ?? ""
            fresh.gender = v.gender.rawValue
            fresh.role = v.role.rawValue
            return fresh
        }()
        html += "<h2>\(h(t.edit))</h2>\n<form class=\"stack\" method=\"post\" action=\"/visitors/\(h(v.code))/edit\" id=\"edit-form\">\(try ctx.csrfField())\n"
        html += "<label>\(h(d.nickname))<input name=\"nickname\" id=\"nickname\" maxlength=\"200\" autocomplete=\"off\" value=\"\(h(typed.nickname))\"></label>\n"
        html += "<label>\(h(d.birthYear))<input name=\"birth_year\" id=\"birth_year\" inputmode=\"numeric\" maxlength=\"12\" value=\"\(h(typed.birthYear))\"></label>\n"
        html += EnrolPage.select("gender", label: d.gender, choices: EnrolDialog.genders.map { ($0.rawValue, d.genders[$0] ?? $0.rawValue) }, chosen: typed.gender, t: t)
        html += EnrolPage.select("role", label: d.role, choices: EnrolDialog.roles.map { ($0.rawValue, d.roles[$0] ?? $0.rawValue) }, chosen: typed.role, t: t)
        html += "<button type=\"submit\">\(h(t.save))</button>\n</form>\n"

        html += "<h2>\(h(t.cards))</h2>\n<div class=\"scroll\"><table id=\"cards\"><tbody>\n"
        for card in record.cards {
            html += "<tr><td>#\(card.id)</td><td>\(h(card.revokedAt == nil ? t.active : t.revoked))</td><td>"
            if card.revokedAt == nil {
                html += "<form method=\"post\" action=\"/visitors/\(h(v.code))/revoke\">\(try ctx.csrfField())"
                html += "<input type=\"hidden\" name=\"card\" value=\"\(card.id)\"><button type=\"submit\" class=\"danger\">\(h(t.revoke)) #\(card.id)</button></form>"
            }
            html += "</td></tr>\n"
        }
        html += "</tbody></table></div>\n"
        if !record.firstVisits.isEmpty {
            html += "<h2>\(h(t.firstVisits))</h2>\n<ul>" + record.firstVisits.map { "<li>\(h($0.venue)): \(h($0.day.description))</li>" }.joined() + "</ul>\n"
        }
        html += "<h2>\(h(t.checkIns)) (\(record.checkIns.count)\(record.checkIns.count > 100 ? ", 100 \(h(t.showing))" : ""))</h2>\n"
        html += "<div class=\"scroll\"><table id=\"checkins\"><tbody>\n"
        for c in record.checkIns.suffix(100).reversed() {
            html += "<tr><td>\(h(clock.localDate(of: c.time).description)) \(h(clock.clockText(c.time)))</td><td>\(h(c.reader))</td>"
            html += "<td>\(h(c.activityName ?? c.activity ?? "-"))</td><td>\(h(c.outcome.rawValue))</td></tr>\n"
        }
        html += "</tbody></table></div>\n<p><a href=\"/visitors/\(h(v.code))/forget\">\(h(t.forget))</a></p>"
        return PageLayout.page(ctx, title: "\(t.visitors): \(v.code)", main: html, status: status)
    }

    static func edit(_ ctx: WebContext, code raw: String) throws -> CGIResponse {
        let code = try checkedCode(raw)
        let typed = EnrolPage.Typed(ctx.request)
        let store = try ctx.store()
        do {
            let details = try EnrolPage.parseDetails(nickname: typed.nickname, birthYear: typed.birthYear, gender: typed.gender, role: typed.role)
            _ = try store.audited(user: ctx.user, action: "edit", at: ctx.now) {
                let v = try store.editVisitor(code: code, details: details, currentYear: ctx.currentYear)
                return (v, v.code, EnrolPage.describe(details))
            }
        } catch let error as WebError {
            return try page(ctx, code: code, typed: typed, error: error.description, status: error.status)
        } catch let error as StoreError where !error.isDatabaseTrouble {
            if case .notFound = error { throw error }
            return try page(ctx, code: code, typed: typed, error: error.description, status: 400)
        }
        return .redirect("/visitors/\(code)?saved=1")
    }

    static func revoke(_ ctx: WebContext, code raw: String) throws -> CGIResponse {
        let code = try checkedCode(raw)
        guard let text = ctx.request.field("card"), let id = Int64(text), id > 0 else {
            throw WebError.badRequest("card takes a card number as listed (#N), not '\(ctx.request.field("card") ?? "")'")
        }
        let store = try ctx.store()
        try store.audited(user: ctx.user, action: "revoke-card", at: ctx.now) {
            try store.revokeCard(id: id, ofVisitor: code, now: ctx.now)
            return ((), code, "card #\(id)")
        }
        return .redirect("/visitors/\(code)?revoked=1")
    }
}
