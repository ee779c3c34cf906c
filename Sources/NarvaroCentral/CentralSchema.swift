// The central tables in schema `narvaro`, as forward-only migrations recorded in
// narvaro.schema_migrations (`narvaro central init` creates or migrates them), and the roles:
// `narvaro_venue` (each venue's login role is a member; writes only its own venues' rows) and
// `narvaro_municipality` (reads everything). Row-level security is forced on every table.

public enum CentralSchema {
    /// migrations[i] takes the central schema from version i to i + 1; each is a list of statements
    /// run one by one (PQexecParams runs one statement at a time).
    static let migrations: [[String]] = [version1]

    public static var currentVersion: Int { migrations.count }

    static let venueGroup = "narvaro_venue"
    static let municipalityGroup = "narvaro_municipality"

    /// Rows a venue role may touch: those of the venues it registered.
    static let ownVenue = "venue_uuid IN (SELECT venue_uuid FROM narvaro.venues WHERE owner_role = current_user)"

    // Keys are natural: venue UUID, activity slug, local date, period label, role, gender, age band.
    // `revision` is the venue's push that last wrote the row; it only grows.
    static let version1: [String] = [
        """
        CREATE TABLE narvaro.venues(
            venue_uuid uuid PRIMARY KEY,
            slug text NOT NULL,
            name text NOT NULL,
            timezone text NOT NULL,
            age_bands text[] NOT NULL DEFAULT '{}',
            owner_role name NOT NULL DEFAULT current_user,
            revision bigint NOT NULL DEFAULT 0 CHECK (revision >= 0),
            attached_at timestamptz NOT NULL DEFAULT now(),
            pushed_at timestamptz
        )
        """,
        """
        CREATE TABLE narvaro.activities(
            venue_uuid uuid NOT NULL REFERENCES narvaro.venues,
            slug text NOT NULL,
            name text NOT NULL,
            organizer text,
            min_participants integer,
            min_age integer,
            max_age integer,
            min_minutes integer,
            leader_required boolean NOT NULL,
            revision bigint NOT NULL,
            PRIMARY KEY(venue_uuid, slug)
        )
        """,
        """
        CREATE TABLE narvaro.day_visits(
            venue_uuid uuid NOT NULL REFERENCES narvaro.venues,
            day date NOT NULL,
            activity text NOT NULL,
            role text NOT NULL,
            gender text NOT NULL,
            age_band text NOT NULL,
            visits integer NOT NULL CHECK (visits >= 0),
            revision bigint NOT NULL,
            PRIMARY KEY(venue_uuid, day, activity, role, gender, age_band)
        )
        """,
        "CREATE INDEX day_visits_day ON narvaro.day_visits(day)",
        """
        CREATE TABLE narvaro.period_people(
            venue_uuid uuid NOT NULL REFERENCES narvaro.venues,
            period text NOT NULL,
            activity text NOT NULL,
            role text NOT NULL,
            gender text NOT NULL,
            age_band text NOT NULL,
            unique_people integer NOT NULL CHECK (unique_people >= 0),
            new_people integer NOT NULL CHECK (new_people >= 0),
            revision bigint NOT NULL,
            PRIMARY KEY(venue_uuid, period, activity, role, gender, age_band)
        )
        """,
        "CREATE INDEX period_people_period ON narvaro.period_people(period)",
        """
        CREATE TABLE narvaro.gatherings(
            venue_uuid uuid NOT NULL REFERENCES narvaro.venues,
            activity text NOT NULL,
            day date NOT NULL,
            start text NOT NULL,
            participants integer NOT NULL CHECK (participants >= 0),
            qualifies boolean NOT NULL,
            reasons_sv text[] NOT NULL,
            reasons_en text[] NOT NULL,
            revision bigint NOT NULL,
            PRIMARY KEY(venue_uuid, activity, day)
        )
        """,
        "CREATE INDEX gatherings_day ON narvaro.gatherings(day)",
    ] + rowSecurity(["venues", "activities", "day_visits", "period_people", "gatherings"])

    static func rowSecurity(_ tables: [String]) -> [String] {
        var statements = ["GRANT USAGE ON SCHEMA narvaro TO \(venueGroup), \(municipalityGroup)"]
        for table in tables {
            let own = table == "venues" ? "owner_role = current_user" : ownVenue
            statements += [
                "ALTER TABLE narvaro.\(table) ENABLE ROW LEVEL SECURITY",
                "ALTER TABLE narvaro.\(table) FORCE ROW LEVEL SECURITY",
                "GRANT SELECT, INSERT, UPDATE, DELETE ON narvaro.\(table) TO \(venueGroup)",
                "GRANT SELECT ON narvaro.\(table) TO \(municipalityGroup)",
                "CREATE POLICY \(table)_own_venue ON narvaro.\(table) FOR ALL TO \(venueGroup) USING (\(own)) WITH CHECK (\(own))",
                "CREATE POLICY \(table)_municipality_reads ON narvaro.\(table) FOR SELECT TO \(municipalityGroup) USING (true)",
            ]
        }
        return statements
    }

    /// A role name that can be written into SQL unquoted-safe (CREATE ROLE takes no parameters).
    public static func isValidRoleName(_ name: String) -> Bool {
        guard let first = name.unicodeScalars.first, name.unicodeScalars.count <= 63,
              ("a"..."z").contains(first) || first == "_" else { return false }
        return name.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "_" }
    }

    /// Creates the group roles when missing, then the schema and every migration not yet applied,
    /// in one transaction (serialised by an advisory lock). Returns (from, to) versions.
    /// Run by the administrator (a role with CREATEROLE that owns the database), never by a venue.
    public static func initialise(_ connection: PostgresConnection) throws -> (from: Int, to: Int) {
        try connection.transaction {
            try connection.advisoryTransactionLock("narvaro-central-schema")
            for group in [venueGroup, municipalityGroup] where try connection.scalar("SELECT 1 FROM pg_roles WHERE rolname = $1", [group]) == nil {
                try connection.query("CREATE ROLE \(group) NOLOGIN")
            }
            try connection.query("CREATE SCHEMA IF NOT EXISTS narvaro")
            try connection.query("""
                CREATE TABLE IF NOT EXISTS narvaro.schema_migrations(version integer PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())
                """)
            try connection.query("GRANT SELECT ON narvaro.schema_migrations TO \(venueGroup), \(municipalityGroup)")
            let found = Int(try connection.scalar("SELECT coalesce(max(version), 0) FROM narvaro.schema_migrations") ?? "0") ?? 0
            guard found <= currentVersion else {
                throw CentralError(sqlstate: nil, message: "the central schema has version \(found), newer than this Närvaro knows (\(currentVersion)): upgrade Närvaro")
            }
            for version in found..<currentVersion {
                for statement in migrations[version] { try connection.query(statement) }
                try connection.query("INSERT INTO narvaro.schema_migrations(version) VALUES ($1)", [String(version + 1)])
            }
            return (found, currentVersion)
        }
    }

    /// The central schema's version as this connection sees it; 0 when not initialised.
    public static func version(_ connection: PostgresConnection) throws -> Int {
        guard try connection.scalar("SELECT to_regclass('narvaro.schema_migrations')::text") != nil else { return 0 }
        return Int(try connection.scalar("SELECT coalesce(max(version), 0) FROM narvaro.schema_migrations") ?? "0") ?? 0
    }

    /// The SQL an administrator runs to give a venue its login role (or, with `municipality`, a
    /// read-only analyst role). The password is set afterwards with psql's `\password`, never here.
    public static func roleSQL(name: String, municipality: Bool) -> [String] {
        ["CREATE ROLE \(name) LOGIN IN ROLE \(municipality ? municipalityGroup : venueGroup)"]
    }
}
