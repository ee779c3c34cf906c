// The venue's side of the push to the municipality: its UUID (generated once, never changed),
// the outbox the statistics triggers fill (Schema+CentralOutbox.swift), and marking it sent.

/// One outbox note as read by a push; deleted afterwards only if its `seq` is still the same.
public struct OutboxItem: Hashable, Sendable {
    public enum Kind: String, Sendable { case day, period, venue }
    public var venueID: Int64
    public var kind: Kind
    public var key: String
    public var seq: Int64
}

extension Store {
    static func centralUUIDKey(_ venueID: Int64) -> String { "central_uuid:\(venueID)" }

    /// The venue's central UUID, if it was ever attached.
    public func centralUUID(venueID: Int64) throws -> String? {
        try db.queryOne("SELECT value FROM meta WHERE key = ?1", Self.centralUUIDKey(venueID))?.string(0)
    }

    /// The venue's central UUID, generated (RFC 4122 version 4, from the system's random source) and
    /// stored the first time; afterwards always the same.
    public func ensureCentralUUID(venueID: Int64) throws -> String {
        try db.transaction {
            if let existing = try centralUUID(venueID: venueID) { return existing }
            let uuid = Self.randomUUID()
            try db.run("INSERT INTO meta(key, value) VALUES (?1, ?2)", Self.centralUUIDKey(venueID), uuid)
            return uuid
        }
    }

    static func randomUUID() -> String {
        var generator = SystemRandomNumberGenerator()
        var bytes = (0..<16).map { _ in UInt8.random(in: 0...255, using: &generator) }
        bytes[6] = (bytes[6] & 0x0F) | 0x40
        bytes[8] = (bytes[8] & 0x3F) | 0x80
        let hex = Hex.encode(bytes)
        let parts = [0..<8, 8..<12, 12..<16, 16..<20, 20..<32].map { range in
            String(hex[hex.index(hex.startIndex, offsetBy: range.lowerBound)..<hex.index(hex.startIndex, offsetBy: range.upperBound)])
        }
        return parts.joined(separator: "-")
    }

    /// Venues that have a central UUID: the ones a push sends.
    public func attachedVenues() throws -> [(venue: Venue, uuid: String)] {
        try venues(includeArchived: true).compactMap { venue in try centralUUID(venueID: venue.id).map { (venue, $0) } }
    }

    /// Notes every day, folded period and the description of the venue, so the next push sends
    /// its whole history (`narvaro central attach`).
    public func noteWholeHistory(venueID: Int64) throws {
        try db.transaction {
            let next = "(\(Schema.nextSeq))"
            try db.run("""
                INSERT INTO central_outbox(venue_id, kind, key, seq)
                SELECT ?1, 'day', CAST(local_day AS TEXT), \(next) FROM (
                    SELECT local_day FROM day_totals WHERE venue_id = ?1 UNION SELECT local_day FROM visits WHERE venue_id = ?1
                    UNION SELECT local_day FROM forgotten_totals WHERE venue_id = ?1)
                WHERE true ON CONFLICT DO UPDATE SET seq = excluded.seq
                """, venueID)
            try db.run("""
                INSERT INTO central_outbox(venue_id, kind, key, seq)
                SELECT ?1, 'period', period, \(next) FROM (SELECT DISTINCT period FROM period_totals WHERE venue_id = ?1)
                WHERE true ON CONFLICT DO UPDATE SET seq = excluded.seq
                """, venueID)
            try db.run("""
                INSERT INTO central_outbox(venue_id, kind, key, seq) VALUES (?1, 'venue', '', \(next))
                ON CONFLICT DO UPDATE SET seq = excluded.seq
                """, venueID)
        }
    }

    /// Everything waiting for `venueID`.
    public func pendingOutbox(venueID: Int64) throws -> [OutboxItem] {
        try db.query("SELECT kind, key, seq FROM central_outbox WHERE venue_id = ?1 ORDER BY kind, key", venueID).map { row throws(StoreError) in
            // A kind this version does not know is damage: skipping it would leave the note unsent forever.
            OutboxItem(venueID: venueID, kind: try row.stored(0, as: OutboxItem.Kind.self, column: "central_outbox.kind"), key: row.string(1), seq: row.int64(2))
        }
    }

    /// How many notes wait, all venues together (`narvaro central status`, tests).
    public func outboxCount() throws -> Int { Int(try db.scalar("SELECT count(*) FROM central_outbox")) }

    /// Called by a push before it reads the outbox: from now on a change to a waiting note gives it
    /// a new `seq`. Returns the mark; only notes at or below it may be marked sent by this push.
    public func beginOutboxRead() throws -> Int64 {
        try db.transaction {
            // Never below an earlier mark, so sequence numbers only grow even when the outbox empties.
            let mark = try db.scalar("SELECT \(Schema.nextSeq) - 1")
            try db.run("INSERT INTO meta(key, value) VALUES ('central_push_mark', ?1) ON CONFLICT(key) DO UPDATE SET value = excluded.value", String(mark))
            return mark
        }
    }

    /// Deletes the notes a push delivered, unless a change noted them again since (a newer `seq`).
    /// Notes above `mark` (written between the mark and the read) stay for the next push.
    public func markSent(_ items: [OutboxItem], mark: Int64) throws {
        try db.transaction {
            for item in items where item.seq <= mark {
                try db.run("DELETE FROM central_outbox WHERE venue_id = ?1 AND kind = ?2 AND key = ?3 AND seq = ?4",
                           item.venueID, item.kind.rawValue, item.key, item.seq)
            }
        }
    }

    /// Runs `body` in one read transaction: every query inside sees the same committed state,
    /// while the daemon keeps writing (WAL). Takes no write lock.
    public func readSnapshot<T>(_ body: () throws -> T) throws -> T {
        try db.execute("BEGIN DEFERRED")
        do {
            let result = try body()
            try db.execute("COMMIT")
            return result
        } catch {
            if db.isInTransaction { try? db.execute("ROLLBACK") }
            throw error
        }
    }
}
