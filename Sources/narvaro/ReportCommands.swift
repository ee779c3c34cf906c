// narvaro report: weekly (or any period's) attendance from the rolling statistics.
import Narvaro

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
    if let w = args.string("--week") { given.append(.week(try ISOWeek.parse(w))) }
    if let d = args.string("--day") { given.append(.day(try LocalDate.parse(d))) }
    if let m = args.string("--month") {
        let p = try Period.parse(m)
        guard case .month = p else { throw UsageError("--month takes YYYY-MM, e.g. 2026-11, not '\(m)'") }
        given.append(p)
    }
    if let h = args.string("--half") {
        let p = try Period.parse(h)
        guard case .half = p else { throw UsageError("--half takes YYYY-H1 or YYYY-H2, not '\(h)'") }
        given.append(p)
    }
    switch (args.string("--from"), args.string("--to")) {
    case (let from?, let to?): given.append(try Period.range(from: from, to: to))
    case (nil, nil): break
    default: throw UsageError("--from and --to go together")
    }
    if let p = args.string("--period") { given.append(try Period.parse(p)) }
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
                    .value("--organizer", "NAME", "only this organiser's activities"),
                    .value("--role", "R", "participant (default), volunteer, staff or all"),
                    .value("--format", "table|csv|json", "output format (default table)"),
                ]) { args, ctx in
        let request = ReportRequest(period: try period(args), venue: args.string("--venue"), activity: args.string("--activity"),
                                    organizer: args.string("--organizer"), roles: try roles(args))
        let format = try ctx.format(args, allowed: ["table", "csv", "json"])
        let report = try ctx.store().attendance(request)
        switch format {
        case "json": ctx.out(reportJSON(report))
        case "csv": ctx.out(reportCSV(report))
        default: ctx.out(reportTable(report, request: request, texts: Texts.of(ctx.lang)))
        }
    },
]

func figuresJSON(_ f: AttendanceFigures) -> JSONValue {
    .object([("visits", .int(f.visits)), ("unique_visitors", .int(f.uniqueVisitors)), ("new_visitors", .int(f.newVisitors))])
}

func reportJSON(_ r: AttendanceReport) -> JSONValue {
    .object([("period", .string(r.period.label)),
              ("rows", .array(r.rows.map { .object([("venue", .string($0.venue)), ("activity", .string($0.activity)),
                                                    ("visits", .int($0.figures.visits)), ("unique_visitors", .int($0.figures.uniqueVisitors)),
                                                    ("new_visitors", .int($0.figures.newVisitors))]) })),
              ("total", figuresJSON(r.total))])
}

func reportCSV(_ r: AttendanceReport) -> String {
    func field(_ s: String) -> String {
        s.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) ? "\"" + s.replacingAll("\"", with: "\"\"") + "\"" : s
    }
    var lines = ["period,venue,activity,visits,unique_visitors,new_visitors"]
    for row in r.rows {
        lines.append([r.period.label, row.venue, row.activity, String(row.figures.visits), String(row.figures.uniqueVisitors),
                      String(row.figures.newVisitors)].map(field).joined(separator: ","))
    }
    lines.append([r.period.label, "total", "", String(r.total.visits), String(r.total.uniqueVisitors), String(r.total.newVisitors)].joined(separator: ","))
    return lines.joined(separator: "\r\n") + "\r\n"
}

func reportTable(_ r: AttendanceReport, request: ReportRequest, texts t: Texts) -> String {
    let who = request.roles.count == Role.allCases.count ? t.all : request.roles.map { role in
        role == .participant ? t.participants : role == .volunteer ? t.volunteers : t.staff
    }.sorted().joined(separator: ", ")
    var rows = r.rows.map { [$0.venue, $0.activityName, String($0.figures.visits), String($0.figures.uniqueVisitors), String($0.figures.newVisitors)] }
    rows.append([t.total, "", String(r.total.visits), String(r.total.uniqueVisitors), String(r.total.newVisitors)])
    return "\(periodTitle(r.period, t)), \(who)\n\n"
        + TextTable(headers: [t.venue, t.activity, t.visits, t.unique, t.new], rows: rows, numeric: [2, 3, 4]).render()
}

extension String {
    func replacingAll(_ target: String, with replacement: String) -> String {
        split(separator: target, omittingEmptySubsequences: false).joined(separator: replacement)
    }
}
