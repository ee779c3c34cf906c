// The central report as JSON (the local report's shape, so one venue's numbers compare key by
// key), CSV and a table; every form says that unique people across venues are sums.
import NarvaroCLI
import NarvaroCore
import NarvaroCentral
import Foundation

let centralSumNote = "unique and new visitors across venues are sums: a person who visits two venues counts twice"
let centralSumNoteSV = "unika och nya besökare över flera mötesplatser är summor: den som besöker två mötesplatser räknas två gånger"

func centralRowHead(_ row: CentralReportRow, _ by: CentralBreakdown) -> [(String, JSONValue)] {
    switch by {
    case .activity: return [("venue", .string(row.venue)), ("activity", .string(row.activity))]
    case .venue: return [("venue", .string(row.venue))]
    case .week: return [("week", .string(row.venue))]
    }
}

/// Names after the figures, as the local report adds them (`venue_name`, `activity_name`).
func centralRowNames(_ row: CentralReportRow, _ by: CentralBreakdown) -> [(String, JSONValue)] {
    switch by {
    case .activity: return [("venue_name", .string(row.venueName)), ("activity_name", .string(row.activityName))]
    case .venue: return [("venue_name", .string(row.venueName))]
    case .week: return []
    }
}

func centralReportJSON(_ r: CentralReport) -> JSONValue {
    let period = r.request.period
    let rows: [JSONValue] = r.rows.map { .object(centralRowHead($0, r.request.by) + [("visits", .int($0.figures.visits)),
        ("unique_visitors", .int($0.figures.uniqueVisitors)), ("new_visitors", .int($0.figures.newVisitors))] + centralRowNames($0, r.request.by)) }
    return .object([("period", .string(period.label)), ("first_day", .string(period.firstDay.description)),
                    ("last_day", .string(period.lastDay.description)), ("by", .string(r.request.by.rawValue)), ("venues", .int(r.venueCount)),
                    ("rows", .array(rows)), ("total", figuresJSON(r.total)),
                    ("trailing_4_week_average_visits", .double((r.trailingFourWeekAverage * 100).rounded() / 100)),
                    ("trailing_average_weeks", .int(r.trailingWeeks)),
                    ("previous_period", .object([("period", .string(period.previous.label)), ("visits", .int(r.previousVisits)),
                                                 ("change_percent", .optional(r.changePercent))])),
                    ("note", .string(centralSumNote))])
}

func centralReportCSV(_ r: CentralReport) -> String {
    // Text cells through CSVCell.safeText like every CSV Närvaro writes (no live formulas).
    func field(_ text: String) -> String {
        let s = text.first?.isNumber == true && text.allSatisfy(\.isNumber) ? text : CSVCell.safeText(text)
        return s.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) ? "\"" + s.replacingAll("\"", with: "\"\"") + "\"" : s
    }
    let head: [String] = r.request.by == .activity ? ["venue", "activity"] : [r.request.by.rawValue]
    var lines = [(["period"] + head + ["visits", "unique_visitors", "new_visitors"]).joined(separator: ",")]
    for row in r.rows {
        let labels = r.request.by == .activity ? [row.venue, row.activity] : [row.venue]
        lines.append(([r.request.period.label] + labels + [String(row.figures.visits), String(row.figures.uniqueVisitors),
                                                           String(row.figures.newVisitors)]).map(field).joined(separator: ","))
    }
    lines.append(([r.request.period.label, "total"] + Array(repeating: "", count: head.count - 1)
                  + [String(r.total.visits), String(r.total.uniqueVisitors), String(r.total.newVisitors)]).joined(separator: ","))
    return lines.joined(separator: "\r\n") + "\r\n"
}

func centralReportTable(_ r: CentralReport, texts t: Texts, lang: Lang) -> String {
    let figures = { (f: AttendanceFigures) in [String(f.visits), String(f.uniqueVisitors), String(f.newVisitors)] }
    let table: TextTable
    switch r.request.by {
    case .activity:
        table = TextTable(headers: [t.venue, t.activity, t.visits, t.unique, t.new],
                          rows: r.rows.map { [$0.venueName, $0.activityName] + figures($0.figures) } + [[t.total, ""] + figures(r.total)], numeric: [2, 3, 4])
    case .venue, .week:
        table = TextTable(headers: [r.request.by == .venue ? t.venue : t.week.capitalized, t.visits, t.unique, t.new],
                          rows: r.rows.map { [r.request.by == .venue ? $0.venueName : $0.venue] + figures($0.figures) } + [[t.total] + figures(r.total)],
                          numeric: [1, 2, 3])
    }
    return "\(periodTitle(r.request.period, t)), \(r.venueCount) \(lang == .sv ? "mötesplatser" : "venues")\n\n" + table.render() + "\n"
        + (lang == .sv ? centralSumNoteSV : centralSumNote) + "\n"
}
