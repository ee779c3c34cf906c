// The swipe-to-disk path: one swipe becomes one check-in, written in ONE transaction and returned
// only after the commit; its statistics are written in the same transaction, or (`deferStatistics`,
// the daemon) in a later catch-up over many swipes. Kept short: it runs for every swipe.

/// A swipe whose card text has been replaced by its keyed hash.
public struct PreparedSwipe: Hashable, Sendable {
    public var reader: String
    public var time: EventTime
    public var cardHash: [UInt8]

    public init(reader: String, time: EventTime, cardHash: [UInt8]) {
        self.reader = reader
        self.time = time
        self.cardHash = cardHash
    }
}

public final class CheckInRecorder {
    public let store: Store
    /// Readers, venues, schedules and activities, read again only when they may have changed.
    var configuration = SwipeConfiguration()
    /// The swipe path's statements, held: the connection's cache finds a statement by its SQL
    /// text, hashing the look-up's ~700 characters on every swipe (5 % of a batched swipe's
    /// instructions with the other statements, docs/benchmarks.md "Batches against raw inserts").
    private var held: HeldStatements?
    struct HeldStatements {
        let lookup: Statement, insertCheckIn: Statement, recorded: Statement
        init(_ db: SQLiteConnection) throws {
            lookup = try db.statement(CheckInRecorder.lookup)
            insertCheckIn = try db.statement(CheckInRecorder.insertCheckIn)
            recorded = try db.statement(CheckInRecorder.recordedSwipe)
        }
    }
    private func statements() throws -> HeldStatements {
        if let held { return held }
        let made = try HeldStatements(store.db)
        held = made
        return made
    }

    /// Whether `record` leaves the statistics to a later `Store.catchUpStatistics` (the daemon, which
    /// catches up once its input pauses): the swipe's transaction then writes only the check-in
    /// (and a new card's placeholder visitor), ~7 WAL pages instead of ~12. False: written with it.
    public var deferStatistics = false

    public init(store: Store) { self.store = store }

    /// Maps the reader's text to the canonical card id and hashes it: from here on the card
    /// number exists only as its keyed hash (in the queue, the spool and the database).
    /// `checkingConfiguration: false` hashes with the reader's format as last checked, without
    /// `PRAGMA data_version` (a read transaction, 2 of a swipe's 8 `fcntl` locks): for the swipes
    /// after the first of a group being filled, which all wait for one commit anyway.
    public func prepare(_ swipe: Swipe, checkingConfiguration: Bool = true) throws -> PreparedSwipe {
        guard SwipeTimeRange.contains(swipe.time) else { throw StoreError.badTime(reader: swipe.reader, time: swipe.time) }
        if checkingConfiguration { try configuration.refresh(store) }
        let reader = try configuration.reader(named: swipe.reader, store)
        let canonical: String
        do { canonical = try reader.cardFormat.canonicalCard(swipe.card) } catch {
            // The error text would contain the card number: logs get only the format.
            throw StoreError.badCard(reader: reader.name, reason: "its output does not fit card format \(reader.cardFormat.rawValue): check `narvaro reader edit \(reader.name) --card-format`")
        }
        return PreparedSwipe(reader: reader.name, time: swipe.time, cardHash: try store.hasher().hash(canonical))
    }

    /// Records a swipe (prepare + commit). See `record(_: PreparedSwipe)`.
    public func record(_ swipe: Swipe) throws -> RecordedCheckIn {
        try record(prepare(swipe))
    }

    /// Commits a prepared swipe. Idempotent: a swipe with the same reader, time and card as one
    /// already committed (a replay after a crash) returns that check-in with `isNew == false`.
    public func record(_ swipe: PreparedSwipe) throws -> RecordedCheckIn {
        try inTransaction {
            let recorded = try write(swipe)
            try countUnlessDeferred()
            return recorded
        }
    }

    /// Hashes and commits a live swipe in ONE transaction: the configuration is checked under the
    /// write lock, so the swipe needs no read transaction of its own before it (`prepare` outside
    /// takes one: 2 of its 8 `fcntl` locks). Idempotent as `record`.
    public func recordLive(_ swipe: Swipe) throws -> RecordedCheckIn {
        try inTransaction {
            try configuration.refresh(store)
            let recorded = try write(prepare(swipe, checkingConfiguration: false), refreshed: true)
            try countUnlessDeferred()
            return recorded
        }
    }

    /// The statistics of what this transaction recorded, unless they are deferred to a catch-up.
    private func countUnlessDeferred() throws {
        guard !deferStatistics else { return }
        let before = store.db.totalChanges
        _ = try store.catchUpStatisticsInPlace(fold: nil)
        configuration.noteOwnWrites(store, since: before)
    }

    /// `Store.catchUpStatistics` for the deferred statistics; the configuration cache stays (the
    /// catch-up's rows are not configuration).
    @discardableResult
    public func catchUpStatistics(syncing: Bool = true) throws -> Int {
        let before = store.db.totalChanges
        let looked = try store.catchUpStatistics(syncing: syncing)
        configuration.noteOwnWrites(store, since: before)
        return looked
    }

    /// Runs `body` in one transaction; a rollback empties the configuration cache.
    func inTransaction<T>(_ body: () throws -> T) throws -> T {
        do { return try store.db.transaction(body) } catch {
            configuration.invalidate()
            throw error
        }
    }

    /// The swipe's idempotency key: the first 16 bytes of the keyed hash of
    /// `swipe|READER|TIME_US|CARD_HASH_HEX`. The same bytes as ever, built without string
    /// interpolation: a key that changed would make an old swipe replayed after an upgrade look new.
    func swipeKey(_ swipe: PreparedSwipe, reader: Reader) throws -> [UInt8] {
        var message: [UInt8] = []
        message.reserveCapacity(96 + reader.name.utf8.count)
        message.append(contentsOf: "swipe|".utf8)
        message.append(contentsOf: reader.name.utf8)
        message.append(UInt8(ascii: "|"))
        message.append(contentsOf: String(swipe.time.microseconds).utf8)
        message.append(UInt8(ascii: "|"))
        for byte in swipe.cardHash {
            message.append(Self.hexDigits[Int(byte >> 4)])
            message.append(Self.hexDigits[Int(byte & 0x0F)])
        }
        return Array(try store.hasher().hash(bytes: message).prefix(16))
    }
    private static let hexDigits = Array("0123456789abcdef".utf8)

    /// Writes the check-in, not its statistics (the caller catches up). Must run inside a transaction
    /// (`record`, `recordBatch`). Per new swipe of a known visitor card: one `data_version`, one
    /// look-up (card, holder, a swipe within the cooldown) and the check-in, whose insert also finds
    /// a swipe recorded before.
    /// `refreshed`: an earlier swipe of the same transaction (a batch) already checked `data_version`.
    func write(_ swipe: PreparedSwipe, refreshed: Bool = false) throws -> RecordedCheckIn {
        // Prepared swipes also come from the spool and the batch importer, not only from `prepare`.
        guard SwipeTimeRange.contains(swipe.time) else { throw StoreError.badTime(reader: swipe.reader, time: swipe.time) }
        if refreshed { configuration.refreshInsideWrite(store) } else { try configuration.refresh(store) }
        let reader = try configuration.reader(named: swipe.reader, store)
        let swipeKey = try self.swipeKey(swipe, reader: reader)
        let db = store.db
        let held = try statements()
        let window = Int64(reader.cooldownSeconds) * 1_000_000
        guard let found = try held.lookup.withFirstRow([swipe.cardHash, reader.id, swipe.time.microseconds - window,
                                                        swipe.time.microseconds + window], LookedUp.init) else {
            preconditionFailure("the look-up selects from one row")
        }
        // A swipe recorded before (a replay after a crash, a recording replayed twice) comes back as
        // it was. A new card or an activity card writes before its check-in (a placeholder visitor,
        // the reader's activity), so it is looked for first; a known visitor card writes nothing
        // before it, and its insert's unique `swipe_key` finds it (`insertCheckIn` does nothing then).
        if found.card?.activityID != nil || found.card == nil, let existing = try recordedCheckIn(swipeKey, held) {
            return existing
        }
        let setup = try configuration.venue(id: reader.venueID, store)
        let (venue, clock, slots) = (setup.venue, setup.clock, setup.slots)
        let localDate = clock.localDate(of: swipe.time)
        let day = localDate.dayNumber
        let card: CardRecord
        var visitor: Visitor?
        var nearest: EventTime?
        if let known = found.card {
            card = known
            visitor = found.visitor
            // Looked for only within the reader's cooldown, for visitor cards: `OutcomeDecision` decides.
            if card.activityID == nil, reader.cooldownSeconds > 0 {
                nearest = found.withinCooldown.map { EventTime(microseconds: $0) }
            }
        } else {
            let placeholder = try store.insertVisitor(VisitorDetails(), enrolled: false, at: swipe.time)
            try db.run("INSERT INTO cards(card_hash, visitor_id, created_at) VALUES (?1, ?2, ?3)", swipe.cardHash, placeholder.id, swipe.time.microseconds)
            card = CardRecord(id: db.lastInsertRowID, visitorID: placeholder.id, activityID: nil, revokedAt: nil)
            visitor = placeholder
        }
        let holder: CardHolder
        if let cardActivity = card.activityID {
            holder = .activityCard(activityID: cardActivity)
        } else {
            holder = .visitorCard(enrolled: visitor?.enrolled == true, revoked: card.revokedAt != nil)
        }
        let decision = OutcomeDecision.decide(holder: holder, time: swipe.time, nearestSwipe: nearest,
                                              cooldownSeconds: reader.cooldownSeconds)
        let outcome = decision.outcome
        let (activityID, source): (Int64, AttributionSource)
        if let switched = decision.activitySwitch, try switchable(switched) {
            (activityID, source) = (switched, .activityCard)
            let until = Attribution.activityCardExpiry(activityID: switched, time: swipe.time, slots: slots, clock: clock)
            try store.setCurrentActivity(reader: reader, activityID: switched, until: until)
            configuration.forget(reader: reader.name)
        } else {
            (activityID, source) = Attribution.decide(reader: reader, time: swipe.time,
                                                      around: configuration.slotOccurrences(around: localDate, setup: setup), dropInID: setup.dropInID)
        }
        guard try held.insertCheckIn.run([swipe.time.microseconds, reader.id, venue.id, activityID, card.id, visitor?.id, day,
                                          outcome.rawValue, source.rawValue, swipeKey]) > 0 else {
            guard let existing = try recordedCheckIn(swipeKey, held) else {
                throw StoreError.conflict("check-in with swipe key \(CardHasher.hex(swipeKey)) was neither written nor found")
            }
            return existing
        }
        let id = db.lastInsertRowID
        configuration.noteOwnWrites(store)
        let activity = try configuration.activity(id: activityID, store)
        return RecordedCheckIn(checkIn: CheckIn(id: id, time: swipe.time, reader: reader.name, venue: venue.slug, activity: activity.slug,
                             activityName: activity.name, outcome: outcome, attribution: source,
                             visitorCode: visitor?.code, visitorName: visitor?.enrolled == true ? visitor?.displayName : nil), isNew: true)
    }

    /// An activity card moves its reader only to an activity in use: an archived activity, or one of an
    /// archived venue, is history, so its card's swipe is recorded (`activity`) and the reader stays.
    private func switchable(_ activityID: Int64) throws -> Bool {
        let activity = try configuration.activity(id: activityID, store)
        return try !activity.archived && !configuration.venue(id: activity.venueID, store).venue.archived
    }

    /// The check-in recorded under `swipeKey` before, if any.
    private func recordedCheckIn(_ swipeKey: [UInt8], _ held: HeldStatements) throws -> RecordedCheckIn? {
        guard let id = try held.recorded.withFirstRow([swipeKey], { $0.int64(0) }) else { return nil }
        return RecordedCheckIn(checkIn: try checkIn(id: id), isNew: false)
    }
    static let recordedSwipe = "SELECT id FROM checkins WHERE swipe_key = ?1"

    /// One row: the card with its holder, and the earliest of the same card's check-ins on the
    /// reader within ?3…?4 (the cooldown either side). Two look-ups in one statement, as they were
    /// two per swipe (a third, the swipe key, is the insert's: `write`).
    /// `OutcomeDecision` needs the nearest swipe only to ask whether it is within the cooldown, and
    /// it is exactly when any is: one `min` on the index answers that, where the nearest took a
    /// `max` before and a `min` after (and `ORDER BY abs(…) LIMIT 1` before those sorted through a
    /// temporary B-tree per swipe). The holder's first day at the venue is read by the statistics'
    /// catch-up (Store+StatisticsCatchUp.swift).
    static let lookup = """
        SELECT c.id, c.visitor_id, c.activity_id, c.revoked_at,
               p.id, p.code, p.nickname, p.birth_year, p.gender, p.role, p.enrolled, p.created_at,
               (SELECT min(time_us) FROM checkins WHERE card_id = c.id AND reader_id = ?2 AND time_us >= ?3 AND time_us <= ?4)
        FROM (SELECT 1) LEFT JOIN cards c ON c.card_hash = ?1 LEFT JOIN visitors p ON p.id = c.visitor_id
        """

    /// The look-up's row, read where SQLite holds it.
    struct LookedUp {
        var card: CardRecord?
        var visitor: Visitor?
        /// A check-in of the card on the reader within the cooldown either side (the earliest).
        var withinCooldown: Int64?

        init(_ row: StepRow) throws {
            guard let cardID = row.optionalInt64(0) else { return }
            card = CardRecord(id: cardID, visitorID: row.optionalInt64(1), activityID: row.optionalInt64(2),
                              revokedAt: row.optionalInt64(3).map { EventTime(microseconds: $0) })
            if card?.visitorID != nil {
                visitor = Visitor(id: row.int64(4), code: row.string(5), nickname: row.optionalString(6), birthYear: row.optionalInt(7),
                                  gender: try row.stored(8, as: Gender.self, column: "visitors.gender"),
                                  role: try row.stored(9, as: Role.self, column: "visitors.role"),
                                  enrolled: row.bool(10), createdAt: EventTime(microseconds: row.int64(11)))
            }
            withinCooldown = row.optionalInt64(12)
        }
    }

    static let insertCheckIn = """
        INSERT INTO checkins(time_us, reader_id, venue_id, activity_id, card_id, visitor_id, local_day, outcome, attribution, swipe_key)
        VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10) ON CONFLICT(swipe_key) DO NOTHING
        """

    func checkIn(id: Int64) throws -> CheckIn {
        guard let list = try store.checkIns(CheckInFilter(id: id)).first else {
            throw StoreError.notFound(kind: "check-in", name: "#\(id)", hint: "it may have been removed by retention")
        }
        return list
    }
}
