// `narvaro central export`: the local export's document (same sections, shapes and grant verdicts)
// built from the central tables across venues, so the same writers publish it with the same
// small-cell suppression. Unique people per activity are exact (each venue counted them); the
// venue name leads every row label, so nothing is added up across venues inside a cell.
import NarvaroCore

public struct CentralExportRequest: Sendable {
    public var period: Period
    public var venue: String?
    public var organizer: String?
    public var minCell: Int
    public var exportedBy: String
    public var exportedAt: String
    public var language: Lang

    public init(period: Period, venue: String? = nil, organizer: String? = nil, minCell: Int = 5, exportedBy: String, exportedAt: String,
                language: Lang = .sv) {
        (self.period, self.venue, self.organizer, self.minCell) = (period, venue, organizer, minCell)
        (self.exportedBy, self.exportedAt, self.language) = (exportedBy, exportedAt, language)
    }
}

public enum CentralExport {
    public static func document(_ request: CentralExportRequest, connection: PostgresConnection) throws -> ExportDocument {
        try CentralReport.checkPeriod(request.period)
        let venues = try CentralReport.selectVenues(request.venue, connection: connection)
        try CentralReport.checkOrganizer(request.organizer, connection: connection)
        let uuids = PostgresArray.literal(venues.map(\.uuid))
        let period = request.period
        let range = [period.firstDay.description, period.lastDay.description]
        // The activities with visits (any role) in the period, in venue and slug order.
        let activities = try connection.query("""
            SELECT d.venue_uuid::text, d.activity, v.name, coalesce(a.name, d.activity), a.organizer
            FROM narvaro.day_visits d JOIN narvaro.venues v ON v.venue_uuid = d.venue_uuid
            LEFT JOIN narvaro.activities a ON a.venue_uuid = d.venue_uuid AND a.slug = d.activity
            WHERE d.day BETWEEN $1::date AND $2::date AND d.venue_uuid = ANY($3::uuid[]) AND ($4::text IS NULL OR a.organizer = $4::text)
            GROUP BY 1, 2, 3, 4, 5 ORDER BY v.name, 1, 2
            """, range + [uuids, request.organizer]).map { row in
            (key: (row[0] ?? "") + "/" + (row[1] ?? ""), label: "\(row[2] ?? "") – \(row[3] ?? "")" + (row[4].map { " (\($0))" } ?? ""))
        }
        let index = Dictionary(uniqueKeysWithValues: activities.enumerated().map { ($0.element.key, $0.offset) })
        let n = activities.count
        func rows(_ sql: String, _ parameters: [String?]) throws -> [(Int, [String?])] {
            try connection.query(sql, parameters).compactMap { row in index[(row[0] ?? "") + "/" + (row[1] ?? "")].map { ($0, Array(row.dropFirst(2))) } }
        }
        var visits = Array(repeating: 0, count: n), staff = Array(repeating: [0, 0], count: n)
        var weekly: [Int: [String: Int]] = [:]
        for (i, row) in try rows("""
            SELECT venue_uuid::text, activity, role, to_char(day, 'IYYY-"W"IW'), sum(visits) FROM narvaro.day_visits
            WHERE day BETWEEN $1::date AND $2::date AND venue_uuid = ANY($3::uuid[]) GROUP BY 1, 2, 3, 4
            """, range + [uuids]) {
            let count = Int(row[2] ?? "0") ?? 0
            switch row[0] {
            case Role.participant.rawValue?:
                visits[i] += count
                weekly[i, default: [:]][row[1] ?? "", default: 0] += count
            case Role.volunteer.rawValue?: staff[i][0] += count
            default: staff[i][1] += count
            }
        }
        var unique = Array(repeating: 0, count: n), new = unique
        var byGender = Array(repeating: [String: Int](), count: n), byAge = byGender
        var bandLabels: [String] = []
        for band in try connection.query("SELECT unnest(age_bands) FROM narvaro.venues WHERE venue_uuid = ANY($1::uuid[]) ORDER BY venue_uuid", [uuids]) {
            if let label = band[0], !bandLabels.contains(label) { bandLabels.append(label) }
        }
        for (i, row) in try rows("""
            SELECT venue_uuid::text, activity, gender, age_band, sum(unique_people), sum(new_people) FROM narvaro.period_people
            WHERE period = $1 AND venue_uuid = ANY($2::uuid[]) AND role = 'participant' AND activity <> '' GROUP BY 1, 2, 3, 4
            """, [period.label, uuids]) {
            let people = Int(row[2] ?? "0") ?? 0
            unique[i] += people
            new[i] += Int(row[3] ?? "0") ?? 0
            byGender[i][row[0].flatMap(Gender.init(rawValue:))?.exportKey ?? row[0] ?? "", default: 0] += people
            byAge[i][row[1] ?? "", default: 0] += people
            if let band = row[1], !bandLabels.contains(band) { bandLabels.append(band) }
        }
        var gatherings: [(Int, String, GatheringRow)] = []
        let sv = request.language == .sv
        for (i, row) in try rows("""
            SELECT g.venue_uuid::text, g.activity, v.name, coalesce(a.name, g.activity), g.day::text, g.start, g.participants::text,
                   g.qualifies::text, array_to_string(CASE WHEN $4 THEN g.reasons_sv ELSE g.reasons_en END, E'\\n'), a.min_participants::text
            FROM narvaro.gatherings g JOIN narvaro.venues v ON v.venue_uuid = g.venue_uuid
            LEFT JOIN narvaro.activities a ON a.venue_uuid = g.venue_uuid AND a.slug = g.activity
            WHERE g.day BETWEEN $1::date AND $2::date AND g.venue_uuid = ANY($3::uuid[])
            """, range + [uuids, sv ? "true" : "false"]) {
            let reasons = (row[6] ?? "").split(separator: "\n").map(String.init)
            var gathering = GatheringRow(venue: row[0] ?? "", activity: row[1] ?? "", date: row[2] ?? "", start: row[3] ?? "",
                                         participants: Int(row[4] ?? "0") ?? 0, qualifies: row[5] == "true", reasons: reasons)
            // What the list tells a reader about the hidden counts, as in the local export (GatheringFloors).
            gathering.place(inTableRow: i, grantMinimum: row[7].flatMap { Int($0) })
            gatherings.append((i, row[2] ?? "", gathering))
        }
        gatherings.sort { ($0.0, $0.1) < ($1.0, $1.1) }
        let held = (0..<n).map { i in gatherings.filter { $0.0 == i }.count }
        let qualifying = (0..<n).map { i in gatherings.filter { $0.0 == i && $0.2.qualifies }.count }
        let labels = activities.map(\.label)
        let genders = Gender.allCases.map(\.exportKey)
        let sections = [
            ExportSection(id: "activities", title: "Activities", table: CountTable(
                rowLabels: labels, columnLabels: ["gatherings", "qualifying", "visits", "unique", "new"],
                cells: (0..<n).map { [held[$0], qualifying[$0], visits[$0], unique[$0], new[$0]] }, margins: .none,
                gatheringColumns: [0, 1])),
            ExportSection(id: "gender", title: "Gender", table: CountTable(
                rowLabels: labels, columnLabels: genders, cells: (0..<n).map { i in genders.map { byGender[i][$0] ?? 0 } })),
            ExportSection(id: "age", title: "Age group", table: CountTable(
                rowLabels: labels, columnLabels: bandLabels, cells: (0..<n).map { i in bandLabels.map { byAge[i][$0] ?? 0 } })),
            ExportSection(id: "staff", title: "Staff and volunteers", table: CountTable(
                rowLabels: labels, columnLabels: ["volunteer", "staff"], cells: staff)),
        ]
        let weeks = CentralReport.weeks(in: period)
        let series = (0..<n).map { i in WeeklySeries(activity: labels[i], points: weeks.map { WeeklyPoint(week: $0, visits: weekly[i]?[$0] ?? 0) }) }
        let header = ExportHeader(exportedBy: request.exportedBy, exportedAt: request.exportedAt, period: period.label,
                                  periodFirstDay: period.firstDay.description, periodLastDay: period.lastDay.description,
                                  venue: request.venue, organizer: request.organizer, minCell: request.minCell)
        return ExportDocument(header: header, sections: sections, gatherings: gatherings.map(\.2), weeklyVisits: series)
    }
}
