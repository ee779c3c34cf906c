// What the swipe path reads about the configuration (readers, venues with their clock, schedule
// and drop-in, activities), kept between swipes and read again only when it may have
// changed: another connection committed (`PRAGMA data_version`) or this one wrote something itself.

/// One venue as attribution needs it.
struct VenueSetup {
    var venue: Venue
    var clock: VenueClock
    var slots: [ScheduleSlot]
    var dropInID: Int64
}

/// The cache. Checked with `refresh` before every use; the swipe path marks its own writes with
/// `noteOwnWrites`, so any other write through the connection (a command, the desk, retention)
/// empties it as a commit by another program does.
struct SwipeConfiguration {
    private var readers: [String: Reader] = [:]
    private var venues: [Int64: VenueSetup] = [:]
    /// Per venue, the slot occurrences around the local day of its last swipe.
    private var slotDays: [Int64: SlotOccurrencesAround] = [:]
    private var activities: [Int64: Activity] = [:]
    /// `data_version` and `total_changes` when the cache was last found valid; nil: empty.
    private var seenVersion: Int64?
    private var seenChanges: Int64 = -1

    /// Empties the cache unless nothing was committed by another connection, nor written by this
    /// one outside the swipe path, since the last check. One `PRAGMA data_version` per call.
    mutating func refresh(_ store: Store) throws {
        let version = try store.dataVersion()
        let changes = store.db.totalChanges
        if version != seenVersion || changes != seenChanges { self = SwipeConfiguration() }
        seenVersion = version
        seenChanges = changes
    }

    /// `refresh` inside a write transaction that already ran one: no other connection can commit
    /// until it ends, so only this connection's own writes can have changed the configuration.
    mutating func refreshInsideWrite(_ store: Store) {
        let changes = store.db.totalChanges
        if changes != seenChanges { self = SwipeConfiguration() }
        seenChanges = changes
    }

    /// The swipe path's own rows (check-ins, statistics) leave the configuration as it was.
    mutating func noteOwnWrites(_ store: Store) { seenChanges = store.db.totalChanges }

    /// `noteOwnWrites` for the writes made since `before` (the connection's change count then), and
    /// only if the cache had seen every change up to it: a write through this connection in between
    /// (retention on the daemon's connection) must still empty the cache at the next `refresh`.
    mutating func noteOwnWrites(_ store: Store, since before: Int64) {
        if seenChanges == before { seenChanges = store.db.totalChanges }
    }

    /// After a rollback the cache may hold what was never committed (a drop-in activity created).
    mutating func invalidate() { self = SwipeConfiguration() }

    mutating func reader(named name: String, _ store: Store) throws -> Reader {
        if let reader = readers[name] { return reader }
        let reader = try store.reader(named: name)
        readers[name] = reader
        return reader
    }

    /// Forgets one reader (its current activity was just switched by an activity card).
    mutating func forget(reader name: String) { readers[name] = nil }

    /// Must run inside the swipe's transaction: a venue without a drop-in activity gets one.
    mutating func venue(id: Int64, _ store: Store) throws -> VenueSetup {
        if let setup = venues[id] { return setup }
        let venue = try store.venue(id: id)
        let setup = VenueSetup(venue: venue, clock: try VenueClock(identifier: venue.timeZone),
                               slots: try store.slots(venueID: id), dropInID: try store.dropInActivityID(venueID: id))
        venues[id] = setup
        return setup
    }

    /// The venue's slot occurrences around `day`, worked out once a day (and again after any change).
    mutating func slotOccurrences(around day: LocalDate, setup: VenueSetup) -> SlotOccurrencesAround {
        if let kept = slotDays[setup.venue.id], kept.day == day { return kept }
        let around = SlotOccurrencesAround(day: day, slots: setup.slots, clock: setup.clock)
        slotDays[setup.venue.id] = around
        return around
    }

    mutating func activity(id: Int64, _ store: Store) throws -> Activity {
        if let activity = activities[id] { return activity }
        let activity = try store.activity(id: id)
        activities[id] = activity
        return activity
    }
}
