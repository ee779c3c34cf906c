// The export after suppression: the only thing the CSV, JSON and HTML writers read, so no
// writer can print a raw count by mistake.

/// One suppressed table with its heading.
public struct PublishedSection: Sendable, Equatable {
    public var id: String
    public var title: String
    public var rowHeading: String
    public var table: PublishedTable
}

/// One gathering with its participant count suppressed like any other count.
public struct PublishedGathering: Sendable, Equatable {
    public var venue: String
    public var activity: String
    public var date: String
    public var start: String
    public var participants: PublishedCount
    public var qualifies: Bool
    public var reasons: [String]
}

/// An `ExportDocument` with every count passed through the `Suppressor`.
public struct PublishedExport: Sendable, Equatable {
    public var header: ExportHeader
    public var sections: [PublishedSection]
    public var gatherings: [PublishedGathering]?
    /// Rows are activities, columns ISO weeks (sorted); `nil` when there are no series.
    public var weeklyVisits: PublishedSection?

    public var minCell: Int { header.minCell }

    /// Protects every table as `header.protection` says. Suppression uses threshold
    /// `header.minCell`, and a figure shown by several tables (same row labels, same numbers) is
    /// hidden in all of them or none; what the published list of gatherings tells about a hidden
    /// count (a lower bound) is taken into account. The cell-key method perturbs each count from its keys.
    public init(_ document: ExportDocument) throws(ExportError) {
        header = document.header
        let weekly = try Self.weeklyTable(document.weeklyVisits)
        var tables = document.sections.map { (section: $0.id, table: $0.table) }
        if let weekly { tables.append((section: "weeklyVisits", table: weekly)) }
        let published: [PublishedTable]
        switch header.protection {
        case .suppression:
            let suppressor = Suppressor(minCell: document.header.minCell)
            gatherings = try document.gatherings.map { rows throws(ExportError) in try Self.publish(rows, with: suppressor) }
            let floors = GatheringFloors(document.gatherings ?? [], published: gatherings ?? [])
            tables = tables.map { ($0.section, floors.applied(to: $0.table, section: $0.section)) }
            published = try LinkedSuppression(suppressor: suppressor).publish(tables)
        case .cellKey:
            let perturbing = CellKeyPublisher(minCell: header.minCell)
            published = try tables.map { entry throws(ExportError) in try perturbing.publish(entry.table, section: entry.section) }
            gatherings = try document.gatherings.map { rows throws(ExportError) in
                try rows.map { row throws(ExportError) in
                    guard let key = row.participantsKey else { throw .cellKeysMissing(section: "gatherings") }
                    return PublishedGathering(venue: row.venue, activity: row.activity, date: row.date, start: row.start,
                                              participants: perturbing.count(row.participants, key: key),
                                              qualifies: row.qualifies, reasons: row.reasons)
                }
            }
        }
        sections = zip(document.sections, published).map { s, table in
            PublishedSection(id: s.id, title: s.title, rowHeading: s.rowHeading, table: table)
        }
        weeklyVisits = weekly == nil ? nil : published.last.map {
            PublishedSection(id: "weeklyVisits", title: "Besök per vecka", rowHeading: "", table: $0)
        }
    }

    /// Gatherings of one activity add up to its visits, which other tables may show, so each
    /// activity's participant counts are protected as a list against that sum.
    private static func publish(_ rows: [GatheringRow], with suppressor: Suppressor) throws(ExportError) -> [PublishedGathering] {
        var groups: [[Int]] = []          // row indices per (venue, activity), in first-seen order
        var groupOf: [String: Int] = [:]
        for (i, row) in rows.enumerated() {
            let key = row.venue + "\u{1F}" + row.activity
            if let g = groupOf[key] { groups[g].append(i) } else { groupOf[key] = groups.count; groups.append([i]) }
        }
        var counts = [PublishedCount](repeating: .value(0), count: rows.count)
        for group in groups {
            let published = try suppressor.publishList(group.map { rows[$0].participants },
                                                       floors: group.map { rows[$0].participantsFloor }, section: "gatherings")
            for (i, count) in zip(group, published) { counts[i] = count }
        }
        return zip(rows, counts).map { row, count in
            PublishedGathering(
                venue: row.venue, activity: row.activity, date: row.date, start: row.start,
                participants: count, qualifies: row.qualifies, reasons: row.reasons)
        }
    }

    /// The weekly series as one activities × weeks table with totals (weeks add up to visits).
    private static func weeklyTable(_ series: [WeeklySeries]) throws(ExportError) -> CountTable? {
        guard !series.isEmpty else { return nil }
        let weeks = Array(Set(series.flatMap { $0.points.map(\.week) })).sorted()
        let column = Dictionary(uniqueKeysWithValues: weeks.enumerated().map { ($1, $0) })
        var cells: [[Int]] = []
        var keys: [[CellKey]]? = []
        for s in series {
            var row = [Int](repeating: 0, count: weeks.count)
            var rowKeys = [CellKey](repeating: .zero, count: weeks.count)
            for point in s.points {
                guard let c = column[point.week] else { continue }
                let (sum, overflow) = row[c].addingReportingOverflow(point.visits)
                guard !overflow else { throw .totalOverflow(section: "weeklyVisits") }
                row[c] = sum
                if let key = point.key { rowKeys[c] += key } else { keys = nil }
            }
            cells.append(row)
            keys?.append(rowKeys)
        }
        return CountTable(rowLabels: series.map(\.activity), columnLabels: weeks, cells: cells, margins: .totals, cellKeys: keys)
    }
}
