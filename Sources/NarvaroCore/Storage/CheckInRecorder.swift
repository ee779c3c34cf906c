// The swipe-to-disk path: one swipe becomes one check-in, written with its statistics in ONE
// transaction and returned only after the commit. Kept short: it runs for every swipe.

public enum RecordError: Error, CustomStringConvertible, Equatable {
    /// The reader's output does not fit its card format: the swipe is rejected, not recorded.
    case badCard(reader: String, reason: String)
    /// The swipe's time lies outside `SwipeTimeRange`: the swipe is rejected, not recorded.
    case badTime(reader: String, time: EventTime)

    public var description: String {
        switch self {
        case .badCard(let reader, let reason): return "reader '\(reader)': \(reason)"
        case .badTime(let reader, let time): return "reader '\(reader)': \(SwipeTimeRange.refusal(time))"
        }
    }
}

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
    private var clocks: [Int64: VenueClock] = [:]

    public init(store: Store) { self.store = store }

    /// Maps the reader's text to the canonical card id and hashes it: from here on the card
    /// number exists only as its keyed hash (in the queue, the spool and the database).
    public func prepare(_ swipe: Swipe) throws -> PreparedSwipe {
        guard SwipeTimeRange.contains(swipe.time) else { throw RecordError.badTime(reader: swipe.reader, time: swipe.time) }
        let reader = try store.reader(named: swipe.reader)
        let canonical: String
        do { canonical = try reader.cardFormat.canonicalCard(swipe.card) } catch {
            // The error text would contain the card number: logs get only the format.
            throw RecordError.badCard(reader: reader.name, reason: "its output does not fit card format \(reader.cardFormat.rawValue): check `narvaro reader edit \(reader.name) --card-format`")
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
        let (reader, swipeKey) = try identify(swipe)
        return try store.db.transaction { try write(swipe, reader: reader, swipeKey: swipeKey) }
    }

    /// The swipe's reader and its idempotency key (a keyed hash of reader, time and card).
    func identify(_ swipe: PreparedSwipe) throws -> (Reader, [UInt8]) {
        // Prepared swipes also come from the spool and the batch importer, not only from `prepare`.
        guard SwipeTimeRange.contains(swipe.time) else { throw RecordError.badTime(reader: swipe.reader, time: swipe.time) }
        let reader = try store.reader(named: swipe.reader)
        return (reader, Array(try store.hasher().hash("swipe|\(reader.name)|\(swipe.time.microseconds)|\(Hex.encode(swipe.cardHash))").prefix(16)))
    }

    /// Writes the check-in and its statistics. Must run inside a transaction (`record`, `recordBatch`).
    func write(_ swipe: PreparedSwipe, reader: Reader, swipeKey: [UInt8]) throws -> RecordedCheckIn {
        let db = store.db
        let cardHash = swipe.cardHash
        if let existing = try db.queryOne("SELECT id FROM checkins WHERE swipe_key = ?1", swipeKey) {
            return RecordedCheckIn(checkIn: try checkIn(id: existing.int64(0)), isNew: false)
        }
        let venue = try store.venue(id: reader.venueID)
        let clock = try clock(for: venue)
        let day = clock.localDate(of: swipe.time).dayNumber
        let slots = try store.slots(venueID: venue.id)
        var card = try store.cardRecord(hash: cardHash)
        if card == nil {
            let placeholder = try store.insertVisitor(VisitorDetails(), enrolled: false, at: swipe.time)
            try db.run("INSERT INTO cards(card_hash, visitor_id, created_at) VALUES (?1, ?2, ?3)", cardHash, placeholder.id, swipe.time.microseconds)
            card = CardRecord(id: db.lastInsertRowID, visitorID: placeholder.id, activityID: nil, revokedAt: nil)
        }
        guard let card else { preconditionFailure("a card record exists or was just inserted") }
        var visitor: Visitor?
        let holder: CardHolder
        var nearest: EventTime?
        if let cardActivity = card.activityID {
            holder = .activityCard(activityID: cardActivity)
        } else {
            visitor = try card.visitorID.map { try store.visitor(id: $0) }
            holder = .visitorCard(enrolled: visitor?.enrolled == true, revoked: card.revokedAt != nil)
            nearest = try nearestSwipe(reader: reader, cardID: card.id, time: swipe.time)
        }
        let decision = OutcomeDecision.decide(holder: holder, time: swipe.time, nearestSwipe: nearest,
                                              cooldownSeconds: reader.cooldownSeconds)
        let outcome = decision.outcome
        let (activityID, source): (Int64, AttributionSource)
        if let switched = decision.activitySwitch {
            (activityID, source) = (switched, .activityCard)
            let until = Attribution.activityCardExpiry(activityID: switched, time: swipe.time, slots: slots, clock: clock)
            try store.setCurrentActivity(reader: reader, activityID: switched, until: until)
        } else {
            (activityID, source) = Attribution.decide(reader: reader, time: swipe.time, slots: slots, clock: clock,
                                                      dropInID: try store.dropInActivityID(venueID: venue.id))
        }
        try db.run("""
            INSERT INTO checkins(time_us, reader_id, venue_id, activity_id, card_id, visitor_id, local_day, outcome, attribution, swipe_key)
            VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)
            """, swipe.time.microseconds, reader.id, venue.id, activityID, card.id, visitor?.id, day,
            outcome.rawValue, source.rawValue, swipeKey)
        let id = db.lastInsertRowID
        if outcome.counts, let visitor {
            try store.countVisit(visitor: visitor, venueID: venue.id, activityID: activityID, day: day)
        }
        let activity = try store.activity(id: activityID)
        return RecordedCheckIn(checkIn: CheckIn(id: id, time: swipe.time, reader: reader.name, venue: venue.slug, activity: activity.slug,
                             activityName: activity.name, outcome: outcome, attribution: source,
                             visitorCode: visitor?.code, visitorName: visitor?.enrolled == true ? visitor?.displayName : nil), isNew: true)
    }

    /// The time of the same card's nearest other check-in on the same reader, looked for only within
    /// the reader's cooldown (before or after `time`): `OutcomeDecision` decides what it means.
    private func nearestSwipe(reader: Reader, cardID: Int64, time: EventTime) throws -> EventTime? {
        guard reader.cooldownSeconds > 0 else { return nil }
        let window = Int64(reader.cooldownSeconds) * 1_000_000
        return try store.db.queryOne("""
            SELECT time_us FROM checkins WHERE reader_id = ?1 AND card_id = ?2 AND time_us >= ?3 AND time_us <= ?4
            ORDER BY abs(time_us - ?5) LIMIT 1
            """, reader.id, cardID, (time + -window).microseconds, (time + window).microseconds, time.microseconds)
            .map { EventTime(microseconds: $0.int64(0)) }
    }

    private func clock(for venue: Venue) throws -> VenueClock {
        if let clock = clocks[venue.id] { return clock }
        let clock = try VenueClock(identifier: venue.timeZone)
        clocks[venue.id] = clock
        return clock
    }

    func checkIn(id: Int64) throws -> CheckIn {
        guard let list = try store.checkIns(CheckInFilter(id: id)).first else {
            throw StoreError.notFound(kind: "check-in", name: "#\(id)", hint: "it may have been removed by retention")
        }
        return list
    }
}
