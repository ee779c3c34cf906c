// narvaro forget and narvaro retention: erasure of one visitor, and the retention period.
import NarvaroCLI
import NarvaroCore
import NarvaroDesk
import NarvaroDaemon

let privacyCommands: [CommandSpec] = [
    CommandSpec(["forget"], "delete a visitor, their cards and check-ins; the anonymous totals keep their counts",
                positionals: [.required("CODE", "the visitor code")]) { args, ctx in
        let summary = try ctx.store().forget(code: args.positionals[0])
        ctx.out("forgot visitor \(summary.visitor): deleted \(summary.checkIns) check-ins, \(summary.cards) cards, \(summary.visits) visit rows\n")
    },
    CommandSpec(["retention", "run"], "fold per-person data older than the retention period into anonymous totals and delete it",
                options: [.value("--days", "N", "keep this many days (default: the configured period, 400)")]) { args, ctx in
        let store = try ctx.store()
        let today = try store.venues().first.map { try VenueClock(identifier: $0.timeZone) } ?? VenueClock(identifier: "Europe/Stockholm")
        let summary = try store.runRetention(today: today.localDate(of: ctx.now), days: args.int("--days", in: 30...3650), now: ctx.now)
        // Rows go a whole half-year at a time (RetentionSummary): name the day they are kept from, not the horizon.
        ctx.out("retention: per-person data kept from \(summary.deletedBefore) (the retention period reaches back to \(summary.horizon); "
                + "older rows go a whole half-year at a time); folded \(summary.foldedPeriods) periods; deleted \(summary.checkIns) check-ins, "
                + "\(summary.visits) visit rows and \(summary.visitors) visitors not seen since \(summary.deletedBefore)\n")
    },
    CommandSpec(["retention", "set"], "set the retention period in days (the daemon applies it once a day)",
                positionals: [.required("DAYS", "30 to 3650")]) { args, ctx in
        guard let days = Int(args.positionals[0]) else { throw CommandError.usage("DAYS is a whole number, not '\(args.positionals[0])'") }
        try ctx.store().setRetentionDays(days)
        ctx.out("retention period: \(days) days\n")
    },
]
