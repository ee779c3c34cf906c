// narvaro stats rebuild|verify: recompute the aggregates, or prove the kept ones are right.
import NarvaroCLI
import NarvaroCore
import NarvaroDesk
import NarvaroDaemon

let statsCommands: [CommandSpec] = [
    CommandSpec(["stats", "age-bands"], "show the age bands, or set them (the statistics are rebuilt)",
                positionals: [.optional("BANDS", "e.g. 0-12,13-15,16-19,20-25,26-64,65+")]) { args, ctx in
        let store = try ctx.store()
        guard let text = args.positional(0) else {
            ctx.out("age bands: \(try store.ageBands())\n")
            return
        }
        let bands = try args.reading("BANDS") { try AgeBands.parse(text) }
        try store.setAgeBands(bands)
        ctx.out("age bands: \(bands); statistics rebuilt\n")
    },
    CommandSpec(["stats", "rebuild"], "recompute every aggregate from the raw check-ins") { _, ctx in
        let store = try ctx.store()
        let visits = try store.rebuildStatistics()
        let history = try store.historyStart().map { "; history before \($0) is folded and was kept as it was" } ?? ""
        ctx.out("statistics rebuilt: \(visits) visits from check-ins\(history)\n")
    },
    CommandSpec(["stats", "verify"], "prove the incremental aggregates equal a full recomputation (exit 1 and a diff if not)",
                options: [.value("--limit", "N", "show at most N differences (default 50)")]) { args, ctx in
        let differences = try ctx.store().verifyStatistics()
        guard !differences.isEmpty else {
            ctx.out("statistics verified: the kept aggregates equal a full recomputation\n")
            return
        }
        for difference in differences.prefix(try args.int("--limit", in: 1...1_000_000) ?? 50) { ctx.out("- \(difference)\n") }
        throw CommandError.checkFailed("statistics differ from a recomputation in \(differences.count) rows: run `narvaro stats rebuild`")
    },
]
