// narvaro checkins: recent swipes with their outcome, for the front desk and for audits.
import NarvaroCLI
import NarvaroCore
import NarvaroDesk
import NarvaroDaemon
import Foundation

func checkInJSON(_ c: CheckIn) -> JSONValue {
    .object([("id", .int(Int(c.id))), ("time", .string(iso8601(c.time))), ("reader", .string(c.reader)), ("venue", .string(c.venue)),
             ("activity", .optional(c.activity)), ("visitor", .optional(c.visitorCode)), ("nickname", .optional(c.visitorName)), ("outcome", .string(c.outcome.rawValue)),
             ("attribution", .string(c.attribution.rawValue)), ("activity_name", .optional(c.activityName))])
}

func iso8601(_ t: EventTime) -> String { ISO8601.format(t) }

/// `2026-11-17`, `2026-11-17T15:00`, or a full ISO 8601 time, in the venue's zone when no offset is given.
func parseSince(_ text: String, clock: VenueClock) throws -> EventTime {
    if let date = try? LocalDate.parse(text) { return clock.startOfDay(date) }
    if let time = ISO8601.parse(text) { return time }
    let parts = text.split(separator: "T", maxSplits: 1, omittingEmptySubsequences: false)
    // Shaped as a date (and a time): one that does not exist (2026-02-30, T24:10) says why, as --day does.
    if parts[0].utf8.count == 10, parts[0].allSatisfy({ $0.isASCII && ($0.isNumber || $0 == "-") }) {
        do {
            let date = try LocalDate.parse(String(parts[0]))
            if parts.count == 2 { return clock.instant(of: date, minute: try SlotTiming.minuteOfDay(String(parts[1]))) }
        } catch {
            throw CommandError.usage("--since: \(error)")
        }
    }
    throw CommandError.usage("--since takes a date (2026-11-17), a local time (2026-11-17T15:00) or an ISO 8601 time, not '\(text)'")
}

let checkInCommands: [CommandSpec] = [
    CommandSpec(["checkins"], "list recent swipes: time, reader, activity, visitor and outcome",
                options: [.value("--since", "TIME", "only swipes since this date or time"), .value("--reader", "NAME", "only this reader"),
                          .value("--outcome", "O", "only counted, unknown, duplicate, revoked or activity"),
                          .value("--venue", "SLUG", "only this venue"), .value("--limit", "N", "at most N rows (default 50)"),
                          .value("--format", "table|json", "output format")]) { args, ctx in
        let store = try ctx.readStore()
        let limit = try args.int("--limit", in: 1...1_000_000) ?? 50
        let outcome = try args.choice("--outcome", as: CheckInOutcome.self)
        let fallback = try VenueClock(identifier: "UTC")
        if let since = args.string("--since") { _ = try parseSince(since, clock: fallback) }  // a usage error even with no venues
        // Each check-in in its own venue's zone: its time, and where --since DATE starts its local day.
        let venues = try args.string("--venue").map { [try store.venue(slug: $0)] } ?? store.venues(includeArchived: true)
        var clocks: [String: VenueClock] = [:]
        for venue in venues { clocks[venue.slug] = try VenueClock(identifier: venue.timeZone) }
        var rows: [CheckIn]
        if let since = args.string("--since") {
            rows = []
            for venue in venues {
                guard let clock = clocks[venue.slug] else { continue }
                rows += try store.checkIns(CheckInFilter(since: try parseSince(since, clock: clock), reader: args.string("--reader"),
                                                         outcome: outcome, venue: venue.slug, limit: limit))
            }
            rows = Array(rows.sorted { $0.id > $1.id }.prefix(limit))
        } else {
            rows = try store.checkIns(CheckInFilter(reader: args.string("--reader"), outcome: outcome, venue: args.string("--venue"), limit: limit))
        }
        if try ctx.format(args) == "json" { ctx.out(.array(rows.map(checkInJSON))); return }
        let l = ctx.lang
        ctx.out(TextTable(headers: [l[.number], l[.time], l[.reader], l[.activity], l[.visitor], l[.outcome]],
                          rows: rows.map { [String($0.id), ctx.localTime($0.time, clock: clocks[$0.venue] ?? fallback), $0.reader,
                                            $0.activityName ?? $0.activity ?? "-", $0.visitorName ?? $0.visitorCode ?? "-", l.name($0.outcome)] },
                          numeric: [0]).render())
    },
]
