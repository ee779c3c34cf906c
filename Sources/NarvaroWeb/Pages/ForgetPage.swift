// /visitors/CODE/forget: erasure (`narvaro forget`) behind a confirmation that names what will be
// deleted; the POST must repeat the visitor's code. The anonymous day totals keep their counts.
import NarvaroCore

enum ForgetPage {
    static func confirm(_ ctx: WebContext, code raw: String) throws -> CGIResponse {
        let code = try VisitorPage.checkedCode(raw)
        let t = ctx.texts
        let record = try ctx.store().record(ofVisitor: code)
        let name = record.visitor.code + (record.visitor.nickname.map { " (\($0))" } ?? "")
        var html = "<h1>\(h(t.forgetTitle)) \(h(code))</h1>\n"
        html += "<p class=\"alert\" id=\"forget-summary\">\(h(t.forgetSummary(name, record.cards.count, record.checkIns.count)))</p>\n"
        html += "<p>\(h(t.forgetWarning))</p>\n"
        html += "<form method=\"post\" action=\"/visitors/\(h(code))/forget\">\(try ctx.csrfField())"
        html += "<input type=\"hidden\" name=\"confirm\" value=\"\(h(code))\"><button type=\"submit\" class=\"danger\">\(h(t.forgetConfirm))</button> "
        html += "<a href=\"/visitors/\(h(code))\">\(h(t.cancel))</a></form>"
        return PageLayout.page(ctx, title: t.forgetTitle, main: html)
    }

    static func forget(_ ctx: WebContext, code raw: String) throws -> CGIResponse {
        let code = try VisitorPage.checkedCode(raw)
        guard ctx.request.field("confirm")?.uppercased() == code else {
            throw WebError.badRequest("forgetting needs the confirmation step: open the visitor's forget page and confirm there")
        }
        let store = try ctx.store()
        try store.audited(user: ctx.user, action: "forget", at: ctx.now) {
            let summary = try store.forget(code: code)
            return ((), code, "\(summary.checkIns) check-ins, \(summary.cards) cards, \(summary.visits) visits")
        }
        return .redirect("/visitors?forgotten=\(code)")
    }
}
