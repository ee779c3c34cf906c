// narvaro visitor add|list|show|edit, narvaro card add|revoke, narvaro enrol --last (alias enroll).
import NarvaroCLI
import NarvaroCore
import NarvaroDesk
import NarvaroDaemon

let visitorDetailOptions: [OptionSpec] = [
    .value("--nickname", "NAME", "what the front desk calls them (optional)"),
    .value("--birth-year", "YEAR", "for age statistics (optional)"),
    .value("--gender", "G", "woman, man, other or unstated (default unstated)"),
    .value("--role", "R", "participant, volunteer or staff (default participant)"),
]

func visitorDetails(_ args: ParsedArguments) throws -> VisitorDetails {
    VisitorDetails(nickname: args.name("--nickname"), birthYear: try args.int("--birth-year", in: 1800...9999),
                   gender: try args.choice("--gender", as: Gender.self), role: try args.choice("--role", as: Role.self))
}

private let cardInputOptions: [OptionSpec] = [
    .value("--reader", "NAME", "the card number is as this reader writes it (its card format)"),
    .value("--card-format", "F", "the card number's format: raw, decimal10, hex, hex-reversed"),
]

func visitorJSON(_ v: Visitor) -> JSONValue {
    .object([("code", .string(v.code)), ("nickname", .optional(v.nickname)), ("birth_year", .optional(v.birthYear)),
             ("gender", .string(v.gender.rawValue)), ("role", .string(v.role.rawValue)), ("enrolled", .bool(v.enrolled))])
}

let visitorCommands: [CommandSpec] = [
    CommandSpec(["visitor", "add"], "add a visitor, optionally with a card typed by hand",
                options: visitorDetailOptions + [.value("--card", "CARD", "the number printed on or read from the card")] + cardInputOptions) { args, ctx in
        let store = try ctx.store()
        let format = args.string("--card") == nil ? .raw
            : try store.canonicalFormat(args.choice("--card-format", as: CardFormat.self), reader: args.string("--reader"))
        let visitor = try store.addVisitor(visitorDetails(args), card: args.string("--card"), format: format, now: ctx.now, currentYear: ctx.currentYear)
        ctx.out(ctx.lang.text("added visitor {}", visitor.code) + (visitor.nickname.map { " (\($0))" } ?? "")
                + (args.string("--card") != nil ? " " + ctx.lang.text("with a card") : "") + "\n")
    },
    CommandSpec(["visitor", "list"], "list visitors", options: [.value("--format", "table|json", "output format"),
                                                              .flag("--unknown", "also list cards swiped but not enrolled")]) { args, ctx in
        let visitors = try ctx.readStore().visitors(includeUnenrolled: args.flag("--unknown"))
        if try ctx.format(args) == "json" { ctx.out(.array(visitors.map(visitorJSON))); return }
        let l = ctx.lang
        ctx.out(TextTable(headers: [l[.code], l[.nickname], l[.born], l[.gender], l[.role]],
                          rows: visitors.map { [$0.code + ($0.enrolled ? "" : " (\(l[.unknownCard]))"), $0.nickname ?? "", $0.birthYear.map(String.init) ?? "",
                                                l.name($0.gender), l.name($0.role)] }).render())
    },
    CommandSpec(["visitor", "show"], "show a visitor; --all prints everything held about them (right of access)",
                positionals: [.required("CODE", "the visitor code, e.g. K7M2QD")],
                options: [.flag("--all", "everything held, as JSON: details, cards, check-ins"),
                          .value("--format", "table|json", "output format")]) { args, ctx in
        let store = try ctx.readStore()
        if args.flag("--all") {
            let record = try store.record(ofVisitor: args.positionals[0])
            ctx.out(.object([
                ("visitor", visitorJSON(record.visitor)),
                ("cards", .array(record.cards.map { .object([("card", .string("#\($0.id) (only a keyed hash of the number is stored)")),
                                                             ("revoked", .bool($0.revokedAt != nil))]) })),
                ("first_visits", .array(record.firstVisits.map { .object([("venue", .string($0.venue)), ("day", .string($0.day.description))]) })),
                ("check_ins", .array(record.checkIns.map(checkInJSON))),
            ]))
            return
        }
        let visitor = try store.visitor(code: args.positionals[0])
        if try ctx.format(args) == "json" { ctx.out(visitorJSON(visitor)); return }
        let l = ctx.lang
        ctx.out(TextTable.keyValue([(l[.code], visitor.code), (l[.nickname], visitor.nickname ?? "-"), (l[.birthYear], visitor.birthYear.map(String.init) ?? "-"),
                                    (l[.gender], l.name(visitor.gender)), (l[.role], l.name(visitor.role)),
                                    (l[.cards], String(try store.cards(visitorID: visitor.id).filter { $0.revokedAt == nil }.count))]))
    },
    CommandSpec(["visitor", "edit"], "change a visitor's details", positionals: [.required("CODE", "the visitor code")],
                options: visitorDetailOptions) { args, ctx in
        let visitor = try ctx.store().editVisitor(code: args.positionals[0], details: visitorDetails(args), currentYear: ctx.currentYear)
        ctx.out("\(ctx.lang[.visitor]) \(visitor.code): \(visitor.nickname ?? "-"), \(visitor.birthYear.map(String.init) ?? "-"), \(ctx.lang.name(visitor.gender)), \(ctx.lang.name(visitor.role))\n")
    },
    CommandSpec(["visitor", "remove"], "remove a visitor who never checked in (else use `narvaro forget`)",
                positionals: [.required("CODE", "the visitor code")]) { args, ctx in
        let code = try ctx.store().removeVisitor(code: args.positionals[0])
        ctx.out(ctx.lang.text("removed visitor {}", code) + "\n")
    },
    CommandSpec(["card", "list"], "list cards: who holds them and whether they are revoked (numbers are not stored)",
                options: [.value("--visitor", "CODE", "only this visitor's cards"), .value("--format", "table|json", "output format")]) { args, ctx in
        let store = try ctx.readStore()
        let cards = try store.cardList(visitor: args.string("--visitor"))
        if try ctx.format(args) == "json" {
            ctx.out(.array(cards.map { .object([("card", .int(Int($0.id))), ("holder", .string($0.holder)), ("revoked", .bool($0.revoked))]) }))
            return
        }
        let l = ctx.lang
        ctx.out(TextTable(headers: [l[.card], l[.holder], l[.state]], rows: cards.map { ["#\($0.id)", holderText($0.holder, lang: l), l[$0.revoked ? .revoked : .active]] }).render())
    },
    CommandSpec(["card", "add"], "give a visitor another card, or make a card an activity card", positionals: [.required("CARD", "the card number")],
                options: [.value("--visitor", "CODE", "the visitor who gets the card"),
                          .value("--activity", "SLUG", "make it an activity card: swiping it switches the reader's activity"),
                          .value("--venue", "SLUG", "the activity's venue, when its slug is used at several")] + cardInputOptions) { args, ctx in
        let store = try ctx.store()
        let canonical = try store.canonicalCard(args.positionals[0], format: args.choice("--card-format", as: CardFormat.self), reader: args.string("--reader"))
        switch (args.string("--visitor"), args.string("--activity")) {
        case (let code?, nil):
            try store.addCard(canonical, toVisitor: code, now: ctx.now)
            ctx.out(ctx.lang.text("card added to visitor {}", code.uppercased()) + "\n")
        case (nil, let activity?):
            let target = try store.activity(named: activity, venue: args.string("--venue"))
            try store.addActivityCard(canonical, activity: target, now: ctx.now)
            ctx.out(ctx.lang.text("activity card added: swiping it switches a reader to {}", target.name) + "\n")
        default:
            throw CommandError.usage("give exactly one of --visitor CODE or --activity SLUG")
        }
    },
    CommandSpec(["card", "revoke"], "revoke a card: its swipes are recorded as revoked and not counted",
                positionals: [.required("CARD", "the card number")], options: cardInputOptions) { args, ctx in
        let store = try ctx.store()
        let canonical = try store.canonicalCard(args.positionals[0], format: args.choice("--card-format", as: CardFormat.self), reader: args.string("--reader"))
        try store.revokeCard(canonical, now: ctx.now)
        ctx.out(ctx.lang.text("card revoked") + "\n")
    },
]

/// The holder `cardList` gives (a visitor code, `unknown card`, `activity SLUG`) in `lang`.
func holderText(_ holder: String, lang: Lang) -> String {
    if holder == "unknown card" { return lang[.unknownCard] }
    if holder.hasPrefix("activity ") { return "\(lang[.activityCardOutcome]) \(holder.dropFirst("activity ".count))" }
    return holder
}

let enrolCommands: [CommandSpec] = [
    CommandSpec(["enrol"], "bind the newest unknown card to a new visitor (or --visitor CODE); its earlier check-ins move with it",
                options: [.flag("--last", "the most recently swiped unknown card (required)"),
                          .value("--reader", "NAME", "the newest unknown card at this reader"),
                          .value("--visitor", "CODE", "add the card to this existing visitor instead")] + visitorDetailOptions) { args, ctx in
        guard args.flag("--last") else { throw CommandError.usage("say which card: --last (the newest unknown card)") }
        let existing = args.string("--visitor")
        let details = try visitorDetails(args)
        if existing != nil, details != VisitorDetails() {
            throw CommandError.usage("--visitor adds the card to an existing visitor: change their details with `narvaro visitor edit`")
        }
        let visitor = try ctx.store().enrolLast(reader: args.string("--reader"), details: details, existingCode: existing, currentYear: ctx.currentYear)
        ctx.out(ctx.lang.text("enrolled the card as visitor {}", visitor.code) + (visitor.nickname.map { " (\($0))" } ?? "") + "\n")
    },
].flatMap { [$0, $0.alias(["enroll"])] }  // `enroll`, the spelling before issue 13, still runs (hidden)

extension Store {
    /// The card format a hand-typed number is read in: given, the reader's, or the one all readers share.
    func canonicalFormat(_ format: CardFormat?, reader: String?) throws -> CardFormat {
        if let format { return format }
        if let reader { return try self.reader(named: reader).cardFormat }
        let formats = Set(try readers().map(\.cardFormat))
        if formats.count > 1 { throw StoreError.cardFormatNotChosen }
        return formats.first ?? .raw
    }
}
