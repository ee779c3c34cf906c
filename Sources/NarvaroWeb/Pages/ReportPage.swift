// /report?period=P: a period's visits, unique and new visitors per venue and activity (or split
// by day, week, gender, age, role), trends, a chart as in the HTML export, and the municipality
// export's downloads. `format=json` answers what `narvaro report --format json` prints.
import NarvaroCore
import Foundation

enum ReportPage {
    static func show(_ ctx: WebContext) throws -> CGIResponse {
        let store = try ctx.store()
        let q = ctx.request
        let today = try localToday(ctx)
        let periodText = q.parameter("period") ?? ISOWeek(containing: today).description
        let period = try Period.parse(periodText)
        let venue = q.parameter("venue")
        if let venue { _ = try store.venue(slug: venue) }
        let by = try q.parameter("by").map { text in
            guard let b = Breakdown(rawValue: text) else {
                throw WebError.badRequest("by takes one of \(Breakdown.allCases.map(\.rawValue).joined(separator: ", ")), not '\(text)'")
            }
            return b
        }
        let roleText = q.parameter("role") ?? "participant"
        let roles: Set<Role>
        if roleText == "all" { roles = Set(Role.allCases) } else if let r = Role(rawValue: roleText) { roles = [r] } else {
            throw WebError.badRequest("role takes participant, volunteer, staff or all, not '\(roleText)'")
        }
        let format = q.parameter("format") ?? "html"
        guard ["html", "json"].contains(format) else { throw WebError.badRequest("format takes html or json, not '\(format)'") }

        let request = ReportRequest(period: period, venue: venue, roles: roles)
        var report = try store.attendance(request)
        let names = try ReportNames(store: store)
        if let by {
            // The key stays in `activity` (JSON); people read `activityName`: names, words in their language.
            report.rows = try store.breakdown(request, by: by).map {
                AttendanceRow(venue: by.rawValue, activity: $0.label, activityName: by == .activity ? names.full($0.label) : ctx.lang.value($0.label),
                              organizer: nil, figures: $0.figures)
            }
        }
        let trends = try store.trends(request)
        if format == "json" { return .json(JSONText(report.json(by: by, trends: trends, names: names))) }
        return PageLayout.page(ctx, title: "\(ctx.texts.report) \(period.label)",
                               main: try html(ctx, report: report, by: by, roleText: roleText, venue: venue, trends: trends, today: today, names: names))
    }

    static func localToday(_ ctx: WebContext) throws -> LocalDate {
        let zone = try ctx.store().venues().first?.timeZone ?? "Europe/Stockholm"
        return try VenueClock(identifier: zone).localDate(of: ctx.now)
    }

    static func html(_ ctx: WebContext, report: AttendanceReport, by: Breakdown?, roleText: String, venue: String?,
                     trends: ReportTrends, today: LocalDate, names: ReportNames) throws -> String {
        let t = ctx.texts, r = ctx.reportTexts
        let period = report.period
        var html = "<h1>\(h(t.report)) \(h(period.label)) <span class=\"hint\">(\(h(period.firstDay.description)) – \(h(period.lastDay.description)))</span></h1>\n"
        let week = ISOWeek(containing: today)
        let quick: [(String, String)] = [
            (t.thisWeek, week.description), (t.lastWeek, ISOWeek(containing: today.adding(days: -7)).description),
            (t.thisMonth, "\(pad(today.year, 4))-\(pad(today.month, 2))"),
            (t.thisHalf, "\(pad(today.year, 4))-H\(today.month <= 6 ? 1 : 2)"),
        ]
        html += "<ul class=\"links\">" + quick.map { "<li><a href=\"/report\(h(PageLayout.query([("period", $0.1), ("venue", venue)])))\">\(h($0.0))</a></li>" }.joined() + "</ul>\n"
        html += "<form class=\"inline\" method=\"get\" action=\"/report\" id=\"report-form\">"
        html += "<label>\(h(r.period)) <input name=\"period\" id=\"period\" value=\"\(h(period.label))\" size=\"24\" title=\"\(h(t.periodHint))\"></label>"
        let venues = try ctx.store().venues()
        if venues.count > 1 {
            html += "<label>\(h(r.venue)) <select name=\"venue\"><option value=\"\">\(h(r.all))</option>"
            html += venues.map { "<option value=\"\(h($0.slug))\"\($0.slug == venue ? " selected" : "")>\(h($0.name))</option>" }.joined() + "</select></label>"
        }
        html += "<label>\(h(t.by)) <select name=\"by\"><option value=\"\">\(h(t.byNothing))</option>"
        html += Breakdown.allCases.map { "<option value=\"\($0.rawValue)\"\($0 == by ? " selected" : "")>\(h($0.rawValue))</option>" }.joined() + "</select></label>"
        let roleChoices = [("participant", r.participants), ("volunteer", r.volunteers), ("staff", r.staff), ("all", r.all)]
        html += "<label>\(h(t.role)) <select name=\"role\">"
        html += roleChoices.map { "<option value=\"\($0.0)\"\($0.0 == roleText ? " selected" : "")>\(h($0.1))</option>" }.joined() + "</select></label>"
        html += "<button type=\"submit\">\(h(t.show))</button></form>\n"

        let first = by.map { ctx.lang.head($0) } ?? r.activity
        html += "<div class=\"scroll\"><table id=\"report-table\"><thead><tr>" + (by == nil ? "<th>\(h(r.venue))</th>" : "")
        html += "<th>\(h(first))</th><th class=\"num\">\(h(r.visits))</th><th class=\"num\">\(h(r.unique))</th><th class=\"num\">\(h(r.new))</th></tr></thead><tbody>\n"
        for row in report.rows {
            html += "<tr>" + (by == nil ? "<td>\(h(names.venue(row.venue)))</td>" : "") + "<td>\(h(row.activityName))</td>"
            html += "<td class=\"num\">\(row.figures.visits)</td><td class=\"num\">\(row.figures.uniqueVisitors)</td><td class=\"num\">\(row.figures.newVisitors)</td></tr>\n"
        }
        html += "<tr class=\"total\"><th\(by == nil ? " colspan=\"2\"" : "")>\(h(r.total))</th><td class=\"num\" id=\"total-visits\">\(report.total.visits)</td>"
        html += "<td class=\"num\">\(report.total.uniqueVisitors)</td><td class=\"num\">\(report.total.newVisitors)</td></tr>\n</tbody></table></div>\n"

        let change = trends.changePercent.map { ($0 >= 0 ? "+" : "") + "\($0) %" } ?? "–"
        let average = r.trailingAverageValue(trends.trailingFourWeekAverage)
        html += "<dl class=\"facts\"><dt>\(h(r.returning))</dt><dd>\(trends.returningVisitors.map(String.init) ?? "–")</dd><dt>\(h(r.lapsed))</dt><dd>\(trends.lapsedVisitors.map(String.init) ?? "–")</dd>"
        html += "<dt>\(h(r.trailingAverageLabel(weeks: trends.trailingWeeks)))</dt><dd>\(average)</dd><dt>\(h(r.change)) \(h(period.previous.label))</dt>"
        html += "<dd>\(h(change)) (\(trends.previousVisits) → \(report.total.visits))</dd></dl>\n"

        if !report.rows.isEmpty {
            let chart = SVGChart(title: "\(t.perWeek) \(period.label)", categories: report.rows.map(\.activityName),
                                 series: [SVGChart.Series(name: r.visits, values: report.rows.map { .value($0.figures.visits) })], minCell: 1)
            html += "<h2>\(h(t.charts))</h2>\n<figure>\(chart.render())</figure>\n"
        }
        html += "<h2>\(h(t.download))</h2>\n<ul class=\"links\" id=\"downloads\">"
        for (format, label) in [("csv", t.csv), ("csv-sv", t.csvSwedish), ("html", t.htmlExport)] {
            html += "<li><a href=\"/report/export\(h(PageLayout.query([("period", period.label), ("venue", venue), ("format", format)])))\">\(h(label))</a></li>"
        }
        return html + "</ul>\n"
    }

    static func pad(_ n: Int, _ width: Int) -> String {
        let digits = String(n)
        return String(repeating: "0", count: max(0, width - digits.count)) + digits
    }
}
