// narvaro activity add|list|show|edit|remove, including optional grant rules.
import NarvaroCLI
import NarvaroCore
import NarvaroDesk
import NarvaroDaemon

private let grantOptions: [OptionSpec] = [
    .value("--min-participants", "N", "grant rule: participants a gathering needs"),
    .value("--age", "LOW-HIGH", "grant rule: participants' age range, e.g. 7-25"),
    .value("--min-minutes", "N", "grant rule: scheduled length a gathering needs"),
    .flag("--leader-required", "grant rule: a staff member or volunteer must check in"),
    .flag("--no-leader-required", "drop the leader rule"),
]

private func grantRules(_ args: ParsedArguments, base: GrantRules) throws -> GrantRules {
    var rules = base
    if let n = try args.int("--min-participants", in: 1...10_000) { rules.minParticipants = n }
    if let n = try args.int("--min-minutes", in: 1...1440) { rules.minMinutes = n }
    if let age = args.string("--age") {
        // Empty parts kept and digits only: "-3-5" or "7--25" is a typo, not the range 3-5 or 7-25.
        let parts = age.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 2, parts.allSatisfy({ !$0.isEmpty && $0.allSatisfy { $0.isASCII && $0.isNumber } }),
              let low = Int(parts[0]), let high = Int(parts[1]), (0...120).contains(low), (0...120).contains(high) else {
            throw CommandError.usage("--age takes LOW-HIGH, e.g. 7-25, not '\(age)'")
        }
        rules.minAge = low
        rules.maxAge = high
    }
    if args.flag("--leader-required") { rules.leaderRequired = true }
    if args.flag("--no-leader-required") { rules.leaderRequired = false }
    return rules
}

let activityCommands: [CommandSpec] = [
    CommandSpec(["activity", "add"], "add an activity at a venue", positionals: [.required("SLUG", "short name, e.g. laxhjalp")],
                options: [.value("--venue", "SLUG", "the venue"), .value("--name", "NAME", "display name, e.g. 'Läxhjälp'"),
                          .value("--organizer", "NAME", "who runs it, e.g. 'Biblioteket'")] + grantOptions) { args, ctx in
        guard let venue = args.string("--venue") else { throw CommandError.usage("missing --venue") }
        guard let name = args.name("--name") else { throw CommandError.usage("missing --name") }
        let activity = try ctx.store().addActivity(slug: args.positionals[0], venue: venue, name: name, organizer: args.name("--organizer"),
                                                   grant: grantRules(args, base: GrantRules()))
        ctx.out(ctx.lang.text("added activity {} ({})", "\(venue)/\(activity.slug)", activity.name) + "\n")
    },
    CommandSpec(["activity", "list"], "list activities", options: [.value("--venue", "SLUG", "only this venue"),
                                                                  .value("--format", "table|json", "output format"), .flag("--all", "include archived")]) { args, ctx in
        let store = try ctx.readStore()
        let activities = try store.activities(venue: args.string("--venue"), includeArchived: args.flag("--all"))
        let all = try store.venues(includeArchived: true)
        let venues = Dictionary(uniqueKeysWithValues: all.map { ($0.id, $0.slug) })
        let venueNames = Dictionary(uniqueKeysWithValues: all.map { ($0.id, $0.name) })
        if try ctx.format(args) == "json" {
            ctx.out(.array(activities.map { activityJSON($0, venue: venues[$0.venueID] ?? "", venueName: venueNames[$0.venueID]) }))
        } else {
            let l = ctx.lang
            ctx.out(TextTable(headers: [l[.venue], l[.activity], l[.slug], l[.organizer], l[.grantRules]],
                              rows: activities.map { [venueNames[$0.venueID] ?? "", $0.name, $0.slug, $0.organizer ?? "", grantText($0.grant, lang: l)] }).render())
        }
    },
    CommandSpec(["activity", "show"], "show one activity and its schedule", positionals: [.required("ACTIVITY", "slug or VENUE/SLUG")],
                options: [.value("--venue", "SLUG", "the venue, when the slug is used at several"), .value("--format", "table|json", "output format")]) { args, ctx in
        let store = try ctx.readStore()
        let activity = try store.activity(named: args.positionals[0], venue: args.string("--venue"))
        let venue = try store.venue(id: activity.venueID)
        if try ctx.format(args) == "json" { ctx.out(activityJSON(activity, venue: venue.slug, venueName: venue.name)); return }
        let l = ctx.lang
        let slots = try store.slots(activityID: activity.id).map { "#\($0.id) \(l.slot($0.timing))" }.joined(separator: "; ")
        ctx.out(TextTable.keyValue([(l[.slug], "\(venue.slug)/\(activity.slug)"), (l[.name], "\(venue.name) – \(activity.name)"),
                                    (l[.organizer], activity.organizer ?? "-"),
                                    (l[.grantRules], grantText(activity.grant, lang: l)), (l[.schedule], slots.isEmpty ? "-" : slots),
                                    (l[.state], l.state(archived: activity.archived))]))
    },
    CommandSpec(["activity", "edit"], "change an activity", positionals: [.required("ACTIVITY", "slug or VENUE/SLUG")],
                options: [.value("--venue", "SLUG", "the venue, when the slug is used at several"), .value("--name", "NAME", "new display name"),
                          .value("--organizer", "NAME", "new organizer"), .flag("--restore", "bring an archived activity back into use")]
                + grantOptions) { args, ctx in
        let store = try ctx.store()
        var activity = try store.activity(named: args.positionals[0], venue: args.string("--venue"))
        if args.flag("--restore") { activity.archived = false }
        if let name = args.name("--name") { activity.name = name }
        if let organizer = args.name("--organizer") { activity.organizer = organizer.isEmpty ? nil : organizer }
        activity.grant = try grantRules(args, base: activity.grant)
        try store.editActivity(activity)
        ctx.out("activity \(activity.slug): \(activity.name), organizer \(activity.organizer ?? "-"), grant rules \(grantText(activity.grant))\n")
    },
    CommandSpec(["activity", "remove"], "remove an activity (archived instead when check-ins refer to it)",
                positionals: [.required("ACTIVITY", "slug or VENUE/SLUG")], options: [.value("--venue", "SLUG", "the venue")]) { args, ctx in
        let store = try ctx.store()
        let activity = try store.activity(named: args.positionals[0], venue: args.string("--venue"))
        let archived = try store.removeActivity(activity)
        ctx.out(ctx.lang.text(archived ? "activity {} is in use: archived instead of removed" : "removed activity {}", activity.slug) + "\n")
    },
]

func grantText(_ g: GrantRules, lang: Lang = .en) -> String {
    guard !g.isEmpty else { return "-" }
    var parts: [String] = []
    if let n = g.minParticipants { parts.append("≥\(n) \(lang[.atLeastParticipants])") }
    if g.minAge != nil || g.maxAge != nil { parts.append("\(lang[.ageRange]) \(g.minAge ?? 0)-\(g.maxAge.map(String.init) ?? "")") }
    if let m = g.minMinutes { parts.append("≥\(m) \(lang[.minutes])") }
    if g.leaderRequired { parts.append(lang[.leaderPresent]) }
    return parts.joined(separator: ", ")
}

/// `venue_name` was added after `archived` (old fields keep their place and meaning).
func activityJSON(_ a: Activity, venue: String, venueName: String? = nil) -> JSONValue {
    .object([("venue", .string(venue)), ("slug", .string(a.slug)), ("name", .string(a.name)), ("organizer", .optional(a.organizer)),
             ("grant", .object([("min_participants", .optional(a.grant.minParticipants)), ("min_age", .optional(a.grant.minAge)),
                                ("max_age", .optional(a.grant.maxAge)), ("min_minutes", .optional(a.grant.minMinutes)),
                                ("leader_required", .bool(a.grant.leaderRequired))])),
             ("archived", .bool(a.archived))] + (venueName.map { [("venue_name", JSONValue.string($0))] } ?? []))
}
