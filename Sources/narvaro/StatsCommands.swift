// narvaro stats rebuild|verify: recompute the aggregates, or prove the kept ones are right.
import Narvaro

let statsCommands: [CommandSpec] = [
    CommandSpec(["stats", "rebuild"], "recompute every aggregate from the raw check-ins") { _, ctx in
        let visits = try ctx.store().rebuildStatistics()
        ctx.out("statistics rebuilt: \(visits) visits\n")
    },
    CommandSpec(["stats", "verify"], "prove the incremental aggregates equal a full recomputation (exit 1 and a diff if not)",
                options: [.value("--limit", "N", "show at most N differences (default 50)")]) { args, ctx in
        let differences = try ctx.store().verifyStatistics()
        guard !differences.isEmpty else {
            ctx.out("statistics verified: the kept aggregates equal a full recomputation\n")
            return
        }
        for difference in differences.prefix(try args.int("--limit", in: 1...1_000_000) ?? 50) { ctx.out("- \(difference)\n") }
        throw StoreError.invalid("statistics differ from a recomputation in \(differences.count) rows: run `narvaro stats rebuild`")
    },
]
