// Cards: stored only as HMAC-SHA256 of their canonical id. Bound to a visitor (or a placeholder
// for an unknown card) or to an activity (an activity card); revocable.

public struct CardRecord: Hashable, Sendable {
    public var id: Int64
    public var visitorID: Int64?
    public var activityID: Int64?
    public var revokedAt: EventTime?
}

extension Store {
    func cardRecord(hash: [UInt8]) throws -> CardRecord? {
        try db.queryOne("SELECT id, visitor_id, activity_id, revoked_at FROM cards WHERE card_hash = ?1", hash).map {
            CardRecord(id: $0.int64(0), visitorID: $0.optionalInt64(1), activityID: $0.optionalInt64(2),
                       revokedAt: $0.optionalInt64(3).map { EventTime(microseconds: $0) })
        }
    }

    /// The canonical id of a card typed by hand: in `format`, or in the format of the named reader.
    public func canonicalCard(_ text: String, format: CardFormat?, reader: String?) throws -> String {
        if let format { return try format.canonicalCard(text) }
        if let reader { return try self.reader(named: reader).cardFormat.canonicalCard(text) }
        let formats = Set(try readers().map(\.cardFormat))
        if formats.count > 1 {
            throw StoreError.cardFormatNotChosen
        }
        return try (formats.first ?? .raw).canonicalCard(text)
    }

    /// Makes a card an activity card: swiping it switches the reader's current activity.
    public func addActivityCard(_ canonical: String, activity: Activity, now: EventTime) throws {
        try requireInUse(activity)
        let hash = try hasher().hash(canonical)
        if try cardRecord(hash: hash) != nil {
            throw StoreError.conflict("that card is already in use: revoke it first, or use another card")
        }
        try db.run("INSERT INTO cards(card_hash, activity_id, created_at) VALUES (?1, ?2, ?3)", hash, activity.id, now.microseconds)
    }

    /// Revokes a card: its later swipes are recorded as `revoked` and never counted.
    public func revokeCard(_ canonical: String, now: EventTime) throws {
        let hash = try hasher().hash(canonical)
        guard let card = try cardRecord(hash: hash) else {
            throw StoreError.notFound(kind: "card", name: "(typed number)", hint: "check the number and the card format")
        }
        if card.revokedAt != nil { throw StoreError.conflict("that card is already revoked") }
        try db.run("UPDATE cards SET revoked_at = ?2 WHERE id = ?1", card.id, now.microseconds)
    }

    /// Adds a card typed by hand to an existing visitor.
    public func addCard(_ canonical: String, toVisitor code: String, now: EventTime) throws {
        let visitor = try self.visitor(code: code)
        try db.transaction {
            let hash = try hasher().hash(canonical)
            if let existing = try cardRecord(hash: hash) {
                guard let holderID = existing.visitorID, case let holder = try self.visitor(id: holderID), !holder.enrolled else {
                    throw StoreError.conflict("that card is already in use: revoke it first")
                }
                _ = try enrolPlaceholder(holder, details: VisitorDetails(), into: visitor)
                return
            }
            try db.run("INSERT INTO cards(card_hash, visitor_id, created_at) VALUES (?1, ?2, ?3)", hash, visitor.id, now.microseconds)
        }
    }

    /// The cards a visitor holds: id, revoked time (card numbers are not stored and cannot be shown).
    public func cards(visitorID: Int64) throws -> [CardRecord] {
        try db.query("SELECT id, visitor_id, activity_id, revoked_at FROM cards WHERE visitor_id = ?1 ORDER BY id", visitorID).map {
            CardRecord(id: $0.int64(0), visitorID: $0.optionalInt64(1), activityID: $0.optionalInt64(2),
                       revokedAt: $0.optionalInt64(3).map { EventTime(microseconds: $0) })
        }
    }
}

extension Store {
    /// Every card with its holder: a visitor code (`unknown card` before enrolment) or `activity SLUG`.
    public func cardList(visitor code: String?) throws -> [(id: Int64, holder: String, revoked: Bool)] {
        let visitorID = try code.map { try visitor(code: $0).id }
        return try db.query("""
            SELECT c.id, p.code, p.enrolled, a.slug, c.revoked_at FROM cards c
            LEFT JOIN visitors p ON p.id = c.visitor_id LEFT JOIN activities a ON a.id = c.activity_id
            WHERE ?1 IS NULL OR c.visitor_id = ?1 ORDER BY c.id
            """, visitorID).map { row in
            let holder = row.optionalString(3).map { "activity \($0)" } ?? (row.bool(2) ? row.string(1) : "unknown card")
            return (row.int64(0), holder, row.optionalInt64(4) != nil)
        }
    }
}
