// `narvaro report --by`: the queries behind a breakdown (visits from day_totals, unique and new
// visitors from the period's visit rows); the types live in Statistics/ReportBreakdown.swift.

extension Store {
    public func breakdown(_ request: ReportRequest, by breakdown: Breakdown) throws -> [BreakdownRow] {
        try breakdowns(request, by: [breakdown])[breakdown] ?? []
    }

    /// Several breakdowns of one request from one pass over its rows (retention snapshots all six).
    func breakdowns(_ request: ReportRequest, by kinds: [Breakdown]) throws -> [Breakdown: [BreakdownRow]] {
        let filter = try ReportFilter(store: self, request: request)
        if let folded = try foldedReport(request, filter: filter) {
            return Dictionary(uniqueKeysWithValues: kinds.map { kind in
                (kind, (folded.breakdowns[kind.rawValue] ?? []).map { BreakdownRow(label: $0.label, figures: $0.figures) })
            })
        }
        try requirePerPersonRows(request.period, what: "unique and new visitors by \(kinds.map(\.rawValue).joined(separator: ", "))")
        let bands = try ageBands()
        let names = Dictionary(uniqueKeysWithValues: try db.query("SELECT a.id, ve.slug || '/' || a.slug FROM activities a JOIN venues ve ON ve.id = a.venue_id").map {
            ($0.int64(0), $0.string(1))
        })
        func label(_ breakdown: Breakdown, activity: Int64, day: Int, role: String, gender: String, band: String) -> String {
            switch breakdown {
            case .activity: return names[activity] ?? "#\(activity)"
            case .day: return LocalDate(dayNumber: day).description
            case .week: return ISOWeek(containing: LocalDate(dayNumber: day)).description
            case .gender: return gender
            case .age: return band
            case .role: return role
            }
        }
        var visits: [Breakdown: [String: Int]] = [:]
        for row in try db.query("""
            SELECT v.activity_id, v.local_day, v.role, v.gender, v.age_band, sum(v.visits)
            FROM day_totals v JOIN activities a ON a.id = v.activity_id
            WHERE \(filter.whereClause(role: "v.role"))
            GROUP BY v.activity_id, v.local_day, v.role, v.gender, v.age_band
            """, named: filter.parameters) {
            for kind in kinds {
                visits[kind, default: [:]][label(kind, activity: row.int64(0), day: row.int(1), role: row.string(2), gender: row.string(3), band: row.string(4)), default: 0] += row.int(5)
            }
        }
        var unique: [Breakdown: [String: Set<Int64>]] = [:]
        var new: [Breakdown: [String: Set<Int64>]] = [:]
        for row in try db.query("""
            SELECT v.activity_id, v.local_day, p.role, p.gender, p.birth_year, v.visitor_id, coalesce(f.first_day BETWEEN :first_day AND :last_day, 0)
            FROM visits v JOIN visitors p ON p.id = v.visitor_id JOIN activities a ON a.id = v.activity_id
            LEFT JOIN first_visits f ON f.visitor_id = v.visitor_id AND f.venue_id = v.venue_id
            WHERE \(filter.whereClause(role: "p.role"))
            """, named: filter.parameters) {
            let day = row.int(1)
            let band = bands.label(birthYear: row.optionalInt(4), in: LocalDate(dayNumber: day).year)
            for kind in kinds {
                let key = label(kind, activity: row.int64(0), day: day, role: row.string(2), gender: row.string(3), band: band)
                unique[kind, default: [:]][key, default: []].insert(row.int64(5))
                if row.bool(6) { new[kind, default: [:]][key, default: []].insert(row.int64(5)) }
            }
        }
        var result: [Breakdown: [BreakdownRow]] = [:]
        for kind in kinds {
            let visits = visits[kind] ?? [:], unique = unique[kind] ?? [:], new = new[kind] ?? [:]
            let order: [String]
            switch kind {
            case .gender: order = Gender.allCases.map(\.rawValue)
            case .role: order = Role.allCases.map(\.rawValue)
            case .age: order = bands.labels
            default: order = Set(visits.keys).union(unique.keys).sorted()
            }
            result[kind] = order.filter { visits[$0] != nil || unique[$0] != nil }.map {
                BreakdownRow(label: $0, figures: AttendanceFigures(visits: visits[$0] ?? 0, uniqueVisitors: unique[$0]?.count ?? 0, newVisitors: new[$0]?.count ?? 0))
            }
        }
        return result
    }
}
