// Fuzz target `cli`: command lines as staff type them. The input, split at NUL/newline, is argv
// for ArgumentParser.parse (a representative option list) and for CommandTable.main (commands
// shaped like the real ones that parse their values but touch no database).
// Oracles: exit code 0, 1 or 2; stderr at most one line; parsed options match their specs; no
// control or direction character printed (arguments are shown visibly).
// fuzz-sources: all

/// A mix of what the real commands declare: flags, one-value, two-value and repeatable options.
let representativeOptions: [OptionSpec] = [
    .flag("--all", "everything"), .flag("--last", "the last unknown card"),
    .value("--weekly", "DAY HH:MM-HH:MM", "every week", arity: 2), .value("--once", "DATE HH:MM-HH:MM", "one session", arity: 2),
    .value("--from", "DATE", "first date"), .value("--until", "DATE", "last date"),
    .value("--birth-year", "YEAR", "birth year"), .value("--gender", "G", "gender"),
    .value("--card", "CARD", "card number"), .value("--format", "F", "output format"),
    .value("--tag", "TAG", "repeatable", repeatable: true),
]
let representativePositionals: [PositionalSpec] = [.required("ACTIVITY", "slug"), .optional("MORE", "optional")]

/// Commands that do what the real ones do with their arguments, without a database.
func harmlessTable() -> CommandTable {
    let commands: [CommandSpec] = [
        CommandSpec(["schedule", "add"], "add a slot", positionals: [.required("ACTIVITY", "slug")],
                    options: [.value("--weekly", "DAY HH:MM-HH:MM", "every week", arity: 2),
                              .value("--once", "DATE HH:MM-HH:MM", "one session", arity: 2),
                              .value("--from", "DATE", "from"), .value("--until", "DATE", "until")]) { args, ctx in
            let timing: ScheduleSlot
            switch (args.values("--weekly"), args.values("--once")) {
            case (let weekly?, nil):
                timing = try ScheduleSlot.parseWeekly(day: weekly[0], range: weekly[1], from: args.string("--from"), until: args.string("--until"))
            case (nil, let once?):
                timing = try ScheduleSlot.parseOnce(date: once[0], range: once[1])
            default:
                throw UsageError("give exactly one of --weekly DAY HH:MM-HH:MM or --once DATE HH:MM-HH:MM")
            }
            ctx.out("added \(args.positionals[0]): \(timing)\n")
        },
        CommandSpec(["visitor", "add"], "add a visitor",
                    options: [.value("--nickname", "N", "nickname"), .value("--birth-year", "YEAR", "birth year"),
                              .value("--card", "CARD", "card"), .value("--card-format", "F", "format")]) { args, ctx in
            let year = try args.int("--birth-year", in: 1900...2100)
            let format = try args.choice("--card-format", as: CardFormat.self) ?? .raw
            let card = try args.string("--card").map { (text: String) throws(CardFormatError) in try format.canonicalCard(text) }
            ctx.out("added \(args.string("--nickname") ?? "-") \(year.map(String.init) ?? "-") \(card ?? "-")\n")
        },
        CommandSpec(["report"], "weekly report", options: [.value("--week", "WEEK", "week"), .value("--period", "P", "period"),
                                                           .value("--format", "F", "format")]) { args, ctx in
            let period = try Period.parse(args.string("--week") ?? args.string("--period") ?? "2026-W47")
            let format = try ctx.format(args, allowed: ["table", "csv", "json", "html"])
            ctx.out("\(period.label) \(format) \(ctx.lang)\n")
        },
        CommandSpec(["venue", "list"], "list venues", options: [.flag("--all", "all")]) { args, ctx in
            ctx.out(TextTable(headers: ["SLUG", "ALL"], rows: [["x", args.flag("--all") ? "yes" : "no"]]).render())
        },
    ]
    return CommandTable(program: "narvaro", about: "fuzzing", commands: commands, globalOptions: narvaroGlobalOptions)
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let argv = FuzzBytes(data, size).fields

    do throws(UsageError) {
        let parsed = try ArgumentParser.parse(argv, options: representativeOptions, positionals: representativePositionals)
        fuzzCheck((1...2).contains(parsed.positionals.count), "\(parsed.positionals.count) positionals accepted")
        for (name, uses) in parsed.options {
            guard let spec = representativeOptions.first(where: { $0.name == name }) else {
                fuzzCheck(false, "unknown option \(name.debugDescription) accepted")
                continue
            }
            fuzzCheck(uses.allSatisfy { $0.count == spec.arity }, "\(name) has values \(uses), not \(spec.arity) each")
            fuzzCheck(spec.repeatable || spec.arity == 0 || uses.count == 1, "\(name) accepted \(uses.count) times")
        }
    } catch {
        fuzzCheck(!error.message.isEmpty && error.message.lineBreakCount == 0, "usage error is not one line: \(error.message.debugDescription)")
    }

    let output = BufferedOutput()
    let status = harmlessTable().main(arguments: argv, environment: [:], output: output)
    fuzzCheck([0, 1, 2].contains(status), "exit code \(status)")
    fuzzCheck(output.stderr.lineBreakCount <= 1 && (output.stderr.isEmpty || output.stderr.hasSuffix("\n")),
              "stderr is not one line: \(output.stderr.debugDescription)")
    fuzzCheck(status != 0 || output.stderr.isEmpty, "exit code 0 with an error: \(output.stderr.debugDescription)")
    // Arguments echoed in messages or tables never reach a terminal as control or direction characters.
    fuzzCheck(!(output.stdout + output.stderr).unicodeScalars.contains { OutsideText.isHidden($0) && $0 != "\n" },
              "hidden character printed: \((output.stdout + output.stderr).debugDescription)")
    return 0
}
