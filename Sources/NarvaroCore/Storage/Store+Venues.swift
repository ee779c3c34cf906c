// Venues: adding one also creates its drop-in activity (öppen verksamhet).

extension Store {
    static let venueColumns = "id, slug, name, timezone, archived"

    static func venue(_ row: Row) -> Venue {
        Venue(id: row.int64(0), slug: row.string(1), name: row.string(2), timeZone: row.string(3), archived: row.bool(4))
    }

    @discardableResult
    public func addVenue(slug: String, name: String, timeZone: String = "Europe/Stockholm") throws -> Venue {
        guard Slug.isValid(slug) else { throw StoreError.badName("\(Slug.quoted(slug)) is not a valid venue slug: use 1 to 63 lowercase letters, digits and '-'") }
        try OutsideText.checkName(name, what: "venue name")
        _ = try VenueClock(validating: timeZone)
        return try db.transaction {
            if try db.queryOne("SELECT 1 FROM venues WHERE slug = ?1", slug) != nil {
                throw StoreError.duplicate(kind: "venue", name: slug)
            }
            try db.run("INSERT INTO venues(slug, name, timezone) VALUES (?1, ?2, ?3)", slug, name, timeZone)
            let id = db.lastInsertRowID
            try db.run("INSERT INTO activities(venue_id, slug, name) VALUES (?1, ?2, ?3)", id, Activity.dropInSlug, "Öppen verksamhet")
            return Venue(id: id, slug: slug, name: name, timeZone: timeZone, archived: false)
        }
    }

    public func venues(includeArchived: Bool = false) throws -> [Venue] {
        try db.query("SELECT \(Self.venueColumns) FROM venues WHERE archived = 0 OR ?1 ORDER BY slug", includeArchived).map(Self.venue)
    }

    public func venue(slug: String) throws -> Venue {
        guard let row = try db.queryOne("SELECT \(Self.venueColumns) FROM venues WHERE slug = ?1", slug) else {
            throw StoreError.notFound(kind: "venue", name: slug, hint: "check `narvaro venue list`")
        }
        return Self.venue(row)
    }

    public func venue(id: Int64) throws -> Venue {
        guard let row = try db.queryOne("SELECT \(Self.venueColumns) FROM venues WHERE id = ?1", id) else {
            throw StoreError.notFound(kind: "venue", name: "#\(id)", hint: "check `narvaro venue list`")
        }
        return Self.venue(row)
    }

    /// `restore`: bring an archived venue back into use (its activities and readers stay as they are).
    public func editVenue(slug: String, name: String?, timeZone: String?, restore: Bool = false) throws -> Venue {
        if let name { try OutsideText.checkName(name, what: "venue name") }
        if let timeZone { _ = try VenueClock(validating: timeZone) }
        let venue = try self.venue(slug: slug)
        try db.run("UPDATE venues SET name = coalesce(?2, name), timezone = coalesce(?3, timezone), archived = CASE WHEN ?4 THEN 0 ELSE archived END WHERE id = ?1",
                   venue.id, name, timeZone, restore)
        return try self.venue(id: venue.id)
    }

    /// Removes a venue nothing refers to; archives it when check-ins or readers refer to it.
    /// Returns true when it was archived rather than deleted. Refused while readers in use stand
    /// there or are fixed to one of its activities: they would go on recording to history (see
    /// `requireInUse`).
    public func removeVenue(slug: String) throws -> Bool {
        let venue = try self.venue(slug: slug)
        return try db.transaction {
            let readers = try db.query("SELECT name FROM readers WHERE venue_id = ?1 AND archived = 0 ORDER BY name", venue.id).map { $0.string(0) }
            if !readers.isEmpty {
                throw StoreError.conflict("venue '\(venue.slug)' still has readers in use (\(readers.joined(separator: ", "))): remove them with `narvaro reader remove`, or move them with `narvaro reader edit NAME --venue`")
            }
            // Nor while a reader at another venue is fixed to one of its activities.
            let activities = try db.query("SELECT id FROM activities WHERE venue_id = ?1 ORDER BY slug", venue.id).map { try activity(id: $0.int64(0)) }
            for activity in activities { try refuseArchivingWhileFixed(activity) }
            for activity in activities { try endSwitches(to: activity) }
            let used = try db.queryOne("SELECT EXISTS(SELECT 1 FROM checkins WHERE venue_id = ?1) OR EXISTS(SELECT 1 FROM readers WHERE venue_id = ?1) OR EXISTS(SELECT 1 FROM activities WHERE venue_id = ?1 AND slug <> 'drop-in')", venue.id)?.bool(0) ?? true
            if used {
                try db.run("UPDATE venues SET archived = 1 WHERE id = ?1", venue.id)
                return true
            }
            try db.run("DELETE FROM schedule_slots WHERE activity_id IN (SELECT id FROM activities WHERE venue_id = ?1)", venue.id)
            try db.run("DELETE FROM cards WHERE activity_id IN (SELECT id FROM activities WHERE venue_id = ?1)", venue.id)
            try db.run("DELETE FROM activities WHERE venue_id = ?1", venue.id)
            try db.run("DELETE FROM readers WHERE venue_id = ?1", venue.id)
            try db.run("DELETE FROM venues WHERE id = ?1", venue.id)
            return false
        }
    }

    public func clock(forVenue id: Int64) throws -> VenueClock {
        try VenueClock(identifier: try venue(id: id).timeZone)
    }
}
