// /visitors?q=…: find a visitor by code or nickname (what `narvaro visitor list` lists).
import NarvaroCore
import NarvaroDesk

enum VisitorsPage {
    static func search(_ ctx: WebContext) throws -> CGIResponse {
        let t = ctx.texts, d = ctx.deskTexts
        let q = (ctx.request.parameter("q") ?? "").trimmedSpaces
        guard q.count <= 60 else { throw WebError.badRequest("the search is too long: type a code or part of a nickname") }
        let all = try ctx.store().visitors()
        let needle = q.lowercased()
        let found = q.isEmpty ? Array(all.suffix(100).reversed())
            : all.filter { $0.code == q.uppercased() || ($0.nickname?.lowercased().contains(needle) ?? false) }
        var html = "<h1>\(h(t.visitors))</h1>\n"
        if let code = ctx.request.parameter("forgotten") {
            guard VisitorCodeGenerator.isValid(code) else { throw WebError.badRequest("forgotten takes a visitor code, not '\(code)'") }
            html += "<p class=\"notice\" role=\"status\">\(h(t.forgotten)) \(h(code))</p>\n"
        }
        html += "<form class=\"inline\" method=\"get\" action=\"/visitors\" role=\"search\"><label>\(h(t.search)) "
        html += "<input name=\"q\" id=\"q\" value=\"\(h(q))\" placeholder=\"\(h(t.searchHint))\"></label><button type=\"submit\">\(h(t.search))</button></form>\n"
        guard !found.isEmpty else { return PageLayout.page(ctx, title: t.visitors, main: html + "<p>\(h(t.noMatches))</p>") }
        html += "<div class=\"scroll\"><table id=\"visitors\"><thead><tr><th>\(h(t.code))</th><th>\(h(t.nickname))</th><th>\(h(t.birthYear))</th>"
        html += "<th>\(h(t.gender))</th><th>\(h(d.role))</th></tr></thead><tbody>\n"
        for v in found.prefix(200) {
            html += "<tr><td><a href=\"/visitors/\(h(v.code))\">\(h(v.code))</a></td><td>\(h(v.nickname ?? ""))</td><td>\(v.birthYear.map(String.init) ?? "")</td>"
            html += "<td>\(h(d.genders[v.gender] ?? v.gender.rawValue))</td><td>\(h(d.roles[v.role] ?? v.role.rawValue))</td></tr>\n"
        }
        return PageLayout.page(ctx, title: t.visitors, main: html + "</tbody></table></div>")
    }
}
