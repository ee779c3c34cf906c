// Follows the database for the desk: a poll costs one `PRAGMA data_version` while nothing changed;
// after another connection's commit it reads only the rows after the last one seen. Reads only,
// in autocommit mode, so the desk never holds a write lock the daemon would wait for.
import NarvaroCore

public final class DeskFollower {
    public let store: Store
    public let venue: Venue
    public let clock: VenueClock
    /// How many of today's swipes the desk keeps (more than any screen shows).
    public let capacity: Int

    private var dataVersion: Int64?
    private var day: LocalDate?
    private var lastID: Int64 = 0
    private var rows: [CheckIn] = []
    private var report: AttendanceReport?
    private var readers: [Reader] = []
    private var slots: [ScheduleSlot] = []
    private var activityNames: [Int64: String] = [:]
    private var dropInID: Int64 = -1

    /// - Parameter venue: the venue's slug; nil picks the only venue there is.
    public init(store: Store, venue slug: String?, capacity: Int = 50) throws {
        self.store = store
        self.capacity = capacity
        if let slug {
            venue = try store.venue(slug: slug)
        } else {
            let venues = try store.venues()
            guard venues.count == 1, let only = venues.first else {
                throw StoreError.notGiven(venues.isEmpty ? "there is no venue yet: add one with `narvaro venue add`"
                                                        : "there are \(venues.count) venues: choose one with --venue SLUG (see `narvaro venue list`)")
            }
            venue = only
        }
        clock = try VenueClock(identifier: venue.timeZone)
    }

    /// Brings the desk up to date. Returns whether anything it shows may have changed; `force`
    /// reloads everything (after the desk itself wrote: its own commits do not move `data_version`).
    public func poll(now: EventTime, force: Bool = false) throws -> Bool {
        let today = clock.localDate(of: now)
        let version = try store.dataVersion()
        if !force, version == dataVersion, today == day { return false }
        var fresh: [CheckIn] = []
        if !force, today == day {
            fresh = try store.checkIns(CheckInFilter(afterID: lastID, since: clock.startOfDay(today), venue: venue.slug, limit: capacity))
                .filter { new in !rows.contains { $0.id == new.id } }
        }
        if fresh.isEmpty {
            // First poll, a new day, or a change without new swipes (an enrolment, a setting):
            // names and outcomes on the screen may have changed, so read the window again.
            lastID = max(lastID, try store.lastCheckInID())
            rows = try store.checkIns(CheckInFilter(since: clock.startOfDay(today), venue: venue.slug, limit: capacity))
        } else {
            rows = Array((fresh + rows).prefix(capacity))
        }
        lastID = max(lastID, rows.first?.id ?? 0)
        report = try store.attendance(ReportRequest(period: .day(today), venue: venue.slug, roles: [.participant]))
        readers = try store.readers().filter { $0.venueID == venue.id }
        slots = try store.slots(venueID: venue.id)
        let activities = try store.activities(venue: venue.slug, includeArchived: true)
        activityNames = Dictionary(activities.map { ($0.id, $0.name) }, uniquingKeysWith: { a, _ in a })
        dropInID = activities.first { $0.slug == Activity.dropInSlug }?.id ?? -1
        dataVersion = version
        day = today
        return true
    }

    /// The screen's content at `now` from what the last poll read (the clock and the readers'
    /// running activities move with `now` without touching the database).
    public func model(now: EventTime) -> DeskModel {
        let checkIns = rows.map { row in
            DeskCheckIn(id: row.id, time: clock.clockText(row.time), instant: row.time, reader: row.reader, who: row.visitorName,
                        visitorCode: row.visitorCode, activity: row.activityName ?? row.activity ?? "-", outcome: row.outcome)
        }
        let counters = (report?.rows ?? []).map { DeskCounter(activity: $0.activityName, figures: $0.figures) }
        return DeskModel(venueName: venue.name, date: clock.localDate(of: now), clock: clock.clockText(now, seconds: true),
                         checkIns: checkIns, counters: counters,
                         total: report?.total ?? AttendanceFigures(visits: 0, uniqueVisitors: 0, newVisitors: 0),
                         readers: readers.map { runningNow($0, at: now) })
    }

    /// The readers of this venue, for the `a` key.
    public var venueReaders: [Reader] { readers }

    /// Activities a reader can be switched to: the venue's active ones, by name.
    public func switchableActivities() throws -> [Activity] {
        try store.activities(venue: venue.slug).sorted { $0.name.lowercased() < $1.name.lowercased() }
    }

    /// How long a switch made at the desk holds: to the end of the activity's running slot, else 4 hours.
    public func switchExpiry(activityID: Int64, now: EventTime) -> EventTime {
        Attribution.activityCardExpiry(activityID: activityID, time: now, slots: slots, clock: clock)
    }

    func runningNow(_ reader: Reader, at now: EventTime) -> DeskReaderNow {
        let (activityID, source) = Attribution.decide(reader: reader, time: now, slots: slots, clock: clock, dropInID: dropInID)
        var until: EventTime?
        switch source {
        case .activityCard: until = reader.currentUntil
        case .schedule, .scheduleOverlap:
            until = slots.filter { $0.activityID == activityID }.compactMap { $0.timing.occurrence(containing: now, clock: clock)?.end }.max()
        case .fixed, .dropIn: until = nil
        }
        return DeskReaderNow(reader: reader.name, activity: activityNames[activityID] ?? Activity.dropInSlug, source: source,
                             until: until.map { clock.clockText($0) })
    }
}
