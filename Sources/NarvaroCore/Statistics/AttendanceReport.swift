// Attendance for a period, read from the rolling statistics (`day_totals`, `visits`, `first_visits`), never
// from the raw check-in log: its cost follows the visits in the period, not the history.
// The types; the Store methods and their SQL are in Storage/Store+AttendanceQueries.swift.

/// What to count: a period and optional filters. Participants only unless roles say otherwise.
public struct ReportRequest: Sendable {
    public var period: Period
    public var venue: String?
    public var activity: String?
    public var organizer: String?
    public var roles: Set<Role>

    public init(period: Period, venue: String? = nil, activity: String? = nil, organizer: String? = nil, roles: Set<Role> = [.participant]) {
        self.period = period
        self.venue = venue
        self.activity = activity
        self.organizer = organizer
        self.roles = roles
    }
}

/// Visits (one visitor at one venue and activity on one local day), unique and new visitors.
public struct AttendanceFigures: Hashable, Sendable, Codable {
    public var visits: Int
    public var uniqueVisitors: Int
    public var newVisitors: Int

    public init(visits: Int, uniqueVisitors: Int, newVisitors: Int) {
        self.visits = visits
        self.uniqueVisitors = uniqueVisitors
        self.newVisitors = newVisitors
    }

    enum CodingKeys: String, CodingKey {
        case visits
        case uniqueVisitors = "unique_visitors"
        case newVisitors = "new_visitors"
    }
}

public struct AttendanceRow: Hashable, Sendable {
    public var venue: String
    public var activity: String
    public var activityName: String
    public var organizer: String?
    public var figures: AttendanceFigures

    public init(venue: String, activity: String, activityName: String, organizer: String?, figures: AttendanceFigures) {
        self.venue = venue
        self.activity = activity
        self.activityName = activityName
        self.organizer = organizer
        self.figures = figures
    }
}

public struct AttendanceReport: Hashable, Sendable {
    public var period: Period
    public var rows: [AttendanceRow]
    public var total: AttendanceFigures
}

struct AttendanceKey: Hashable {
    var venue: String
    var activity: String
}
