// The keys behind an export's counts for the cell-key method: per person from `visitors.cell_key`,
// summed over the visit rows each count is made of. Only the export reads them; they never leave.

extension Store {
    /// Keys of the period's visit rows under the export's filters (all roles).
    struct ExportCellKeys {
        var person: [Int64: CellKey] = [:]
        /// Participants' visits per activity, and per activity and ISO week.
        var visits: [Int64: CellKey] = [:]
        var weekly: [Int64: [String: CellKey]] = [:]
        /// Volunteers' and staff's visits per activity.
        var volunteer: [Int64: CellKey] = [:], staff: [Int64: CellKey] = [:]
        /// Participants per activity and local day (a gathering).
        var gathering: [Int64: [Int: CellKey]] = [:]

        func people(_ ids: Set<Int64>?) -> CellKey { (ids ?? []).reduce(CellKey.zero) { $0 + (person[$1] ?? .zero) } }
    }

    func exportCellKeys(filter: ReportFilter) throws -> ExportCellKeys {
        var keys = ExportCellKeys()
        for row in try db.query("""
            SELECT v.activity_id, v.local_day, p.role, v.visitor_id, coalesce(p.cell_key, 0)
            FROM visits v JOIN visitors p ON p.id = v.visitor_id JOIN activities a ON a.id = v.activity_id
            WHERE \(filter.whereClause(role: "p.role"))
            """, named: filter.parameters(adding: [":roles": .text(",participant,staff,volunteer,")])) {
            let activity = row.int64(0), day = row.int(1)
            let key = CellKey(stored: row.int64(4))
            keys.person[row.int64(3)] = key
            switch row.string(2) {
            case Role.volunteer.rawValue: keys.volunteer[activity, default: .zero] += key
            case Role.staff.rawValue: keys.staff[activity, default: .zero] += key
            default:
                keys.visits[activity, default: .zero] += key
                keys.weekly[activity, default: [:]][ISOWeek(containing: LocalDate(dayNumber: day)).description, default: .zero] += key
                keys.gathering[activity, default: [:]][day, default: .zero] += key
            }
        }
        return keys
    }

    /// The document with a key beside every people count, for `ExportProtection.cellKey`.
    func withCellKeys(_ document: ExportDocument, keys: ExportCellKeys, activities: [ExportActivity],
                      people: [Int64: ExportPeople], gatherings: [Gathering], genders: [String], bands: [String]) -> ExportDocument {
        var document = document
        for (s, section) in document.sections.enumerated() {
            let cells: [[CellKey]] = activities.map { a in
                let p = people[a.id]
                switch section.id {
                case "activities": return [.zero, .zero, keys.visits[a.id] ?? .zero, keys.people(p?.unique), keys.people(p?.new)]
                case "gender": return genders.map { keys.people(p?.gender[$0]) }
                case "age": return bands.map { keys.people(p?.age[$0]) }
                case "staff": return [keys.volunteer[a.id] ?? .zero, keys.staff[a.id] ?? .zero]
                default: return section.table.columnLabels.map { _ in .zero }
                }
            }
            document.sections[s].table.cellKeys = cells
        }
        document.gatherings = zip(gatherings, document.gatherings ?? []).map { gathering, row in
            var row = row
            let day = (try? LocalDate.parse(row.date))?.dayNumber ?? 0
            row.participantsKey = keys.gathering[gathering.activityID]?[day] ?? .zero
            return row
        }
        document.weeklyVisits = zip(activities, document.weeklyVisits).map { activity, series in
            var series = series
            series.points = series.points.map { point in
                var point = point
                point.key = keys.weekly[activity.id]?[point.week] ?? .zero
                return point
            }
            return series
        }
        return document
    }
}
