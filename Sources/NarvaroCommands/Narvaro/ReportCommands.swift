// narvaro report: weekly (or any period's) attendance from the rolling statistics.
import NarvaroCLI
import NarvaroCore
import NarvaroDesk
import NarvaroDaemon
import Foundation

let periodOptions: [OptionSpec] = [
    .value("--week", "YYYY-Www", "an ISO week, e.g. 2026-W47"),
    .value("--day", "DATE", "one day, e.g. 2026-11-17"),
    .value("--month", "YYYY-MM", "a month, e.g. 2026-11"),
    .value("--half", "YYYY-Hn", "a half-year (grant period), e.g. 2026-H2"),
    .value("--from", "DATE", "a date range, with --to"),
    .value("--to", "DATE", "a date range, with --from"),
    .value("--period", "P", "any of the forms above, e.g. 2026-W47 or 2026-11-01..2026-11-30"),
]

/// The one period the options name.
func period(_ args: ParsedArguments) throws -> Period {
    var given: [Period] = []
    // A period that does not exist is a usage error (exit 2), like any other bad option value.
    if let w = try args.parsed("--week", { Period.week(try ISOWeek.parse($0)) }) { given.append(w) }
    if let d = try args.parsed("--day", { Period.day(try LocalDate.parse($0)) }) { given.append(d) }
    if let p = try args.parsed("--month", { try Period.parse($0) }) {
        guard case .month = p else { throw UsageError("--month takes YYYY-MM, e.g. 2026-11, not '\(p.label)'") }
        given.append(p)
    }
    if let p = try args.parsed("--half", { try Period.parse($0) }) {
        guard case .half = p else { throw UsageError("--half takes YYYY-H1 or YYYY-H2, not '\(p.label)'") }
        given.append(p)
    }
    switch (args.string("--from"), args.string("--to")) {
    case (let from?, let to?): if let p = try args.parsed("--from", { _ in try Period.parse("\(from)..\(to)") }) { given.append(p) }
    case (nil, nil): break
    default: throw UsageError("--from and --to go together")
    }
    if let p = try args.parsed("--period", { try Period.parse($0) }) { given.append(p) }
    guard given.count == 1 else { throw UsageError("name one period: --week, --day, --month, --half, --from/--to or --period") }
    return given[0]
}

func roles(_ args: ParsedArguments) throws -> Set<Role> {
    guard let text = args.string("--role") else { return [.participant] }
    if text == "all" { return Set(Role.allCases) }
    guard let role = Role(rawValue: text) else { throw UsageError("--role takes participant, volunteer, staff or all, not '\(text)'") }
    return [role]
}

func periodTitle(_ period: Period, _ t: Texts) -> String {
    let kind: String
    switch period {
    case .day: kind = t.day
    case .week: kind = t.week
    case .month: kind = t.month
    case .half: kind = t.half
    case .range: kind = t.range
    }
    return "\(kind.prefix(1).uppercased() + kind.dropFirst()) \(period.label) (\(period.firstDay) – \(period.lastDay))"
}

let reportCommands: [CommandSpec] = [
    CommandSpec(["report"], "attendance for a period: visits, unique and new visitors per venue and activity",
                options: periodOptions + [
                    .value("--venue", "SLUG", "only this venue"), .value("--activity", "SLUG", "only this activity"),
                    .value("--organizer", "NAME", "only this organizer's activities"),
                    .value("--role", "R", "participant (default), volunteer, staff or all"),
                    .value("--by", "WHAT", "split by activity, day, week, gender, age or role"),
                    .value("--format", "table|csv|json", "output format (default table)"),
                ]) { args, ctx in
        let request = ReportRequest(period: try period(args), venue: args.string("--venue"), activity: args.string("--activity"),
                                    organizer: args.string("--organizer"), roles: try roles(args))
        let format = try ctx.format(args, allowed: ["table", "csv", "json"])
        let by = try args.choice("--by", as: Breakdown.self)
        let store = try ctx.intactReadStore()
        var report = try store.attendance(request)
        if let by {
            report.rows = try store.breakdown(request, by: by).map {
                AttendanceRow(venue: by.rawValue, activity: $0.label, activityName: $0.label, organizer: nil, figures: $0.figures)
            }
        }
        let trends = try store.trends(request)
        switch format {
        case "json": ctx.out(reportJSON(report, by: by, trends: trends))
        case "csv": ctx.outDocument(reportCSV(report, by: by))
        default: ctx.out(reportTable(report, request: request, by: by, trends: trends, texts: Texts.of(ctx.lang)))
        }
    },
]

func figuresJSON(_ f: AttendanceFigures) -> JSONValue { f.json }

func reportJSON(_ r: AttendanceReport, by: Breakdown?, trends: ReportTrends) -> JSONValue { r.json(by: by, trends: trends) }

/// RFC 4180; text cells (names, labels) through `CSVCell.safeText` like the export, numbers as numbers.
func reportCSV(_ r: AttendanceReport, by: Breakdown?) -> String {
    func field(_ text: String) -> String {
        let s = CSVCell.safeText(text)
        return s.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) ? "\"" + s.replacingAll("\"", with: "\"\"") + "\"" : s
    }
    var lines = [(by.map { "period,\($0.rawValue)" } ?? "period,venue,activity") + ",visits,unique_visitors,new_visitors"]
    for row in r.rows {
        lines.append(([r.period.label] + (by == nil ? [row.venue, row.activity] : [row.activity])
                      ).map(field).joined(separator: ",") + "," + [row.figures.visits, row.figures.uniqueVisitors, row.figures.newVisitors].map(String.init).joined(separator: ","))
    }
    lines.append(([r.period.label, "total"] + (by == nil ? [""] : [])
                  + [String(r.total.visits), String(r.total.uniqueVisitors), String(r.total.newVisitors)]).joined(separator: ","))
    return lines.joined(separator: "\r\n") + "\r\n"
}

func reportTable(_ r: AttendanceReport, request: ReportRequest, by: Breakdown?, trends: ReportTrends, texts t: Texts) -> String {
    let who = request.roles.count == Role.allCases.count ? t.all : request.roles.map { role in
        role == .participant ? t.participants : role == .volunteer ? t.volunteers : t.staff
    }.sorted().joined(separator: ", ")
    let figures = { (f: AttendanceFigures) in [String(f.visits), String(f.uniqueVisitors), String(f.newVisitors)] }
    let table: TextTable
    if let by {
        table = TextTable(headers: [by.rawValue.capitalized, t.visits, t.unique, t.new],
                          rows: r.rows.map { [$0.activity] + figures($0.figures) } + [[t.total] + figures(r.total)], numeric: [1, 2, 3])
    } else {
        table = TextTable(headers: [t.venue, t.activity, t.visits, t.unique, t.new],
                          rows: r.rows.map { [$0.venue, $0.activityName] + figures($0.figures) } + [[t.total, ""] + figures(r.total)], numeric: [2, 3, 4])
    }
    let average = t.trailingAverageValue(trends.trailingFourWeekAverage)
    let change = trends.changePercent.map { ($0 >= 0 ? "+" : "") + "\($0) %" } ?? "–"
    let comparison = r.period.compared.map { [("\(t.change) \($0.label)", "\(change) (\(trends.previousVisits) → \(r.total.visits))")] } ?? []
    return "\(periodTitle(r.period, t)), \(who)\n\n" + table.render() + "\n"
        + TextTable.keyValue([(t.returning, trends.returningVisitors.map(String.init) ?? foldedNotAvailable(t)),
                              (t.lapsed, trends.lapsedVisitors.map(String.init) ?? foldedNotAvailable(t)),
                              (t.trailingAverageLabel(weeks: trends.trailingWeeks), average)] + comparison)
}

/// Shown instead of a figure that needs per-person rows retention has deleted (never a wrong number).
func foldedNotAvailable(_ t: Texts) -> String {
    t.day == "day" ? "not available for folded periods (retention)" : "finns inte för sammanslagna perioder (gallring)"
}

extension String {
    func replacingAll(_ target: String, with replacement: String) -> String {
        split(separator: target, omittingEmptySubsequences: false).joined(separator: replacement)
    }
}
