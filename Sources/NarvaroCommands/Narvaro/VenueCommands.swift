// narvaro venue add|list|show|edit|remove
import NarvaroCLI
import NarvaroCore
import NarvaroDesk
import NarvaroDaemon

let venueCommands: [CommandSpec] = [
    CommandSpec(["venue", "add"], "add a meeting place (its drop-in activity is created with it)",
                positionals: [.required("SLUG", "short name, e.g. gamla-tingshuset")],
                options: [.value("--name", "NAME", "display name, e.g. 'Gamla Tingshuset'"),
                          .value("--timezone", "TZ", "IANA time zone (default Europe/Stockholm)")]) { args, ctx in
        guard let name = args.name("--name") else { throw CommandError.usage("missing --name") }
        let venue = try ctx.store(create: true).addVenue(slug: args.positionals[0], name: name, timeZone: args.string("--timezone") ?? "Europe/Stockholm")
        ctx.out(ctx.lang.text("added venue {} ({}, {}) with activity drop-in", venue.slug, venue.name, venue.timeZone) + "\n")
    },
    CommandSpec(["venue", "list"], "list venues", options: [.value("--format", "table|json", "output format"), .flag("--all", "include archived venues")]) { args, ctx in
        let venues = try ctx.readStore().venues(includeArchived: args.flag("--all"))
        if try ctx.format(args) == "json" {
            ctx.out(.array(venues.map(venueJSON)))
        } else {
            let l = ctx.lang
            ctx.out(TextTable(headers: [l[.name], l[.slug], l[.timeZone], l[.state]],
                              rows: venues.map { [$0.name, $0.slug, $0.timeZone, l.state(archived: $0.archived)] }).render())
        }
    },
    CommandSpec(["venue", "show"], "show one venue", positionals: [.required("SLUG", "the venue")],
                options: [.value("--format", "table|json", "output format")]) { args, ctx in
        let store = try ctx.readStore()
        let venue = try store.venue(slug: args.positionals[0])
        if try ctx.format(args) == "json" { ctx.out(venueJSON(venue)); return }
        let activities = try store.activities(venue: venue.slug).map { "\($0.name) (\($0.slug))" }.joined(separator: ", ")
        let l = ctx.lang
        ctx.out(TextTable.keyValue([(l[.slug], venue.slug), (l[.name], venue.name), (l[.timeZone], venue.timeZone),
                                    (l[.state], l.state(archived: venue.archived)), (l[.activities], activities)]))
    },
    CommandSpec(["venue", "edit"], "change a venue's name or time zone", positionals: [.required("SLUG", "the venue")],
                options: [.value("--name", "NAME", "new display name"), .value("--timezone", "TZ", "new IANA time zone"),
                          .flag("--restore", "bring an archived venue back into use")]) { args, ctx in
        let venue = try ctx.store().editVenue(slug: args.positionals[0], name: args.name("--name"), timeZone: args.string("--timezone"),
                                              restore: args.flag("--restore"))
        ctx.out("venue \(venue.slug): \(venue.name), \(venue.timeZone)\n")
    },
    CommandSpec(["venue", "remove"], "remove a venue (archived instead when check-ins refer to it)",
                positionals: [.required("SLUG", "the venue")]) { args, ctx in
        let archived = try ctx.store().removeVenue(slug: args.positionals[0])
        ctx.out(ctx.lang.text(archived ? "venue {} is in use by check-ins, readers or activities: archived instead of removed" : "removed venue {}",
                              args.positionals[0]) + "\n")
    },
]

func venueJSON(_ v: Venue) -> JSONValue {
    .object([("slug", .string(v.slug)), ("name", .string(v.name)), ("timezone", .string(v.timeZone)), ("archived", .bool(v.archived))])
}
