// narvaro schedule add|list|remove: weekly slots and one-off sessions in the venue's local time.
import NarvaroCLI
import NarvaroCore
import NarvaroDesk
import NarvaroDaemon

let scheduleCommands: [CommandSpec] = [
    CommandSpec(["schedule", "add"], "add a weekly slot or a one-off session to an activity",
                positionals: [.required("ACTIVITY", "slug or VENUE/SLUG")],
                options: [.value("--weekly", "DAY HH:MM-HH:MM", "every week, e.g. --weekly tue 15:00-18:00 (22:00-02:00+1 runs past midnight)", arity: 2),
                          .value("--once", "DATE HH:MM-HH:MM", "one session, e.g. --once 2026-12-05 10:00-16:00", arity: 2),
                          .value("--from", "DATE", "weekly slot starts on this date"), .value("--until", "DATE", "weekly slot ends on this date"),
                          .value("--venue", "SLUG", "the venue, when the slug is used at several")]) { args, ctx in
        let timing: SlotTiming
        switch (args.values("--weekly"), args.values("--once")) {
        case (let weekly?, nil):
            timing = try args.reading("--weekly") {
                try SlotTiming.parseWeekly(day: weekly[0], range: weekly[1], from: args.string("--from"), until: args.string("--until"))
            }
        case (nil, let once?):
            if args.string("--from") != nil || args.string("--until") != nil { throw CommandError.usage("--from and --until go with --weekly, not --once") }
            timing = try args.reading("--once") { try SlotTiming.parseOnce(date: once[0], range: once[1]) }
        default:
            throw CommandError.usage("give exactly one of --weekly DAY HH:MM-HH:MM or --once DATE HH:MM-HH:MM")
        }
        let store = try ctx.store()
        let activity = try store.activity(named: args.positionals[0], venue: args.string("--venue"))
        let slot = try store.addSlot(activity: activity, timing: timing)
        ctx.out(ctx.lang.text("added slot #{} to {}: {}", String(slot.id), activity.slug, ctx.lang.slot(timing)) + "\n")
    },
    CommandSpec(["schedule", "list"], "list schedule slots", positionals: [.optional("ACTIVITY", "only this activity")],
                options: [.value("--venue", "SLUG", "only this venue"), .value("--format", "table|json", "output format")]) { args, ctx in
        let store = try ctx.readStore()
        var rows: [(String, String, ScheduleSlot)] = []
        var names: [Int64: String] = [:]
        for venue in try store.venues() where args.string("--venue").map({ $0 == venue.slug }) ?? true {
            let list = try store.activities(venue: venue.slug)
            let activities = Dictionary(uniqueKeysWithValues: list.map { ($0.id, $0.slug) })
            for activity in list { names[activity.id] = "\(venue.name) – \(activity.name)" }
            for slot in try store.slots(venueID: venue.id) {
                let slug = activities[slot.activityID] ?? "?"
                if let only = args.positional(0), only != slug, only != "\(venue.slug)/\(slug)" { continue }
                rows.append((venue.slug, slug, slot))
            }
        }
        if try ctx.format(args) == "json" {
            ctx.out(.array(rows.map { .object([("id", .int(Int($0.2.id))), ("venue", .string($0.0)), ("activity", .string($0.1)),
                                               ("slot", .string($0.2.timing.description)),
                                               ("name", .optional(names[$0.2.activityID]))]) }))
        } else {
            let l = ctx.lang
            ctx.out(TextTable(headers: [l[.number], l[.activity], l[.when]],
                              rows: rows.map { ["#\($0.2.id)", names[$0.2.activityID] ?? "\($0.0)/\($0.1)", l.slot($0.2.timing)] }).render())
        }
    },
    CommandSpec(["schedule", "remove"], "remove a schedule slot", positionals: [.required("ID", "the slot's number from `schedule list`")]) { args, ctx in
        guard let id = Int64(args.positionals[0].trimmingPrefix("#")) else { throw CommandError.usage("ID is a slot number like 3, not '\(args.positionals[0])'") }
        try ctx.store().removeSlot(id: id)
        ctx.out(ctx.lang.text("removed slot #{}", String(id)) + "\n")
    },
]

extension String {
    func trimmingPrefix(_ prefix: String) -> String { hasPrefix(prefix) ? String(dropFirst(prefix.count)) : self }
}
