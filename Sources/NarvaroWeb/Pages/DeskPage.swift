// /desk: the front desk in a browser — the greeting for the newest counted swipe, a notice for a
// new card, today's swipes with their marks (words, not only colour), today's counts per activity
// and what each reader counts now. /desk?screen=visitor shows only the greeting, in large type.
// The model is the terminal desk's (DeskModel), so both desks show the same thing.
import NarvaroCore
import NarvaroDesk

enum DeskPage {
    static func show(_ ctx: WebContext) throws -> CGIResponse {
        let visitorScreen: Bool
        switch ctx.request.parameter("screen") {
        case nil: visitorScreen = false
        case "visitor": visitorScreen = true
        case let other?: throw WebError.badRequest("screen takes 'visitor', not '\(other)'")
        }
        guard let venue = try ctx.venue() else { return VenueChooser.page(ctx, path: "/desk") }
        let model = try DeskModel.load(store: try ctx.store(), venue: venue.slug, now: ctx.now)
        let t = ctx.texts, d = ctx.deskTexts
        let events = "/desk/events" + PageLayout.query([("venue", venue.slug)])
        var html = "<div id=\"desk\" data-events=\"\(h(events))\" data-last-id=\"\(model.checkIns.first?.id ?? 0)\" data-empty=\"\(h(d.noCheckInsYet))\">\n"
        html += greeting(model, d)
        if visitorScreen {
            html += "</div>"
            return PageLayout.page(ctx, title: t.visitorScreen, main: html, bodyClass: "visitor-screen", script: true, chrome: false)
        }
        html += "<h1>\(h(model.venueName)) · \(h(d.weekdays[(model.date.isoWeekday + 6) % 7])) \(h(model.date.description))</h1>\n"
        if let code = ctx.request.parameter("enrolled") {
            guard VisitorCodeGenerator.isValid(code) else { throw WebError.badRequest("enrolled takes a visitor code, not '\(code)'") }
            html += "<p class=\"notice\" role=\"status\">\(h(d.enrolled(code)))</p>\n"
        }
        if ctx.request.parameter("saved") != nil { html += "<p class=\"notice\" role=\"status\">\(h(t.saved))</p>\n" }
        let unknown = model.newestUnknownCard
        html += "<p id=\"unknown-card\" class=\"alert\"\(unknown == nil ? " hidden" : "")><span id=\"unknown-card-text\">"
        html += h(unknown.map { unknownText($0, d) } ?? "") + "</span> <a href=\"/enrol\(h(PageLayout.query([("venue", venue.slug)])))\">\(h(t.registerThisCard))</a></p>\n"

        html += "<h2>\(h(d.latest))</h2>\n<div class=\"scroll\"><table id=\"swipes\"><thead><tr><th>\(h(t.time))</th><th>\(h(t.who))</th>"
        html += "<th>\(h(ctx.reportTexts.activity))</th><th>\(h(t.reader))</th><th>\(h(t.what))</th></tr></thead>\n<tbody id=\"swipes-body\">\n"
        if model.checkIns.isEmpty { html += "<tr id=\"no-swipes\"><td colspan=\"5\">\(h(d.noCheckInsYet))</td></tr>\n" }
        for c in model.checkIns {
            html += "<tr data-id=\"\(c.id)\"><td>\(h(c.time))</td><td>\(h(c.who ?? c.visitorCode ?? ""))</td><td>\(h(c.activity))</td>"
            html += "<td>\(h(c.reader))</td><td class=\"mark-\(c.outcome.rawValue)\">\(h(mark(c, d)))</td></tr>\n"
        }
        html += "</tbody></table></div>\n"

        html += "<h2>\(h(d.today)) (\(h(d.participants)))</h2>\n<div class=\"scroll\"><table id=\"counters\"><thead><tr><th>\(h(ctx.reportTexts.activity))</th>"
        html += "<th class=\"num\">\(h(d.visits))</th><th class=\"num\">\(h(d.unique))</th><th class=\"num\">\(h(d.new))</th></tr></thead>\n<tbody id=\"counters-body\">\n"
        for c in model.counters { html += counterRow(c.activity, c.figures, total: false) }
        html += counterRow(d.total, model.total, total: true) + "</tbody></table></div>\n"

        html += "<h2>\(h(d.runningNow))</h2>\n"
        html += try ReaderActivityPage.section(ctx, venue: venue, readers: model.readers)
        html += "<ul class=\"links\"><li><a href=\"/desk\(h(PageLayout.query([("venue", venue.slug), ("screen", "visitor")])))\">\(h(t.visitorScreen))</a></li></ul>\n</div>"
        return PageLayout.page(ctx, title: "\(t.desk) – \(model.venueName)", main: html, script: true)
    }

    static func greeting(_ model: DeskModel, _ d: DeskTexts) -> String {
        guard let g = model.greeting, let who = g.who else {
            return "<div id=\"greeting\" class=\"greeting empty\" role=\"status\">\(h(d.noCheckInsYet))</div>\n"
        }
        return "<div id=\"greeting\" class=\"greeting\" role=\"status\">\(h(d.welcome(who))) <span class=\"activity\">\(h(g.activity))</span></div>\n"
    }

    static func counterRow(_ label: String, _ f: AttendanceFigures, total: Bool) -> String {
        let head = total ? "<tr class=\"total\"><th>\(h(label))</th>" : "<tr><td>\(h(label))</td>"
        return head + "<td class=\"num\">\(f.visits)</td><td class=\"num\">\(f.uniqueVisitors)</td><td class=\"num\">\(f.newVisitors)</td></tr>\n"
    }

    /// The mark a swipe gets, readable without colour (the terminal desk's words).
    static func mark(_ c: DeskCheckIn, _ d: DeskTexts) -> String {
        switch c.outcome {
        case .counted: return d.counted
        case .unknown: return c.awaitsEnrolment ? "! \(d.newCard)" : d.newCardEnrolled
        case .duplicate: return d.duplicate
        case .revoked: return d.revoked
        case .activity: return d.activityCard
        }
    }

    static func unknownText(_ c: DeskCheckIn, _ d: DeskTexts) -> String { "! \(d.newCard) (\(c.reader), \(c.time))" }
}

/// With several venues and none named, the desk and enrolment ask which one.
enum VenueChooser {
    static func page(_ ctx: WebContext, path: String) -> CGIResponse {
        let venues = (try? ctx.store().venues()) ?? []
        let links = venues.map { "<li><a href=\"\(h(path + PageLayout.query([("venue", $0.slug)])))\">\(h($0.name))</a></li>" }
        return PageLayout.page(ctx, title: ctx.texts.chooseVenue, main: "<h1>\(h(ctx.texts.chooseVenue))</h1>\n<ul>\(links.joined())</ul>")
    }
}
