// /audit: who changed what through the pages and when, newest first (staff only).
import NarvaroCore
import NarvaroDesk

enum AuditPage {
    static func show(_ ctx: WebContext) throws -> CGIResponse {
        let t = ctx.texts
        let store = try ctx.store()
        let clock = try VenueClock(identifier: store.venues().first?.timeZone ?? "Europe/Stockholm")
        let entries = try store.auditEntries(limit: 500)
        var html = "<h1>\(h(t.audit))</h1>\n"
        guard !entries.isEmpty else { return PageLayout.page(ctx, title: t.audit, main: html + "<p>\(h(t.noAudit))</p>") }
        html += "<div class=\"scroll\"><table id=\"audit\"><thead><tr><th>\(h(t.at))</th><th>\(h(t.user))</th><th>\(h(t.action))</th>"
        html += "<th>\(h(t.subject))</th><th>\(h(t.detail))</th></tr></thead><tbody>\n"
        for e in entries {
            html += "<tr><td>\(h(clock.localDate(of: e.at).description)) \(h(clock.clockText(e.at, seconds: true)))</td><td>\(h(e.user))</td>"
            html += "<td>\(h(e.action))</td><td>\(h(e.subject))</td><td>\(h(e.detail))</td></tr>\n"
        }
        return PageLayout.page(ctx, title: t.audit, main: html + "</tbody></table></div>")
    }
}
