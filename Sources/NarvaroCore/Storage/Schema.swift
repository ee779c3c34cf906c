// The database schema as forward-only migrations, applied in order and recorded in
// PRAGMA user_version. Never edit a released migration: append a new one.

public enum Schema {
    /// migrations[i] takes the database from user_version i to i + 1.
    static let migrations: [String] = [version1, version2, version3, centralOutbox, webAuditMigration, cellKeyMigration, swipePathIndexes, equalityChecks,
                                           statisticsThroughMigration]

    /// The schema version this build writes (`PRAGMA user_version`).
    public static var currentVersion: Int { migrations.count }

    // Times are microseconds since the Unix epoch (the kernel time of the swipe); local days are
    // day numbers since 1970-01-01 in the venue's time zone; card numbers exist only as keyed hashes.
    static let version1 = """
    CREATE TABLE meta(
        key TEXT PRIMARY KEY,
        value TEXT NOT NULL
    ) STRICT;

    CREATE TABLE venues(
        id INTEGER PRIMARY KEY,
        slug TEXT NOT NULL UNIQUE,
        name TEXT NOT NULL,
        timezone TEXT NOT NULL DEFAULT 'Europe/Stockholm',
        archived INTEGER NOT NULL DEFAULT 0
    ) STRICT;

    CREATE TABLE activities(
        id INTEGER PRIMARY KEY,
        venue_id INTEGER NOT NULL REFERENCES venues(id),
        slug TEXT NOT NULL,
        name TEXT NOT NULL,
        organizer TEXT,
        min_participants INTEGER,
        min_age INTEGER,
        max_age INTEGER,
        min_minutes INTEGER,
        leader_required INTEGER NOT NULL DEFAULT 0,
        archived INTEGER NOT NULL DEFAULT 0,
        UNIQUE(venue_id, slug)
    ) STRICT;

    CREATE TABLE readers(
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL UNIQUE,
        venue_id INTEGER NOT NULL REFERENCES venues(id),
        device TEXT,
        usb TEXT,
        name_pattern TEXT,
        phys_pattern TEXT,
        card_format TEXT NOT NULL DEFAULT 'raw',
        activity_id INTEGER REFERENCES activities(id),
        cooldown_seconds INTEGER NOT NULL DEFAULT 10,
        current_activity_id INTEGER REFERENCES activities(id),
        current_until INTEGER,
        archived INTEGER NOT NULL DEFAULT 0
    ) STRICT;

    CREATE TABLE schedule_slots(
        id INTEGER PRIMARY KEY,
        activity_id INTEGER NOT NULL REFERENCES activities(id),
        weekday INTEGER,
        on_day INTEGER,
        start_minute INTEGER NOT NULL,
        end_minute INTEGER NOT NULL,
        valid_from INTEGER,
        valid_until INTEGER,
        CHECK ((weekday IS NULL) <> (on_day IS NULL))
    ) STRICT;

    CREATE TABLE visitors(
        id INTEGER PRIMARY KEY,
        code TEXT NOT NULL UNIQUE,
        nickname TEXT,
        birth_year INTEGER,
        gender TEXT NOT NULL DEFAULT 'unstated' CHECK (gender IN ('woman','man','other','unstated')),
        role TEXT NOT NULL DEFAULT 'participant' CHECK (role IN ('participant','volunteer','staff')),
        enrolled INTEGER NOT NULL DEFAULT 1,
        created_at INTEGER NOT NULL
    ) STRICT;

    CREATE TABLE cards(
        id INTEGER PRIMARY KEY,
        card_hash BLOB NOT NULL UNIQUE,
        visitor_id INTEGER REFERENCES visitors(id),
        activity_id INTEGER REFERENCES activities(id),
        revoked_at INTEGER,
        created_at INTEGER NOT NULL,
        CHECK ((visitor_id IS NULL) <> (activity_id IS NULL))
    ) STRICT;
    CREATE INDEX cards_visitor ON cards(visitor_id);

    CREATE TABLE checkins(
        id INTEGER PRIMARY KEY,
        time_us INTEGER NOT NULL,
        reader_id INTEGER NOT NULL REFERENCES readers(id),
        venue_id INTEGER NOT NULL REFERENCES venues(id),
        activity_id INTEGER REFERENCES activities(id),
        card_id INTEGER REFERENCES cards(id),
        visitor_id INTEGER REFERENCES visitors(id),
        local_day INTEGER NOT NULL,
        outcome TEXT NOT NULL CHECK (outcome IN ('counted','unknown','duplicate','revoked','activity')),
        attribution TEXT NOT NULL,
        swipe_key BLOB NOT NULL UNIQUE
    ) STRICT;
    CREATE INDEX checkins_reader_card_time ON checkins(reader_id, card_id, time_us);
    CREATE INDEX checkins_card ON checkins(card_id);
    CREATE INDEX checkins_visitor ON checkins(visitor_id);
    CREATE INDEX checkins_day ON checkins(venue_id, local_day);

    -- Per-person statistics: one row per visit (visitor × venue × activity × local day).
    CREATE TABLE visits(
        venue_id INTEGER NOT NULL,
        local_day INTEGER NOT NULL,
        activity_id INTEGER NOT NULL,
        visitor_id INTEGER NOT NULL REFERENCES visitors(id),
        PRIMARY KEY(venue_id, local_day, activity_id, visitor_id)
    ) STRICT, WITHOUT ROWID;
    CREATE INDEX visits_visitor ON visits(visitor_id, venue_id, local_day);
    CREATE INDEX visits_day ON visits(local_day);

    -- The first day a visitor came to a venue: what makes a visitor "new" in a period.
    CREATE TABLE first_visits(
        visitor_id INTEGER NOT NULL REFERENCES visitors(id),
        venue_id INTEGER NOT NULL,
        first_day INTEGER NOT NULL,
        PRIMARY KEY(visitor_id, venue_id)
    ) STRICT, WITHOUT ROWID;
    CREATE INDEX first_visits_day ON first_visits(venue_id, first_day);

    -- Anonymous rolling aggregates per venue × activity × local day × role × gender × age band.
    CREATE TABLE day_totals(
        venue_id INTEGER NOT NULL,
        local_day INTEGER NOT NULL,
        activity_id INTEGER NOT NULL,
        role TEXT NOT NULL,
        gender TEXT NOT NULL,
        age_band TEXT NOT NULL,
        visits INTEGER NOT NULL,
        new_visitors INTEGER NOT NULL,
        PRIMARY KEY(venue_id, local_day, activity_id, role, gender, age_band)
    ) STRICT, WITHOUT ROWID;

    -- What forgotten visitors (`narvaro forget`) contributed to day_totals: kept so the anonymous
    -- totals keep their counts and `stats verify` can still prove them.
    CREATE TABLE forgotten_totals(
        venue_id INTEGER NOT NULL,
        local_day INTEGER NOT NULL,
        activity_id INTEGER NOT NULL,
        role TEXT NOT NULL,
        gender TEXT NOT NULL,
        age_band TEXT NOT NULL,
        visits INTEGER NOT NULL,
        new_visitors INTEGER NOT NULL,
        PRIMARY KEY(venue_id, local_day, activity_id, role, gender, age_band)
    ) STRICT, WITHOUT ROWID;

    -- Unique and new visitors per folded period (ISO week, month, half-year), written by retention
    -- before the per-person rows of those periods are deleted. activity_id 0 is the whole venue.
    CREATE TABLE period_totals(
        period TEXT NOT NULL,
        venue_id INTEGER NOT NULL,
        activity_id INTEGER NOT NULL,
        role TEXT NOT NULL,
        gender TEXT NOT NULL,
        age_band TEXT NOT NULL,
        unique_visitors INTEGER NOT NULL,
        new_visitors INTEGER NOT NULL,
        PRIMARY KEY(period, venue_id, activity_id, role, gender, age_band)
    ) STRICT, WITHOUT ROWID;
    CREATE TABLE folded_periods(
        period TEXT PRIMARY KEY,
        folded_at INTEGER NOT NULL
    ) STRICT;
    """

    // Reports select day_totals by a range of local days. Its primary key starts with venue_id, and
    // the reports' optional venue filter cannot use it, so without this index every report scanned
    // the whole table and got slower as history grew (found by scripts/bench, docs/benchmarks.md).
    // Not covering `visits` on purpose: every counted swipe updates it, and only new rows touch this index.
    static let version2 = """
    CREATE INDEX day_totals_day ON day_totals(local_day);
    """

    // Retention keeps, for every folded period, what the reports and the export showed from the
    // per-person rows just before they were deleted (docs/design-decisions.md, "Folded history is
    // a snapshot"). `scope` is the report's filters in a normal form; `body` is JSON. The export's
    // per-person figures are per activity, so one row per folded period × activity serves every filter.
    static let version3 = """
    CREATE TABLE folded_reports(
        period TEXT NOT NULL,
        scope TEXT NOT NULL,
        body TEXT NOT NULL,
        PRIMARY KEY(period, scope)
    ) STRICT, WITHOUT ROWID;
    CREATE TABLE folded_exports(
        period TEXT NOT NULL,
        activity_id INTEGER NOT NULL,
        body TEXT NOT NULL,
        PRIMARY KEY(period, activity_id)
    ) STRICT, WITHOUT ROWID;
    """

    // Every index of `checkins` costs every swipe a B-tree insert and, as each lands on its own page,
    // one more WAL page to write and fsync (a swipe wrote 12 pages, 6 of them the check-in and its
    // five indexes; docs/benchmarks.md). `checkins_card (card_id)` only repeated the middle column
    // of `checkins_reader_card_time`: one index on (card_id, reader_id, time_us) serves the cooldown
    // look-up, the foreign key from `cards` and `forget` alike. What gives: a query by reader alone
    // (`reader remove` of a reader never swiped, and its foreign-key check) scans the check-ins.
    // Its own constant: the position in `migrations` may change when branches merge.
    static let swipePathIndexes = """
    CREATE INDEX checkins_card_reader_time ON checkins(card_id, reader_id, time_us);
    DROP INDEX checkins_reader_card_time;
    DROP INDEX checkins_card;
    """

    // narvaro-web (issue 16): who changed what through the pages, and the secret its CSRF tokens
    // are keyed with (random per database, so a token from another installation is worthless).
    // Its own constant: the position in `migrations` may change when branches merge.
    static let webAuditMigration = """
    CREATE TABLE audit(
        id INTEGER PRIMARY KEY,
        at INTEGER NOT NULL,
        user TEXT NOT NULL,
        action TEXT NOT NULL,
        subject TEXT NOT NULL,
        detail TEXT NOT NULL DEFAULT ''
    ) STRICT;
    INSERT OR IGNORE INTO meta(key, value) VALUES ('web_secret', lower(hex(randomblob(32))));
    """
}
