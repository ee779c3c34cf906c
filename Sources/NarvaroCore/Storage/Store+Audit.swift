// The audit trail of changes made through narvaro-web: who (the login nginx passed on), what,
// to whom and when. Written in the same transaction as the change it records.

public struct AuditEntry: Hashable, Sendable {
    public var id: Int64
    public var at: EventTime
    public var user: String
    /// What was done: `enrol`, `edit`, `revoke-card`, `forget`, `switch-activity`.
    public var action: String
    /// Whom or what it was done to: a visitor code, a reader name.
    public var subject: String
    public var detail: String

    public init(id: Int64, at: EventTime, user: String, action: String, subject: String, detail: String) {
        self.id = id
        self.at = at
        self.user = user
        self.action = action
        self.subject = subject
        self.detail = detail
    }
}

extension Store {
    /// Runs `change` and records it in the audit table in one transaction: no change without its
    /// row, no row without its change. `change` returns the subject and detail to record.
    public func audited<T>(user: String, action: String, at time: EventTime,
                           _ change: () throws -> (result: T, subject: String, detail: String)) throws -> T {
        try db.transaction {
            let done = try change()
            try db.run("INSERT INTO audit(at, user, action, subject, detail) VALUES (?1, ?2, ?3, ?4, ?5)",
                       time.microseconds, user, action, done.subject, done.detail)
            return done.result
        }
    }

    /// The newest audit rows first.
    public func auditEntries(limit: Int = 200) throws -> [AuditEntry] {
        try db.query("SELECT id, at, user, action, subject, detail FROM audit ORDER BY id DESC LIMIT ?1", limit).map {
            AuditEntry(id: $0.int64(0), at: EventTime(microseconds: $0.int64(1)), user: $0.string(2), action: $0.string(3),
                       subject: $0.string(4), detail: $0.string(5))
        }
    }

    /// The per-database secret narvaro-web keys its CSRF tokens with (created by the audit migration).
    public func webSecret() throws -> String {
        guard let secret = try db.queryOne("SELECT value FROM meta WHERE key = 'web_secret'")?.string(0), secret.count >= 32 else {
            throw StoreError.noWebSecret
        }
        return secret
    }

    /// Revokes one of a visitor's cards by its id (the web lists cards by id: numbers are not stored).
    public func revokeCard(id cardID: Int64, ofVisitor code: String, now: EventTime) throws {
        let visitor = try self.visitor(code: code)
        guard let card = try cards(visitorID: visitor.id).first(where: { $0.id == cardID }) else {
            throw StoreError.notFound(kind: "card", name: "#\(cardID)", hint: "visitor \(visitor.code) holds no such card")
        }
        if card.revokedAt != nil { throw StoreError.conflict("that card is already revoked") }
        try db.run("UPDATE cards SET revoked_at = ?2 WHERE id = ?1", card.id, now.microseconds)
    }
}
