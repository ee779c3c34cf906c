// /desk/events?venue=SLUG&after=ID: JSON for the desk's live refresh — today's swipes after ID
// (newest first, at most the desk's window), the greeting, the new-card notice and today's counts,
// with the marks already in the page's language. Reads only.
import NarvaroCore
import NarvaroDesk

enum DeskEventsPage {
    static func show(_ ctx: WebContext) throws -> CGIResponse {
        guard let afterText = ctx.request.parameter("after") else { throw WebError.badRequest("after=ID is missing (the last check-in id the page has)") }
        guard afterText.count <= 19, afterText.allSatisfy({ $0.isASCII && $0.isNumber }), let after = Int64(afterText) else {
            throw WebError.badRequest("after takes a check-in id (a whole number ≥ 0), not '\(afterText)'")
        }
        guard let venue = try ctx.venue() else { throw WebError.badRequest("several venues: name one with venue=SLUG") }
        let model = try DeskModel.load(store: try ctx.store(), venue: venue.slug, now: ctx.now)
        let d = ctx.deskTexts
        let fresh = model.checkIns.filter { $0.id > after }
        let checkIns: [JSONValue] = fresh.map { c in
            .object([("id", .int(Int(c.id))), ("time", .string(c.time)), ("reader", .string(c.reader)), ("who", .optional(c.who)),
                     ("visitor_code", .optional(c.visitorCode)), ("activity", .string(c.activity)), ("outcome", .string(c.outcome.rawValue)),
                     ("mark", .string(DeskPage.mark(c, d))), ("awaits_enrolment", .bool(c.awaitsEnrolment))])
        }
        let greeting: JSONValue = model.greeting.flatMap { g in
            g.who.map { JSONValue.object([("id", .int(Int(g.id))), ("text", .string(d.welcome($0))), ("activity", .string(g.activity))]) }
        } ?? .null
        let unknown: JSONValue = model.newestUnknownCard.map {
            .object([("id", .int(Int($0.id))), ("reader", .string($0.reader)), ("time", .string($0.time)), ("text", .string(DeskPage.unknownText($0, d)))])
        } ?? .null
        func figures(_ label: String, _ f: AttendanceFigures) -> JSONValue {
            .object([("activity", .string(label)), ("visits", .int(f.visits)), ("unique_visitors", .int(f.uniqueVisitors)), ("new_visitors", .int(f.newVisitors))])
        }
        let json = JSONValue.object([
            ("venue", .string(venue.slug)),
            ("last_id", .int(Int(max(after, model.checkIns.first?.id ?? 0)))),
            ("check_ins", .array(checkIns)),
            ("greeting", greeting),
            ("unknown_card", unknown),
            ("counters", .array(model.counters.map { figures($0.activity, $0.figures) })),
            ("total", figures(d.total, model.total)),
        ])
        return .json(JSONText(json))
    }
}
