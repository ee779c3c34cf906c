// Activities belong to a venue and have an organizer; slugs are unique within a venue.

extension Store {
    static let activityColumns = "id, venue_id, slug, name, organizer, min_participants, min_age, max_age, min_minutes, leader_required, archived"

    static func activity(_ row: Row) -> Activity {
        Activity(id: row.int64(0), venueID: row.int64(1), slug: row.string(2), name: row.string(3), organizer: row.optionalString(4),
                 grant: GrantRules(minParticipants: row.optionalInt(5), minAge: row.optionalInt(6), maxAge: row.optionalInt(7),
                                   minMinutes: row.optionalInt(8), leaderRequired: row.bool(9)),
                 archived: row.bool(10))
    }

    @discardableResult
    public func addActivity(slug: String, venue venueSlug: String, name: String, organizer: String?, grant: GrantRules = GrantRules()) throws -> Activity {
        guard Slug.isValid(slug) else { throw StoreError.badName("\(Slug.quoted(slug)) is not a valid activity slug: use 1 to 63 lowercase letters, digits and '-'") }
        try Self.validate(grant)
        try OutsideText.checkName(name, what: "activity name")
        if let organizer { try OutsideText.checkName(organizer, what: "organizer") }
        let venue = try self.venue(slug: venueSlug)
        try requireInUse(venue)
        if try db.queryOne("SELECT 1 FROM activities WHERE venue_id = ?1 AND slug = ?2", venue.id, slug) != nil {
            throw StoreError.duplicate(kind: "activity", name: "\(venueSlug)/\(slug)")
        }
        try db.run("""
            INSERT INTO activities(venue_id, slug, name, organizer, min_participants, min_age, max_age, min_minutes, leader_required)
            VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)
            """, venue.id, slug, name, organizer, grant.minParticipants, grant.minAge, grant.maxAge, grant.minMinutes, grant.leaderRequired)
        return try activity(id: db.lastInsertRowID)
    }

    static func validate(_ grant: GrantRules) throws {
        if let n = grant.minParticipants, n < 1 { throw StoreError.outOfRange("minimum participants must be at least 1") }
        if let a = grant.minAge, let b = grant.maxAge, a > b { throw StoreError.outOfRange("age range \(a)-\(b) is reversed: give the lower age first") }
        if let m = grant.minMinutes, m < 1 { throw StoreError.outOfRange("minimum duration must be at least 1 minute") }
    }

    public func activity(id: Int64) throws -> Activity {
        guard let row = try db.queryOne("SELECT \(Self.activityColumns) FROM activities WHERE id = ?1", id) else {
            throw StoreError.notFound(kind: "activity", name: "#\(id)", hint: "check `narvaro activity list`")
        }
        return Self.activity(row)
    }

    /// Finds an activity by `slug` or `venue/slug`; a bare slug used at several venues needs the venue.
    public func activity(named name: String, venue venueSlug: String? = nil) throws -> Activity {
        var slug = name
        var venueName = venueSlug
        if let slash = name.firstIndex(of: "/") {
            venueName = String(name[..<slash])
            slug = String(name[name.index(after: slash)...])
        }
        let rows: [Row]
        if let venueName {
            let venue = try self.venue(slug: venueName)
            rows = try db.query("SELECT \(Self.activityColumns) FROM activities WHERE venue_id = ?1 AND slug = ?2", venue.id, slug)
        } else {
            rows = try db.query("SELECT \(Self.activityColumns) FROM activities WHERE slug = ?1", slug)
        }
        guard let first = rows.first else {
            throw StoreError.notFound(kind: "activity", name: name, hint: "check `narvaro activity list`")
        }
        if rows.count > 1 {
            throw StoreError.ambiguous(kind: "activity", name: name, hint: "it exists at several venues: add --venue SLUG or write VENUE/\(slug)")
        }
        return Self.activity(first)
    }

    public func activities(venue venueSlug: String? = nil, includeArchived: Bool = false) throws -> [Activity] {
        let venueID = try venueSlug.map { try venue(slug: $0).id }
        return try db.query("""
            SELECT \(Self.activityColumns) FROM activities
            WHERE (?1 IS NULL OR venue_id = ?1) AND (archived = 0 OR ?2) ORDER BY venue_id, slug
            """, venueID, includeArchived).map(Self.activity)
    }

    /// Writes `activity`'s name, organizer and grant rules; `archived` false on an archived one
    /// restores it (its venue must be in use). Archiving is `removeActivity`'s.
    public func editActivity(_ activity: Activity) throws {
        try Self.validate(activity.grant)
        // Only what changes is checked: a name an older version let in must not block other edits.
        let stored = try self.activity(id: activity.id)
        if activity.name != stored.name { try OutsideText.checkName(activity.name, what: "activity name") }
        if let organizer = activity.organizer, organizer != stored.organizer { try OutsideText.checkName(organizer, what: "organizer") }
        let restore = stored.archived && !activity.archived
        if restore { try requireInUse(try venue(id: activity.venueID)) }
        try db.run("""
            UPDATE activities SET name = ?2, organizer = ?3, min_participants = ?4, min_age = ?5, max_age = ?6,
            min_minutes = ?7, leader_required = ?8, archived = CASE WHEN ?9 THEN 0 ELSE archived END WHERE id = ?1
            """, activity.id, activity.name, activity.organizer, activity.grant.minParticipants, activity.grant.minAge,
            activity.grant.maxAge, activity.grant.minMinutes, activity.grant.leaderRequired, restore)
    }

    /// Deletes an activity nothing refers to, or archives it. Returns true when archived.
    public func removeActivity(_ activity: Activity) throws -> Bool {
        if activity.slug == Activity.dropInSlug {
            throw StoreError.conflict("the drop-in activity belongs to its venue and cannot be removed")
        }
        return try db.transaction {
            try refuseArchivingWhileFixed(activity)
            try endSwitches(to: activity)
            let used = try db.queryOne("SELECT EXISTS(SELECT 1 FROM checkins WHERE activity_id = ?1) OR EXISTS(SELECT 1 FROM cards WHERE activity_id = ?1) OR EXISTS(SELECT 1 FROM readers WHERE activity_id = ?1 OR current_activity_id = ?1)", activity.id)?.bool(0) ?? true
            if used {
                try db.run("UPDATE activities SET archived = 1 WHERE id = ?1", activity.id)
                return true
            }
            try db.run("DELETE FROM schedule_slots WHERE activity_id = ?1", activity.id)
            try db.run("DELETE FROM activities WHERE id = ?1", activity.id)
            return false
        }
    }

    package func dropInActivityID(venueID: Int64) throws -> Int64 {
        if let row = try db.queryOne("SELECT id FROM activities WHERE venue_id = ?1 AND slug = 'drop-in'", venueID) {
            return row.int64(0)
        }
        try db.run("INSERT INTO activities(venue_id, slug, name) VALUES (?1, 'drop-in', 'Öppen verksamhet')", venueID)
        return db.lastInsertRowID
    }
}
