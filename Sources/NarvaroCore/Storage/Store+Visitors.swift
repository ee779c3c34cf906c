// Visitors: pseudonymous people. A card nobody has enrolled is held by a placeholder visitor
// (enrolled = 0) so its visits count "under that card" until enrolment fills in or merges it.

/// The optional details a volunteer may give for a visitor; nil leaves a field unset/unchanged.
public struct VisitorDetails: Sendable, Equatable {
    public var nickname: String?
    public var birthYear: Int?
    public var gender: Gender?
    public var role: Role?

    public init(nickname: String? = nil, birthYear: Int? = nil, gender: Gender? = nil, role: Role? = nil) {
        self.nickname = nickname
        self.birthYear = birthYear
        self.gender = gender
        self.role = role
    }

    /// Birth years in the future or more than 120 years back are typing mistakes.
    public func validate(currentYear: Int) throws {
        if let year = birthYear, !(currentYear - 120...currentYear).contains(year) {
            throw StoreError.outOfRange("birth year \(year) is not plausible: give a year between \(currentYear - 120) and \(currentYear)")
        }
        if let nickname { try OutsideText.checkName(nickname, what: "nickname", longest: Visitor.longestNickname) }
    }
}

extension Store {
    static let visitorColumns = "id, code, nickname, birth_year, gender, role, enrolled, created_at"

    static func visitor(_ row: Row) throws(StoreError) -> Visitor {
        Visitor(id: row.int64(0), code: row.string(1), nickname: row.optionalString(2), birthYear: row.optionalInt(3),
                gender: try row.stored(4, as: Gender.self, column: "visitors.gender"), role: try row.stored(5, as: Role.self, column: "visitors.role"),
                enrolled: row.bool(6), createdAt: EventTime(microseconds: row.int64(7)))
    }

    /// Inserts a visitor with a fresh unique code.
    func insertVisitor(_ details: VisitorDetails, enrolled: Bool, at time: EventTime) throws -> Visitor {
        var code = codes.next()
        while try db.queryOne("SELECT 1 FROM visitors WHERE code = ?1", code) != nil { code = codes.next() }
        // The cell key given here, as `visitors_cell_key` would give it: the trigger's UPDATE
        // rewrote the row just inserted (an unknown card's placeholder costs a swipe ~60 k instructions).
        try db.run("INSERT INTO visitors(code, nickname, birth_year, gender, role, enrolled, created_at, cell_key) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, random())",
                   code, details.nickname, details.birthYear, (details.gender ?? .unstated).rawValue,
                   (details.role ?? .participant).rawValue, enrolled, time.microseconds)
        return try visitor(id: db.lastInsertRowID)
    }

    public func visitor(id: Int64) throws -> Visitor {
        guard let row = try db.queryOne("SELECT \(Self.visitorColumns) FROM visitors WHERE id = ?1", id) else {
            throw StoreError.notFound(kind: "visitor", name: "#\(id)", hint: "check `narvaro visitor list`")
        }
        return try Self.visitor(row)
    }

    public func visitor(code: String) throws -> Visitor {
        guard let row = try db.queryOne("SELECT \(Self.visitorColumns) FROM visitors WHERE code = ?1", code.uppercased()) else {
            throw StoreError.notFound(kind: "visitor", name: code, hint: "check the code with `narvaro visitor list`")
        }
        return try Self.visitor(row)
    }

    public func visitors(includeUnenrolled: Bool = false) throws -> [Visitor] {
        try db.query("SELECT \(Self.visitorColumns) FROM visitors WHERE enrolled = 1 OR ?1 ORDER BY created_at, id", includeUnenrolled).map(Self.visitor)
    }

    /// Adds a visitor, optionally holding a card typed in by hand (in `format`).
    public func addVisitor(_ details: VisitorDetails, card: String?, format: CardFormat, now: EventTime, currentYear: Int) throws -> Visitor {
        try details.validate(currentYear: currentYear)
        return try db.transaction {
            guard let card else { return try insertVisitor(details, enrolled: true, at: now) }
            let hash = try hasher().hash(format.canonicalCard(card))
            if let existing = try cardRecord(hash: hash) {
                if let visitorID = existing.visitorID {
                    let holder = try visitor(id: visitorID)
                    if holder.enrolled { throw StoreError.conflict("that card already belongs to visitor \(holder.code): revoke it there first") }
                    // The card was swiped before it was enrolled: its placeholder becomes this visitor.
                    return try enrolPlaceholder(holder, details: details, into: nil)
                }
                throw StoreError.conflict("that card is an activity card: it cannot also belong to a visitor")
            }
            let visitor = try insertVisitor(details, enrolled: true, at: now)
            try db.run("INSERT INTO cards(card_hash, visitor_id, created_at) VALUES (?1, ?2, ?3)", hash, visitor.id, now.microseconds)
            return visitor
        }
    }

    /// Changes a visitor's details; the statistics of every day they visited follow.
    public func editVisitor(code: String, details: VisitorDetails, currentYear: Int) throws -> Visitor {
        try details.validate(currentYear: currentYear)
        let visitor = try self.visitor(code: code)
        try db.transaction {
            // The recomputation reads the visits: the check-ins not counted yet go in first.
            try catchUpStatistics()
            try db.run("""
                UPDATE visitors SET nickname = coalesce(?2, nickname), birth_year = coalesce(?3, birth_year),
                gender = coalesce(?4, gender), role = coalesce(?5, role) WHERE id = ?1
                """, visitor.id, details.nickname, details.birthYear, details.gender?.rawValue, details.role?.rawValue)
            try recomputeDayTotals(forVisitor: visitor.id)
        }
        return try self.visitor(id: visitor.id)
    }

    /// Turns a placeholder (a card's visitor before enrolment) into an enrolled visitor, or merges it
    /// into `target`: its check-ins, cards and visits move, and the statistics of the affected days are recomputed.
    /// Must run inside a transaction.
    func enrolPlaceholder(_ placeholder: Visitor, details: VisitorDetails, into target: Visitor?) throws -> Visitor {
        try catchUpStatistics()
        guard let target else {
            try db.run("""
                UPDATE visitors SET nickname = ?2, birth_year = ?3, gender = ?4, role = ?5, enrolled = 1 WHERE id = ?1
                """, placeholder.id, details.nickname, details.birthYear, (details.gender ?? .unstated).rawValue, (details.role ?? .participant).rawValue)
            try recomputeDayTotals(forVisitor: placeholder.id)
            return try visitor(id: placeholder.id)
        }
        let days = try visitDays(visitorID: placeholder.id) + visitDays(visitorID: target.id)
        try db.run("UPDATE checkins SET visitor_id = ?2 WHERE visitor_id = ?1", placeholder.id, target.id)
        try db.run("UPDATE cards SET visitor_id = ?2 WHERE visitor_id = ?1", placeholder.id, target.id)
        try db.run("""
            INSERT OR IGNORE INTO visits(venue_id, local_day, activity_id, visitor_id)
            SELECT venue_id, local_day, activity_id, ?2 FROM visits WHERE visitor_id = ?1
            """, placeholder.id, target.id)
        try db.run("DELETE FROM visits WHERE visitor_id = ?1", placeholder.id)
        try db.run("""
            INSERT INTO first_visits(visitor_id, venue_id, first_day) SELECT ?2, venue_id, first_day FROM first_visits WHERE visitor_id = ?1
            ON CONFLICT(visitor_id, venue_id) DO UPDATE SET first_day = min(first_day, excluded.first_day)
            """, placeholder.id, target.id)
        try db.run("DELETE FROM first_visits WHERE visitor_id = ?1", placeholder.id)
        try db.run("DELETE FROM visitors WHERE id = ?1", placeholder.id)
        try recomputeDayTotals(days: days)
        return try visitor(id: target.id)
    }

    /// Deletes a visitor who never checked in, with their cards. One with check-ins is refused:
    /// `forget` deletes those too while keeping the anonymous totals.
    public func removeVisitor(code: String) throws -> String {
        let visitor = try self.visitor(code: code)
        return try db.transaction {
            if try db.queryOne("SELECT 1 FROM checkins WHERE visitor_id = ?1 LIMIT 1", visitor.id) != nil {
                throw StoreError.conflict("visitor \(visitor.code) has check-ins: `narvaro forget \(visitor.code)` deletes them with the visitor (the anonymous totals keep their counts)")
            }
            try db.run("DELETE FROM cards WHERE visitor_id = ?1", visitor.id)
            try db.run("DELETE FROM first_visits WHERE visitor_id = ?1", visitor.id)
            try db.run("DELETE FROM visitors WHERE id = ?1", visitor.id)
            return visitor.code
        }
    }

    /// The most recent card swiped as unknown (optionally at one reader), with its placeholder visitor.
    public func lastUnknownCard(reader: String?) throws -> (cardID: Int64, placeholder: Visitor, time: EventTime) {
        let readerID = try reader.map { try self.reader(named: $0).id }
        guard let row = try db.queryOne("""
            SELECT c.card_id, c.visitor_id, c.time_us FROM checkins c JOIN visitors v ON v.id = c.visitor_id
            WHERE c.outcome = 'unknown' AND v.enrolled = 0 AND (?1 IS NULL OR c.reader_id = ?1)
            ORDER BY c.time_us DESC, c.id DESC LIMIT 1
            """, readerID) else {
            throw StoreError.notFound(kind: "unknown card", name: reader ?? "any reader",
                                      hint: "swipe the new card on the reader first, then enrol it")
        }
        return (row.int64(0), try visitor(id: row.int64(1)), EventTime(microseconds: row.int64(2)))
    }

    /// `narvaro enrol --last`: binds the newest unknown card to a new visitor, or to `existingCode`.
    /// With `expecting`, the newest unknown card must still be the one whose placeholder has that code
    /// (checked in the same transaction), else `StoreError.enrolmentMoved` is thrown and nothing changes.
    public func enrolLast(reader: String?, details: VisitorDetails, existingCode: String?, currentYear: Int,
                           expecting placeholderCode: String? = nil) throws -> Visitor {
        try details.validate(currentYear: currentYear)
        return try db.transaction {
            let last = try lastUnknownCard(reader: reader)
            if let placeholderCode, last.placeholder.code != placeholderCode { throw StoreError.enrolmentMoved }
            let target = try existingCode.map { try visitor(code: $0) }
            return try enrolPlaceholder(last.placeholder, details: details, into: target)
        }
    }
}
