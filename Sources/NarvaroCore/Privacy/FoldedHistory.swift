// Folded history: before retention deletes a period's per-person rows it keeps what every report
// (each filter, role set and --by) and the export showed for that period; afterwards those read
// the snapshot. Before `historyStart` only snapshots and the anonymous day totals remain.
// The types; the Store methods and their SQL are in Storage/Store+FoldedHistory.swift.
import FoundationEssentials

/// One folded period's report under one set of filters, exactly as it was computed from the rows.
struct FoldedReport: Codable {
    struct Row: Codable { var venue: String; var activity: String; var activityName: String; var organizer: String?; var figures: AttendanceFigures }
    /// One breakdown row, stored as `[label, visits, unique, new]`: a half-year by day has 182 of them per filter.
    struct Line: Codable {
        var label: String
        var figures: AttendanceFigures
        init(label: String, figures: AttendanceFigures) { (self.label, self.figures) = (label, figures) }
        init(from decoder: any Decoder) throws {
            var c = try decoder.unkeyedContainer()
            label = try c.decode(String.self)
            figures = AttendanceFigures(visits: try c.decode(Int.self), uniqueVisitors: try c.decode(Int.self), newVisitors: try c.decode(Int.self))
        }
        func encode(to encoder: any Encoder) throws {
            var c = encoder.unkeyedContainer()
            try c.encode(label)
            try c.encode(figures.visits)
            try c.encode(figures.uniqueVisitors)
            try c.encode(figures.newVisitors)
        }
    }
    var rows: [Row]
    var total: AttendanceFigures
    var breakdowns: [String: [Line]]
    var trends: ReportTrends

    /// What a scope without any visits in the period's window reports.
    static let empty = FoldedReport(rows: [], total: AttendanceFigures(visits: 0, uniqueVisitors: 0, newVisitors: 0), breakdowns: [:],
                                    trends: ReportTrends(returningVisitors: 0, lapsedVisitors: 0, trailingFourWeekAverage: 0, previousVisits: 0, changePercent: nil))
}

/// One activity's per-person export figures in a folded period (participants only), and its gatherings per language.
struct FoldedExportActivity: Codable {
    var unique: Int
    var new: Int
    var gender: [String: Int]
    var age: [String: Int]
    var gatherings: [String: [FoldedGathering]]
    /// For an activity other venues' readers recorded too: its figures at each venue that recorded it
    /// (by venue id), which an export of one venue shows. Absent for every other activity, whose
    /// figures are its own venue's.
    var atVenue: [String: FoldedExportActivity]? = nil
}

struct FoldedGathering: Codable {
    var venue: String, activity: String, date: String, start: String, participants: Int, qualifies: Bool, reasons: [String]
    init(_ row: GatheringRow) {
        (venue, activity, date, start, participants, qualifies, reasons) = (row.venue, row.activity, row.date, row.start, row.participants, row.qualifies, row.reasons)
    }
    var row: GatheringRow { GatheringRow(venue: venue, activity: activity, date: date, start: start, participants: participants, qualifies: qualifies, reasons: reasons) }
}

/// One folded period's snapshot rows: report scope → JSON, and export activity id → JSON (0 marks the period).
struct FoldedSnapshot {
    var period: String
    var reports: [(String, String)] = []
    var exports: [(Int64, String)] = []
}

/// The report's role sets the CLI can ask for (`--role participant|volunteer|staff|all`).
let foldedRoleSets: [Set<Role>] = [[.participant], [.volunteer], [.staff], Set(Role.allCases)]
