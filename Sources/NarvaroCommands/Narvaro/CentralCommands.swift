// narvaro central: the municipality's PostgreSQL. `init` creates or migrates the central tables,
// `attach` registers this venue and pushes its history, `add-venue-role` prints the role SQL,
// `report` and `export` read across venues.
import NarvaroCLI
import NarvaroCore
import NarvaroCentral
import Foundation

let centralCommands: [CommandSpec] = [
    CommandSpec(["central", "init"], "create or migrate the central tables and group roles (run by the database administrator)",
                options: [postgresOption]) { args, ctx in
        let versions = try CentralSchema.initialise(try centralConnection(args, ctx))
        ctx.out(versions.from == versions.to ? "central schema already at version \(versions.to)\n"
                : "central schema migrated from version \(versions.from) to \(versions.to)\n")
    },
    CommandSpec(["central", "attach"], "register this venue centrally (UUID, name, time zone) and push its whole history",
                options: [postgresOption, .value("--venue", "SLUG", "only this venue (default: every venue in the database)")]) { args, ctx in
        let connection = try centralConnection(args, ctx)
        let store = try ctx.store()
        let venues = try args.string("--venue").map { [try store.venue(slug: $0)] } ?? store.venues()
        guard !venues.isEmpty else { throw CommandError.usage("no venue in the database: add one first (narvaro venue add …)") }
        let bands = try store.ageBands().labels
        for venue in venues {
            let uuid = try store.ensureCentralUUID(venueID: venue.id)
            try connection.transaction { try CentralPush.register(venue: venue, uuid: uuid, ageBands: bands, connection: connection) }
            try store.noteWholeHistory(venueID: venue.id)
            ctx.out("attached \(venue.slug) as \(uuid)\n")
        }
        ctx.out(try CentralPush.push(store: store, connection: connection).line + "\n")
    },
    CommandSpec(["central", "add-venue-role"], "print (or with --apply run) the SQL that gives a venue its own login role",
                positionals: [.required("NAME", "the role name, e.g. venue_tingshuset")],
                options: [.flag("--municipality", "a read-only role for the municipality's analysts instead"),
                          .flag("--apply", "run it (as the administrator, through --postgres) instead of printing"), postgresOption]) { args, ctx in
        let name = args.positional(0) ?? ""
        guard CentralSchema.isValidRoleName(name) else {
            throw CommandError.usage("role name '\(name)' is not usable: lowercase letters, digits and '_', starting with a letter, at most 63")
        }
        let sql = CentralSchema.roleSQL(name: name, municipality: args.flag("--municipality"))
        guard args.flag("--apply") else {
            ctx.out(sql.map { $0 + ";\n" }.joined() + "-- then set its password in psql: \\password \(name)\n"
                    + "-- and give the venue a ~/.pgpass line (mode 0600) for it; never a password on a command line\n")
            return
        }
        let connection = try centralConnection(args, ctx)
        try connection.transaction { for statement in sql { try connection.query(statement) } }
        ctx.out("created role \(name); set its password in psql with \\password \(name)\n")
    },
    CommandSpec(["central", "report"], "attendance across venues from the central database (unique people are summed across venues)",
                options: [postgresOption,
                          .value("--period", "P", "an ISO week, month or half-year: 2026-W47, 2026-11, 2026-H2"),
                          .value("--venue", "NAME|UUID", "only this venue (slug, name or UUID)"),
                          .value("--organizer", "NAME", "only this organizer's activities"),
                          .value("--by", "WHAT", "rows per venue, activity (default) or week"),
                          .value("--role", "R", "participant (default), volunteer, staff or all"),
                          .value("--format", "table|csv|json", "output format (default table)")]) { args, ctx in
        guard let periodText = args.string("--period") else { throw CommandError.usage("missing --period, e.g. --period 2026-H2") }
        let request = CentralReportRequest(period: try Period.parse(periodText), venue: args.string("--venue"), organizer: args.name("--organizer"),
                                           by: try args.choice("--by", as: CentralBreakdown.self) ?? .activity, roles: try roles(args))
        let format = try ctx.format(args, allowed: ["table", "csv", "json"])
        let report = try CentralReport.read(request, connection: try centralConnection(args, ctx))
        switch format {
        case "json": ctx.out(centralReportJSON(report))
        case "csv": ctx.outDocument(centralReportCSV(report))
        default: ctx.out(centralReportTable(report, texts: Texts.of(ctx.lang), lang: ctx.lang))
        }
    },
    CommandSpec(["central", "export"], "the municipality export across venues from the central database: small counts hidden",
                options: [postgresOption,
                          .value("--period", "P", "an ISO week, month or half-year: 2026-W47, 2026-11, 2026-H2"),
                          .value("--venue", "NAME|UUID", "only this venue (slug, name or UUID)"),
                          .value("--organizer", "NAME", "only this organizer's activities"),
                          .value("--format", "csv|json|html", "output format"),
                          .flag("--excel-sv", "with csv: ';' separator, decimal comma and a BOM for Swedish spreadsheets"),
                          .value("--min-cell", "K", "counts from 1 to K-1 are hidden (default 5)"),
                          .value("--output", "FILE", "write to FILE (mode 0640) instead of standard output"),
                          .flag("--force", "write into a directory everyone may write to")]) { args, ctx in
        guard let periodText = args.string("--period") else { throw CommandError.usage("missing --period, e.g. --period 2026-H2") }
        guard let format = args.string("--format") else { throw CommandError.usage("missing --format csv|json|html") }
        guard ["csv", "json", "html"].contains(format) else { throw CommandError.usage("--format takes csv, json or html, not '\(format)'") }
        if args.flag("--excel-sv"), format != "csv" { throw CommandError.usage("--excel-sv goes with --format csv") }
        let minCell = try args.int("--min-cell", in: 2...100) ?? 5
        let language = ctx.lang
        let output = try args.string("--output").flatMap { try checkedOutputPath($0, force: args.flag("--force")) }
        let request = CentralExportRequest(period: try Period.parse(periodText), venue: args.string("--venue"), organizer: args.name("--organizer"),
                                           minCell: minCell, exportedBy: exporter(ctx.environment), exportedAt: isoNow(ctx), language: language)
        let document = try CentralExport.document(request, connection: try centralConnection(args, ctx))
        try writeExport(document, format: format, language: language, args: args, output: output, ctx: ctx)
    },
]
