// What the published list of gatherings tells a reader about the people counts of the tables: each
// listed gathering had its participants (at least 1 when hidden, the grant rule's minimum when it
// qualifies), so an activity's visits are at least their sum, its participants at least the largest,
// and a week's visits at least that week's sum. Suppression keeps hidden counts ambiguous above these.

struct GatheringFloors {
    /// Per table row (activity): the least visits, the least unique participants, and per ISO week the least visits.
    private var visits: [Int: Int] = [:]
    private var people: [Int: Int] = [:]
    private var weekly: [Int: [String: Int]] = [:]

    init(_ rows: [GatheringRow], published: [PublishedGathering]) {
        for (row, shown) in zip(rows, published) {
            guard let r = row.tableRow else { continue }
            let least = shown.participants.number ?? min(row.participantsFloor, row.participants)
            visits[r, default: 0] += least
            people[r] = max(people[r] ?? 0, least)
            if let day = try? LocalDate.parse(row.date) {
                weekly[r, default: [:]][ISOWeek(containing: day).description, default: 0] += least
            }
        }
    }

    /// The table with the floors of the figures it shares with the list: visits and unique
    /// participants of the activities, the row totals of gender and age (participants), and the
    /// weekly visits. Other tables are returned unchanged.
    func applied(to table: CountTable, section: String) -> CountTable {
        guard !visits.isEmpty else { return table }
        var table = table
        let rows = table.cells.indices
        switch section {
        case "activities":
            let visitsColumn = table.columnLabels.firstIndex(of: "visits"), uniqueColumn = table.columnLabels.firstIndex(of: "unique")
            table.floors = rows.map { r in
                table.columnLabels.indices.map { c in c == visitsColumn ? visits[r] ?? 0 : c == uniqueColumn ? people[r] ?? 0 : 0 }
            }
        case "gender", "age":
            table.rowTotalFloors = rows.map { people[$0] ?? 0 }
        case "weeklyVisits":
            table.floors = rows.map { r in table.columnLabels.map { weekly[r]?[$0] ?? 0 } }
        default: break
        }
        return table
    }
}
