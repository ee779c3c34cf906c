// The municipality export as plain values: what the statistics hand over and the writers read.
// It holds raw counts; every writer publishes them only through `PublishedExport`, which suppresses.

/// Everything one export contains, before suppression. Labels are aggregate names (venues,
/// activities, categories), never visitors: the type has no place for a person.
public struct ExportDocument: Sendable, Equatable {
    public var header: ExportHeader
    /// The tables, in the order they are written (e.g. "activities", "gender", "age", "staff").
    public var sections: [ExportSection]
    /// Gatherings with their grant verdict; `nil` leaves the list out of the export.
    public var gatherings: [GatheringRow]?
    /// Visits per ISO week per activity, for the bar chart (and a table in CSV/JSON).
    public var weeklyVisits: [WeeklySeries]

    public init(
        header: ExportHeader, sections: [ExportSection],
        gatherings: [GatheringRow]? = nil, weeklyVisits: [WeeklySeries] = []
    ) {
        self.header = header
        self.sections = sections
        self.gatherings = gatherings
        self.weeklyVisits = weeklyVisits
    }
}

/// Who exported what and when; printed first in every format.
public struct ExportHeader: Sendable, Equatable {
    /// `user@host` of the person who ran the export.
    public var exportedBy: String
    /// ISO 8601 time of the export, e.g. `2026-12-31T16:05:00+01:00`.
    public var exportedAt: String
    /// The period label, e.g. `2026-H2`, `2026-11`, `2026-W47`.
    public var period: String
    /// First and last local day of the period, `YYYY-MM-DD`.
    public var periodFirstDay: String
    public var periodLastDay: String
    /// The venue the export is limited to, or `nil` for all venues.
    public var venue: String?
    /// The organizer the export is limited to (shared venues), or `nil` for all.
    public var organizer: String?
    /// The suppression threshold k: counts 1…k−1 are never published.
    public var minCell: Int
    public var softwareVersion: String
    /// How the people counts are protected; stated in every format's header.
    public var protection: ExportProtection

    public init(
        exportedBy: String, exportedAt: String, period: String,
        periodFirstDay: String, periodLastDay: String,
        venue: String? = nil, organizer: String? = nil,
        minCell: Int = 5, softwareVersion: String = NarvaroVersion.string, protection: ExportProtection = .suppression
    ) {
        self.protection = protection
        self.exportedBy = exportedBy
        self.exportedAt = exportedAt
        self.period = period
        self.periodFirstDay = periodFirstDay
        self.periodLastDay = periodLastDay
        self.venue = venue
        self.organizer = organizer
        self.minCell = minCell
        self.softwareVersion = softwareVersion
    }
}

/// One table of the export.
public struct ExportSection: Sendable, Equatable {
    /// Stable machine id: "activities", "gender", "age", "staff" get translated titles in HTML.
    public var id: String
    public var title: String
    /// Heading of the label column (e.g. "Aktivitet"); may be empty.
    public var rowHeading: String
    public var table: CountTable

    public init(id: String, title: String, rowHeading: String = "", table: CountTable) {
        self.id = id
        self.title = title
        self.rowHeading = rowHeading
        self.table = table
    }
}

/// Whether a table's rows and columns add up, which decides if totals are published.
public enum TableMargins: String, Sendable, Equatable {
    /// Columns are categories of one count (gender, age band): row totals, column totals and a
    /// grand total are computed as sums and published, so suppression must protect against them.
    case totals
    /// Columns are different measures (visits, unique visitors, ...) that must not be summed:
    /// no totals are published.
    case none
}

/// A rectangle of non-negative counts: rows are venues/activities, columns measures or categories.
public struct CountTable: Sendable, Equatable {
    public var rowLabels: [String]
    public var columnLabels: [String]
    /// `cells[row][column]`; every row has `columnLabels.count` entries.
    public var cells: [[Int]]
    public var margins: TableMargins
    /// Columns that count gatherings (meetings held), not people: published as they are, never
    /// hidden. Only for tables without totals; docs/suppression.md classifies every column.
    public var gatheringColumns: [Int]
    /// Per cell the key of the persons (or visits) it counts, for `ExportProtection.cellKey`.
    public var cellKeys: [[CellKey]]?
    /// What a reader knows each cell (and each row total) is at least, from other parts of the
    /// export (the list of gatherings); suppression keeps every hidden count ambiguous above it.
    public var floors: [[Int]]?
    public var rowTotalFloors: [Int]?

    public init(rowLabels: [String], columnLabels: [String], cells: [[Int]], margins: TableMargins = .totals,
                gatheringColumns: [Int] = [], cellKeys: [[CellKey]]? = nil) {
        self.cellKeys = cellKeys
        self.rowLabels = rowLabels
        self.columnLabels = columnLabels
        self.cells = cells
        self.margins = margins
        self.gatheringColumns = margins == .none ? gatheringColumns : []
    }
}

/// One gathering (a session of an activity on a day) and whether it qualifies for a grant.
public struct GatheringRow: Sendable, Equatable {
    public var venue: String
    public var activity: String
    /// Local date `YYYY-MM-DD` and start time `HH:MM`.
    public var date: String
    public var start: String
    /// Participants present; published like any other count (small numbers hidden).
    public var participants: Int
    public var qualifies: Bool
    /// Why it does not qualify (or notes); must not quote small counts, since they are published.
    public var reasons: [String]
    /// The key of the participants, for `ExportProtection.cellKey`.
    public var participantsKey: CellKey?
    /// The activity's row in the export's tables, and the least number of participants a reader
    /// can infer (1 for any gathering held by participants, the grant rule's minimum when it
    /// qualifies): the suppression takes both into account. `nil`/0 when not known.
    public var tableRow: Int?
    public var participantsFloor: Int = 0

    /// Places the gathering in table row `row` and sets what its listing tells: a gathering held had
    /// participants (at least 1), and one that qualifies at least its grant rule's minimum.
    public mutating func place(inTableRow row: Int, grantMinimum: Int?) {
        tableRow = row
        participantsFloor = participants == 0 ? 0 : qualifies ? max(1, grantMinimum ?? 1) : 1
    }

    public init(
        venue: String, activity: String, date: String, start: String,
        participants: Int, qualifies: Bool, reasons: [String] = []
    ) {
        self.venue = venue
        self.activity = activity
        self.date = date
        self.start = start
        self.participants = participants
        self.qualifies = qualifies
        self.reasons = reasons
    }
}

/// Visits per ISO week for one activity (one coloured series in the weekly bar chart).
public struct WeeklySeries: Sendable, Equatable {
    public var activity: String
    public var points: [WeeklyPoint]

    public init(activity: String, points: [WeeklyPoint]) {
        self.activity = activity
        self.points = points
    }
}

/// Visits in one week, e.g. `WeeklyPoint(week: "2026-W47", visits: 31)`.
public struct WeeklyPoint: Sendable, Equatable {
    public var week: String
    public var visits: Int
    /// The key of the visits, for `ExportProtection.cellKey`.
    public var key: CellKey?

    public init(week: String, visits: Int) {
        self.week = week
        self.visits = visits
    }
}
