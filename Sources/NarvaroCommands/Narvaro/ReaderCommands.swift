// narvaro reader add|list|show|edit|remove: where readers stand and how their devices are found.
import NarvaroCLI
import NarvaroCore
import NarvaroDesk
import NarvaroDaemon

private let readerOptions: [OptionSpec] = [
    .value("--venue", "SLUG", "the venue the reader stands at"),
    .value("--device", "PATH", "device path, best a stable link: /dev/input/by-id/… or by-path/…"),
    .value("--usb", "VID:PID", "USB vendor and product id in hex, e.g. ffff:0035"),
    .value("--name-pattern", "GLOB", "with --usb: only devices whose name matches"),
    .value("--phys-pattern", "GLOB", "with --usb: only devices on this port, e.g. '*-1/input0'"),
    .value("--activity", "SLUG", "a fixed activity for every swipe on this reader"),
    .flag("--no-activity", "drop the fixed activity"),
    .value("--card-format", "F", "how the reader writes card ids: raw, decimal10, hex, hex-reversed (default raw)"),
    .value("--cooldown", "SECONDS", "repeat swipes of one card within this time are duplicates (default 10)"),
]

private func readerSettings(_ args: ParsedArguments) throws -> ReaderSettings {
    var settings = ReaderSettings()
    settings.venue = args.string("--venue")
    // What was typed must be a way narvarod finds a device (ReaderMatch: a path, or USB ids narrowed by
    // globs): checked by that one rule, and its refusal is a usage error. An empty glob means none.
    let (device, usb) = (args.string("--device"), args.string("--usb"))
    if device != nil || usb != nil {
        let glob = { (option: String) in args.string(option).flatMap { $0.isEmpty ? nil : $0 } }
        do { _ = try ReaderMatch(device: device, usb: usb, namePattern: glob("--name-pattern"), physPattern: glob("--phys-pattern")) } catch {
            throw CommandError.usage("\(error)")
        }
    }
    settings.device = device
    settings.usb = usb?.lowercased()
    settings.namePattern = args.string("--name-pattern")
    settings.physPattern = args.string("--phys-pattern")
    settings.cardFormat = try args.choice("--card-format", as: CardFormat.self)
    settings.fixedActivity = args.string("--activity")
    settings.clearFixedActivity = args.flag("--no-activity")
    settings.cooldownSeconds = try args.int("--cooldown", in: 0...86_400)
    return settings
}

let readerCommands: [CommandSpec] = [
    CommandSpec(["reader", "add"], "add a card reader", positionals: [.required("NAME", "short name, e.g. entre")], options: readerOptions) { args, ctx in
        let settings = try readerSettings(args)
        if settings.device == nil, settings.usb == nil { throw CommandError.usage("say how to find the reader: --device PATH or --usb VID:PID") }
        let reader = try ctx.store().addReader(name: args.positionals[0], settings: settings)
        ctx.out(ctx.lang.text("added reader {} ({}); narvarod picks it up without a restart", reader.name, reader.cardFormat.rawValue) + "\n")
    },
    CommandSpec(["reader", "edit"], "change a reader", positionals: [.required("NAME", "the reader")],
                options: readerOptions + [.flag("--restore", "bring an archived reader back into use")]) { args, ctx in
        var settings = try readerSettings(args)
        settings.restore = args.flag("--restore")
        let reader = try ctx.store().editReader(name: args.positionals[0], settings: settings)
        ctx.out("reader \(reader.name): \(deviceText(reader)), format \(reader.cardFormat.rawValue), cooldown \(reader.cooldownSeconds) s\n")
    },
    CommandSpec(["reader", "list"], "list readers", options: [.value("--format", "table|json", "output format"), .flag("--all", "include archived")]) { args, ctx in
        let store = try ctx.readStore()
        let readers = try store.readers(includeArchived: args.flag("--all"))
        let json = try ctx.format(args) == "json"
        var rows: [[String]] = []
        var items: [JSONValue] = []
        for reader in readers {
            let place = try store.venue(id: reader.venueID)
            let fixedActivity = try reader.fixedActivityID.map { try store.activity(id: $0) }
            rows.append([reader.name, place.name, deviceText(reader), reader.cardFormat.rawValue, fixedActivity?.name ?? "-"])
            items.append(try readerJSON(reader, store: store))
        }
        if json { ctx.out(.array(items)) } else {
            let l = ctx.lang
            ctx.out(TextTable(headers: [l[.reader], l[.venue], l[.device], l[.cardFormat], l[.fixedActivity]], rows: rows).render())
        }
    },
    CommandSpec(["reader", "show"], "show one reader", positionals: [.required("NAME", "the reader")],
                options: [.value("--format", "table|json", "output format")]) { args, ctx in
        let store = try ctx.readStore()
        let reader = try store.reader(named: args.positionals[0])
        if try ctx.format(args) == "json" { ctx.out(try readerJSON(reader, store: store)); return }
        let current = try reader.currentActivityID.map { try store.activity(id: $0).name }
        let l = ctx.lang
        ctx.out(TextTable.keyValue([(l[.reader], reader.name), (l[.venue], try store.venue(id: reader.venueID).name), (l[.device], deviceText(reader)),
                                    (l[.cardFormat], reader.cardFormat.rawValue),
                                    (l[.fixedActivity], try reader.fixedActivityID.map { try store.activity(id: $0).name } ?? "-"),
                                    (l[.currentActivity], current ?? "-"), (l[.cooldown], "\(reader.cooldownSeconds) \(l[.seconds])"),
                                    (l[.state], l.state(archived: reader.archived))]))
    },
    CommandSpec(["reader", "remove"], "remove a reader (archived instead when check-ins refer to it)",
                positionals: [.required("NAME", "the reader")]) { args, ctx in
        let archived = try ctx.store().removeReader(name: args.positionals[0])
        ctx.out(ctx.lang.text(archived ? "reader {} has check-ins: archived instead of removed" : "removed reader {}", args.positionals[0]) + "\n")
    },
]

/// One reader as `reader list` and `reader show` print it in JSON.
func readerJSON(_ reader: Reader, store: Store) throws -> JSONValue {
    let place = try store.venue(id: reader.venueID)
    let fixedActivity = try reader.fixedActivityID.map { try store.activity(id: $0) }
    return .object([("name", .string(reader.name)), ("venue", .string(place.slug)), ("device", .optional(reader.device)),
                    ("usb", .optional(reader.usb)), ("name_pattern", .optional(reader.namePattern)),
                    ("phys_pattern", .optional(reader.physPattern)), ("card_format", .string(reader.cardFormat.rawValue)),
                    ("activity", .optional(fixedActivity?.slug)), ("cooldown_seconds", .int(reader.cooldownSeconds)),
                    ("archived", .bool(reader.archived)), ("venue_name", .string(place.name)),
                    ("activity_name", .optional(fixedActivity?.name))])
}

func deviceText(_ r: Reader) -> String {
    var parts: [String] = []
    if let device = r.device { parts.append(device) }
    if let usb = r.usb { parts.append("usb \(usb)") }
    if let p = r.namePattern { parts.append("name \(p)") }
    if let p = r.physPattern { parts.append("phys \(p)") }
    return parts.isEmpty ? "-" : parts.joined(separator: " ")
}
