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
        guard case .month = p else { throw CommandError.usage("--month takes YYYY-MM, e.g. 2026-11, not '\(p.label)'") }
        given.append(p)
    }
    if let p = try args.parsed("--half", { try Period.parse($0) }) {
        guard case .half = p else { throw CommandError.usage("--half takes YYYY-H1 or YYYY-H2, not '\(p.label)'") }
        given.append(p)
    }
    switch (args.string("--from"), args.string("--to")) {
    case (let from?, let to?): if let p = try args.parsed("--from", { _ in try Period.parse("\(from)..\(to)") }) { given.append(p) }
    case (nil, nil): break
    default: throw CommandError.usage("--from and --to go together")
    }
    if let p = try args.parsed("--period", { try Period.parse($0) }) { given.append(p) }
    guard given.count == 1 else { throw CommandError.usage("name one period: --week, --day, --month, --half, --from/--to or --period") }
    return given[0]
}

func roles(_ args: ParsedArguments) throws -> Set<Role> {
    guard let text = args.string("--role") else { return [.participant] }
    if text == "all" { return Set(Role.allCases) }
    guard let role = Role(rawValue: text) else { throw CommandError.usage("--role takes participant, volunteer, staff or all, not '\(text)'") }
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
                                    organizer: args.name("--organizer"), roles: try roles(args))
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
        let names = try ReportNames(store: store)
        switch format {
        case "json": ctx.out(report.json(by: by, trends: trends, names: names))
        case "csv": ctx.outDocument(reportCSV(report, by: by, names: names))
        default: ctx.out(reportTable(report, request: request, by: by, trends: trends, lang: ctx.lang, names: names))
        }
    },
]

func figuresJSON(_ f: AttendanceFigures) -> JSONValue { f.json }

/// RFC 4180; text cells (names, labels) through `CSVCell.safeText` like the export, numbers as numbers.
/// Slugs and keys stay in their columns; venue and activity names are added as the last columns.
func reportCSV(_ r: AttendanceReport, by: Breakdown?, names: ReportNames = ReportNames()) -> String {
    func field(_ text: String) -> String {
        let s = CSVCell.safeText(text)
        return s.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) ? "\"" + s.replacingAll("\"", with: "\"\"") + "\"" : s
    }
    let named = by == nil || by == .activity
    var lines = [(by.map { "period,\($0.rawValue)" } ?? "period,venue,activity") + ",visits,unique_visitors,new_visitors"
                 + (named ? ",venue_name,activity_name" : "")]
    for row in r.rows {
        let nameCells = by == nil ? [names.venue(row.venue), row.activityName]
            : by == .activity ? [names.venue(names.venueSlug(of: row.activity)), names.activity(row.activity)] : []
        lines.append(([r.period.label] + (by == nil ? [row.venue, row.activity] : [row.activity])
                      ).map(field).joined(separator: ",") + "," + [row.figures.visits, row.figures.uniqueVisitors, row.figures.newVisitors].map(String.init).joined(separator: ",")
                     + nameCells.map { "," + field($0) }.joined())
    }
    lines.append(([r.period.label, "total"] + (by == nil ? [""] : [])
                  + [String(r.total.visits), String(r.total.uniqueVisitors), String(r.total.newVisitors)] + (named ? ["", ""] : [])).joined(separator: ","))
    return lines.joined(separator: "\r\n") + "\r\n"
}

/// The report for people: names instead of slugs, labels and numbers in `lang`; a name too long
/// for 80 columns is cut with '…' by `TextTable` (the full names are in `--format csv|json`).
func reportTable(_ r: AttendanceReport, request: ReportRequest, by: Breakdown?, trends: ReportTrends, lang: Lang,
                 names: ReportNames = ReportNames()) -> String {
    let t = Texts.of(lang)
    let who = request.roles.count == Role.allCases.count ? t.all : request.roles.map { role in
        role == .participant ? t.participants : role == .volunteer ? t.volunteers : t.staff
    }.sorted().joined(separator: ", ")
    let figures = { (f: AttendanceFigures) in [String(f.visits), String(f.uniqueVisitors), String(f.newVisitors)] }
    let table: TextTable
    if let by {
        // Activities by name, days with their weekday (`tis 2026-11-17`), keys (`woman`) in the language.
        let label = { (key: String) -> String in
            if by == .activity { return names.full(key) }
            if by == .day, let date = try? LocalDate.parse(key) { return "\(lang.name(Weekday(date))) \(key)" }
            return lang.value(key)
        }
        table = TextTable(headers: [lang.head(by), t.visits, t.unique, t.new],
                          rows: r.rows.map { [label($0.activity)] + figures($0.figures) } + [[t.total] + figures(r.total)], numeric: [1, 2, 3])
    } else {
        table = TextTable(headers: [t.venue, t.activity, t.visits, t.unique, t.new],
                          rows: r.rows.map { [names.venue($0.venue), $0.activityName] + figures($0.figures) } + [[t.total, ""] + figures(r.total)], numeric: [2, 3, 4])
    }
    let average = t.trailingAverageValue(trends.trailingFourWeekAverage)
    let change = trends.changePercent.map { ($0 >= 0 ? "+" : "") + "\($0) %" } ?? "–"
    let comparison = r.period.compared.map { [("\(t.change) \($0.label)", "\(change) (\(trends.previousVisits) → \(r.total.visits))")] } ?? []
    return "\(periodTitle(r.period, t)), \(who)\n\n" + table.render() + "\n"
        + TextTable.keyValue([(t.returning, trends.returningVisitors.map(String.init) ?? lang[.foldedNotAvailable]),
                              (t.lapsed, trends.lapsedVisitors.map(String.init) ?? lang[.foldedNotAvailable]),
                              (t.trailingAverageLabel(weeks: trends.trailingWeeks), average)] + comparison)
}

extension String {
    func replacingAll(_ target: String, with replacement: String) -> String {
        split(separator: target, omittingEmptySubsequences: false).joined(separator: replacement)
    }
}
