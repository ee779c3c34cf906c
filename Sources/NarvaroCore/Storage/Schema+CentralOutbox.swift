// The outbox for the push to the municipality's PostgreSQL: triggers on the statistics tables
// note every venue-day and period whose aggregates changed. Triggers run inside the writer's own
// transaction, so a change and its outbox note commit together, whoever wrote the change.

extension Schema {
    /// One row per venue-day (`day`, key = local day number), folded period (`period`, key = label)
    /// or venue description (`venue`: names, organizers, grant rules, schedules) waiting to be pushed.
    /// A new note gets the next `seq`. A note already waiting is written again (a new `seq`) only
    /// when a push may have read it (its `seq` is at or below the mark `central_push_mark` in `meta`
    /// that each push sets before reading): then the push's marking, which deletes only the `seq` it
    /// read, keeps it. Otherwise the repeated note costs a key lookup and no write.
    static let centralOutbox = """
    CREATE TABLE central_outbox(
        venue_id INTEGER NOT NULL,
        kind TEXT NOT NULL CHECK (kind IN ('day', 'period', 'venue')),
        key TEXT NOT NULL,
        seq INTEGER NOT NULL,
        PRIMARY KEY(venue_id, kind, key)
    ) STRICT, WITHOUT ROWID;
    CREATE INDEX central_outbox_seq ON central_outbox(seq);
    """ + outboxTriggers

    /// Above every waiting note and above the last push's mark, so a new note never looks read.
    static let nextSeq = """
        max((SELECT coalesce(max(seq), 0) FROM central_outbox), \
        (SELECT coalesce(max(CAST(value AS INTEGER)), 0) FROM meta WHERE key = 'central_push_mark')) + 1
        """

    private static func note(_ kind: String, venue: String, key: String) -> String {
        """
        INSERT INTO central_outbox(venue_id, kind, key, seq)
        VALUES (\(venue), '\(kind)', CAST(\(key) AS TEXT), \(nextSeq))
        ON CONFLICT DO UPDATE SET seq = excluded.seq
            WHERE central_outbox.seq <= (SELECT coalesce(max(CAST(value AS INTEGER)), 0) FROM meta WHERE key = 'central_push_mark');
        """
    }

    private static func trigger(_ name: String, _ event: String, on table: String, _ body: [String], when: String? = nil) -> String {
        "CREATE TRIGGER central_outbox_\(name) AFTER \(event) ON \(table)\(when.map { " WHEN \($0)" } ?? "") BEGIN\n"
            + body.joined(separator: "\n") + "\nEND;\n"
    }

    private static var outboxTriggers: String {
        var sql = "\n"
        // Visits per day, visit rows (unique visitors, gatherings) and what forgotten visitors left.
        // A new `visits` row needs no trigger of its own: counting a visit always changes
        // `day_totals` in the same transaction. Every trigger fired costs (measured:
        // docs/benchmarks.md), so counting a visit fires one or two (a catch-up one per day-total
        // row it writes), and updates note the old day only when a key column moved.
        for table in ["day_totals", "visits", "forgotten_totals"] {
            if table != "visits" {
                sql += trigger("\(table)_insert", "INSERT", on: table, [note("day", venue: "NEW.venue_id", key: "NEW.local_day")])
            }
            sql += trigger("\(table)_update", "UPDATE", on: table, [note("day", venue: "NEW.venue_id", key: "NEW.local_day")])
            sql += trigger("\(table)_update_moved", "UPDATE", on: table, [note("day", venue: "OLD.venue_id", key: "OLD.local_day")],
                           when: "OLD.venue_id IS NOT NEW.venue_id OR OLD.local_day IS NOT NEW.local_day")
            sql += trigger("\(table)_delete", "DELETE", on: table, [note("day", venue: "OLD.venue_id", key: "OLD.local_day")])
        }
        // A first visit makes a visitor "new" in the periods holding that day.
        sql += trigger("first_visits_insert", "INSERT", on: "first_visits", [note("day", venue: "NEW.venue_id", key: "NEW.first_day")])
        sql += trigger("first_visits_update", "UPDATE", on: "first_visits", [note("day", venue: "OLD.venue_id", key: "OLD.first_day"),
                                                                              note("day", venue: "NEW.venue_id", key: "NEW.first_day")],
                       when: "OLD.venue_id IS NOT NEW.venue_id OR OLD.first_day IS NOT NEW.first_day")
        sql += trigger("first_visits_delete", "DELETE", on: "first_visits", [note("day", venue: "OLD.venue_id", key: "OLD.first_day")])
        // Retention's folded unique/new figures.
        sql += trigger("period_totals_insert", "INSERT", on: "period_totals", [note("period", venue: "NEW.venue_id", key: "NEW.period")])
        sql += trigger("period_totals_update", "UPDATE", on: "period_totals", [note("period", venue: "NEW.venue_id", key: "NEW.period")])
        sql += trigger("period_totals_delete", "DELETE", on: "period_totals", [note("period", venue: "OLD.venue_id", key: "OLD.period")])
        // What describes a venue: its name and time zone, its activities (names, organizers, grant
        // rules) and their schedules (a gathering's start and length).
        sql += trigger("venues_update", "UPDATE", on: "venues", [note("venue", venue: "NEW.id", key: "''")])
        sql += trigger("activities_insert", "INSERT", on: "activities", [note("venue", venue: "NEW.venue_id", key: "''")])
        sql += trigger("activities_update", "UPDATE", on: "activities", [note("venue", venue: "NEW.venue_id", key: "''")])
        for (event, row) in [("INSERT", "NEW"), ("UPDATE", "NEW"), ("DELETE", "OLD")] {
            sql += trigger("schedule_slots_\(event.lowercased())", event, on: "schedule_slots", [
                note("venue", venue: "coalesce((SELECT venue_id FROM activities WHERE id = \(row).activity_id), 0)", key: "''"),
            ])
        }
        return sql
    }
}
