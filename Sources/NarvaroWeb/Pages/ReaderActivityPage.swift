// What each reader counts now, and the switch the desk's `a` key makes: POST /desk/activity sets
// a reader's activity until the end of that activity's running slot (else 4 hours), or back to
// its usual one. The same Store call as the terminal desk; recorded in the audit table.
import NarvaroCore
import NarvaroDesk

enum ReaderActivityPage {
    /// The readers' list with one small form each (the desk page's "Running now" section).
    static func section(_ ctx: WebContext, venue: Venue, readers: [DeskReaderNow]) throws -> String {
        let d = ctx.deskTexts, t = ctx.texts
        guard !readers.isEmpty else { return "<p>\(h(d.noReaders))</p>\n" }
        let activities = try ctx.store().activities(venue: venue.slug).sorted { $0.name.lowercased() < $1.name.lowercased() }
        var html = "<div class=\"scroll\"><table id=\"readers\"><tbody>\n"
        for (i, r) in readers.enumerated() {
            let why: String
            switch r.source {
            case .fixed: why = d.fixed
            case .activityCard: why = d.setUntil(r.until ?? "–")
            case .schedule, .scheduleOverlap: why = d.scheduledUntil(r.until ?? "–")
            case .dropIn: why = d.nothingScheduled
            }
            html += "<tr><th>\(h(r.reader))</th><td>\(h(r.activity)) <span class=\"hint\">(\(h(why)))</span></td><td>"
            html += "<form class=\"inline\" method=\"post\" action=\"/desk/activity\">\(try ctx.csrfField())"
            html += "<input type=\"hidden\" name=\"venue\" value=\"\(h(venue.slug))\"><input type=\"hidden\" name=\"reader\" value=\"\(h(r.reader))\">"
            html += "<label for=\"switch-\(i)\">\(h(t.switchTo))</label><select id=\"switch-\(i)\" name=\"activity\">"
            html += "<option value=\"\">\(h(t.usualActivity))</option>"
            html += activities.map { "<option value=\"\($0.id)\">\(h($0.name))</option>" }.joined()
            html += "</select><button type=\"submit\">\(h(t.switchButton))</button></form></td></tr>\n"
        }
        return html + "</tbody></table></div>\n"
    }

    static func change(_ ctx: WebContext) throws -> CGIResponse {
        guard let readerName = ctx.request.field("reader"), !readerName.isEmpty else { throw WebError.badRequest("reader is missing") }
        guard let activityText = ctx.request.field("activity") else { throw WebError.badRequest("activity is missing (empty means its usual activity)") }
        let store = try ctx.store()
        let reader = try store.reader(named: readerName)
        let venue = try store.venue(id: reader.venueID)
        let follower = try DeskFollower(store: store, venue: venue.slug)
        _ = try follower.poll(now: ctx.now)
        if activityText.isEmpty {
            try store.audited(user: ctx.user, action: "switch-activity", at: ctx.now) {
                try store.setCurrentActivity(reader: reader, activityID: nil, until: nil)
                return ((), reader.name, "back to usual")
            }
        } else {
            guard let id = Int64(activityText), let activity = try follower.switchableActivities().first(where: { $0.id == id }) else {
                throw WebError.badRequest("activity '\(activityText)' is not an activity of '\(venue.name)'")
            }
            let until = follower.switchExpiry(activityID: id, now: ctx.now)
            try store.audited(user: ctx.user, action: "switch-activity", at: ctx.now) {
                try store.setCurrentActivity(reader: reader, activityID: id, until: until)
                return ((), reader.name, "\(activity.slug) until \(follower.clock.clockText(until))")
            }
        }
        return .redirect("/desk" + PageLayout.query([("venue", venue.slug), ("saved", "1")]))
    }
}
