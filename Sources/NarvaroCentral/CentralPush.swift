// `narvaro push`: everything the outbox notes, for every attached venue, in ONE PostgreSQL
// transaction of upserts keyed by natural keys, under a per-venue advisory lock and a revision that
// only grows; the outbox is marked only after COMMIT. A push cut anywhere leaves central unchanged
// or complete, and the notes stay until a push completes.
import NarvaroCore

public struct PushSummary: Equatable, Sendable {
    public var days = 0
    public var periods = 0
    public var gatherings = 0
    /// Whether anything was pending (a venue's description alone counts).
    public var sent = false
    /// Per venue slug: the revision after the push (unchanged when nothing was pending).
    public var revisions: [(venue: String, revision: Int64)] = []

    public static func == (a: PushSummary, b: PushSummary) -> Bool {
        a.sent == b.sent && a.days == b.days && a.periods == b.periods && a.gatherings == b.gatherings
            && a.revisions.map(\.venue) == b.revisions.map(\.venue) && a.revisions.map(\.revision) == b.revisions.map(\.revision)
    }

    /// `pushed 3 days, 5 periods, 2 gatherings; revision 41`.
    public var line: String {
        let revision = revisions.count == 1 ? "revision \(revisions[0].revision)"
            : "revisions " + revisions.map { "\($0.venue) \($0.revision)" }.joined(separator: ", ")
        if !sent { return "nothing to push; \(revision)" }
        func n(_ count: Int, _ word: String) -> String { "\(count) \(word)\(count == 1 ? "" : "s")" }
        return "pushed \(n(days, "day")), \(n(periods, "period")), \(n(gatherings, "gathering")); \(revision)"
    }
}

public enum CentralPush {
    /// Pushes every attached venue of `store`. Throws `CentralError` (outbox kept) when PostgreSQL
    /// cannot be reached or refuses; a venue never attached is an error that names `central attach`.
    public static func push(store: Store, connection: PostgresConnection, batchSize: Int = 5000) throws -> PushSummary {
        let venues = try store.attachedVenues().sorted { $0.uuid < $1.uuid }
        guard !venues.isEmpty else {
            throw CentralError(sqlstate: nil, message: "this venue is not attached to the central database yet: run `narvaro central attach --postgres CONNINFO` first")
        }
        var summary = PushSummary()
        var delivered: [OutboxItem] = []
        var mark: Int64 = 0
        try connection.transaction {
            // The lock comes before the venue's state is read, so two pushes of one venue read and
            // write in the same order: the later one never overwrites newer figures with older ones.
            for venue in venues { try connection.advisoryTransactionLock("narvaro-push:" + venue.uuid) }
            mark = try store.beginOutboxRead()
            let payloads = try store.readSnapshot { try venues.map { try store.centralPayload(venueID: $0.venue.id) } }
            for (venue, payload) in zip(venues, payloads) {
                let revision = try send(payload, uuid: venue.uuid, connection: connection, batchSize: batchSize)
                summary.revisions.append((venue.venue.slug, revision))
                guard !payload.isEmpty else { continue }
                summary.sent = true
                summary.days += payload.days.count
                summary.periods += payload.periods.count
                summary.gatherings += payload.gatherings.count
                delivered += payload.items
            }
        }
        try store.markSent(delivered, mark: mark)
        return summary
    }

    /// Registers (or re-describes) the venue centrally under the connecting role; fails when the
    /// UUID belongs to another role (row-level security).
    public static func register(venue: Venue, uuid: String, ageBands: [String], connection: PostgresConnection) throws {
        try connection.query("""
            INSERT INTO narvaro.venues(venue_uuid, slug, name, timezone, age_bands) VALUES ($1, $2, $3, $4, $5)
            ON CONFLICT (venue_uuid) DO UPDATE SET slug = excluded.slug, name = excluded.name, timezone = excluded.timezone,
                age_bands = excluded.age_bands
            """, [uuid, venue.slug, venue.name, venue.timeZone, PostgresArray.literal(ageBands)])
    }

    /// Writes one venue's payload; returns its revision (bumped only when something was pending).
    static func send(_ payload: CentralPayload, uuid: String, connection: PostgresConnection, batchSize: Int) throws -> Int64 {
        if payload.isEmpty {
            guard let current = try connection.scalar("SELECT revision FROM narvaro.venues WHERE venue_uuid = $1", [uuid]) else { throw notRegistered(payload.venue) }
            return Int64(current) ?? 0
        }
        guard let text = try connection.scalar("""
            UPDATE narvaro.venues SET revision = revision + 1, pushed_at = now() WHERE venue_uuid = $1 RETURNING revision
            """, [uuid]), let revision = Int64(text) else { throw notRegistered(payload.venue) }
        let rev = String(revision)
        if payload.describesVenue {
            try register(venue: payload.venue, uuid: uuid, ageBands: payload.ageBands, connection: connection)
            try upsert(connection, batchSize: batchSize, rows: payload.activities, sql: """
                INSERT INTO narvaro.activities(venue_uuid, revision, slug, name, organizer, min_participants, min_age, max_age, min_minutes, leader_required)
                SELECT $1::uuid, $2::bigint, * FROM unnest($3::text[], $4::text[], $5::text[], $6::int[], $7::int[], $8::int[], $9::int[], $10::boolean[])
                ON CONFLICT (venue_uuid, slug) DO UPDATE SET name = excluded.name, organizer = excluded.organizer,
                    min_participants = excluded.min_participants, min_age = excluded.min_age, max_age = excluded.max_age,
                    min_minutes = excluded.min_minutes, leader_required = excluded.leader_required, revision = excluded.revision
                """, fixed: [uuid, rev]) { a in
                [a.slug, a.name, a.organizer, a.grant.minParticipants.map(String.init), a.grant.minAge.map(String.init),
                 a.grant.maxAge.map(String.init), a.grant.minMinutes.map(String.init), a.grant.leaderRequired ? "true" : "false"]
            }
        }
        try upsert(connection, batchSize: batchSize, rows: payload.dayRows, sql: """
            INSERT INTO narvaro.day_visits(venue_uuid, revision, day, activity, role, gender, age_band, visits)
            SELECT $1::uuid, $2::bigint, * FROM unnest($3::date[], $4::text[], $5::text[], $6::text[], $7::text[], $8::int[])
            ON CONFLICT (venue_uuid, day, activity, role, gender, age_band) DO UPDATE SET visits = excluded.visits, revision = excluded.revision
            """, fixed: [uuid, rev]) { [$0.day.description, $0.activity, $0.role, $0.gender, $0.ageBand, String($0.visits)] }
        try connection.query("DELETE FROM narvaro.day_visits WHERE venue_uuid = $1 AND day = ANY($2::date[]) AND revision < $3",
                             [uuid, PostgresArray.literal(payload.days.map(\.description)), rev])
        try upsert(connection, batchSize: batchSize, rows: payload.periodRows, sql: """
            INSERT INTO narvaro.period_people(venue_uuid, revision, period, activity, role, gender, age_band, unique_people, new_people)
            SELECT $1::uuid, $2::bigint, * FROM unnest($3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::int[], $9::int[])
            ON CONFLICT (venue_uuid, period, activity, role, gender, age_band)
            DO UPDATE SET unique_people = excluded.unique_people, new_people = excluded.new_people, revision = excluded.revision
            """, fixed: [uuid, rev]) { [$0.period, $0.activity, $0.role, $0.gender, $0.ageBand, String($0.unique), String($0.new)] }
        try connection.query("DELETE FROM narvaro.period_people WHERE venue_uuid = $1 AND period = ANY($2::text[]) AND revision < $3",
                             [uuid, PostgresArray.literal(payload.periods), rev])
        try upsert(connection, batchSize: batchSize, rows: payload.gatherings, sql: """
            INSERT INTO narvaro.gatherings(venue_uuid, revision, activity, day, start, participants, qualifies, reasons_sv, reasons_en)
            SELECT $1::uuid, $2::bigint, g.activity, g.day, g.start, g.participants, g.qualifies, string_to_array(g.sv, E'\\n'), string_to_array(g.en, E'\\n')
            FROM unnest($3::text[], $4::date[], $5::text[], $6::int[], $7::boolean[], $8::text[], $9::text[])
                AS g(activity, day, start, participants, qualifies, sv, en)
            ON CONFLICT (venue_uuid, activity, day) DO UPDATE SET start = excluded.start, participants = excluded.participants,
                qualifies = excluded.qualifies, reasons_sv = excluded.reasons_sv, reasons_en = excluded.reasons_en, revision = excluded.revision
            """, fixed: [uuid, rev]) { g in
            [g.activity, g.day.description, g.start, String(g.participants), g.qualifies ? "true" : "false",
             g.reasonsSV.joined(separator: "\n"), g.reasonsEN.joined(separator: "\n")]
        }
        try connection.query("DELETE FROM narvaro.gatherings WHERE venue_uuid = $1 AND day = ANY($2::date[]) AND revision < $3",
                             [uuid, PostgresArray.literal(payload.gatheringDays.map(\.description)), rev])
        return revision
    }

    /// Sends `rows` in batches: each column becomes one array parameter after the fixed ones.
    static func upsert<Row>(_ connection: PostgresConnection, batchSize: Int, rows: [Row], sql: String, fixed: [String?],
                            columns: (Row) -> [String?]) throws {
        var start = 0
        while start < rows.count {
            let batch = rows[start..<min(rows.count, start + batchSize)].map(columns)
            let width = batch.first?.count ?? 0
            let arrays = (0..<width).map { column in PostgresArray.literal(batch.map { $0[column] }) }
            try connection.query(sql, fixed + arrays)
            start += batchSize
        }
    }

    static func notRegistered(_ venue: Venue) -> CentralError {
        CentralError(sqlstate: nil, message: "venue '\(venue.slug)' is not registered centrally for this role: run `narvaro central attach` with the venue's own role")
    }
}
