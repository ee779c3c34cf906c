// Archived venues, activities and readers: what `remove` leaves when check-ins refer to it. They
// are history: nothing new is attached to them (a reader, an activity, a schedule slot, an activity
// card), since the daemon ignores an archived activity's schedule and lists hide them, until staff
// bring one back with `edit --restore` (`editVenue`, `editActivity`, `editReader`: their venue must be in use).

extension Store {
    /// Refuses to attach something new to an archived venue.
    func requireInUse(_ venue: Venue) throws {
        guard venue.archived else { return }
        throw StoreError.conflict("venue '\(venue.slug)' is archived: restore it with `narvaro venue edit '\(venue.slug)' --restore`, or choose another venue")
    }

    /// Refuses to attach something new to an archived activity, or to any activity of an archived venue.
    func requireInUse(_ activity: Activity) throws {
        let venue = try self.venue(id: activity.venueID)
        if activity.archived {
            let name = "\(venue.slug)/\(activity.slug)"
            throw StoreError.conflict("activity '\(name)' is archived: restore it with `narvaro activity edit '\(name)' --restore`, or choose another activity")
        }
        try requireInUse(venue)
    }

    /// `activity(named:venue:)`, refused when archived.
    func inUseActivity(named name: String, venue: String?) throws -> Activity {
        let activity = try self.activity(named: name, venue: venue)
        try requireInUse(activity)
        return activity
    }

    /// Refuses to archive an activity a reader in use is fixed to, wherever that reader stands: it
    /// would go on recording to an activity that is history.
    func refuseArchivingWhileFixed(_ activity: Activity) throws {
        let readers = try db.query("SELECT name FROM readers WHERE activity_id = ?1 AND archived = 0 ORDER BY name", activity.id).map { $0.string(0) }
        guard !readers.isEmpty else { return }
        let name = "\(try venue(id: activity.venueID).slug)/\(activity.slug)"
        throw StoreError.conflict("activity '\(name)' is the fixed activity of readers in use (\(readers.joined(separator: ", "))): give them another with `narvaro reader edit NAME --activity`, or none with `--no-activity`")
    }

    /// Ends readers' switches to `activity` (by an activity card or at the desk), which would
    /// otherwise go on recording to it for up to 4 hours once it is history.
    func endSwitches(to activity: Activity) throws {
        try db.run("UPDATE readers SET current_activity_id = NULL, current_until = NULL WHERE current_activity_id = ?1", activity.id)
    }
}
