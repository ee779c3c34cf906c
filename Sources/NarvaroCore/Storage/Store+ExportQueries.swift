// The export's queries over the period's statistics rows (per venue × activity visits, people,
// staff and volunteers, weekly visits); the request and document types live in Export/.

extension Store {
    public func exportDocument(_ request: ExportRequest) throws -> ExportDocument {
        let report = ReportRequest(period: request.period, venue: request.venue, organizer: request.organizer, roles: [.participant])
        let filter = try ReportFilter(store: self, request: report)
        let bands = try ageBands()
        if request.protection == .cellKey {
            try requirePerPersonRows(request.period, what: "the persons' keys for --protect cell-key")
        }
        let activities = try exportActivities(filter: filter)
        let rowLabels = activities.map(\.label)
        let index = Dictionary(uniqueKeysWithValues: activities.enumerated().map { ($0.element.id, $0.offset) })
        var gatherings = try self.gatherings(request: request, filter: ReportFilter(store: self, request: ReportRequest(
            period: request.period, venue: request.venue, organizer: request.organizer, roles: Set(Role.allCases))), activities: activities, bands: bands)

        // Per activity: visits from the anonymous day totals; unique, new, gender and age from the visit rows.
        var visits = Array(repeating: 0, count: activities.count)
        var weekly: [Int: [String: Int]] = [:]
        for row in try db.query("""
            SELECT v.activity_id, v.local_day, sum(v.visits) FROM day_totals v JOIN activities a ON a.id = v.activity_id
            WHERE \(filter.whereClause(role: "v.role")) GROUP BY v.activity_id, v.local_day
            """, named: filter.parameters) {
            guard let i = index[row.int64(0)] else { continue }
            visits[i] += row.int(2)
            weekly[i, default: [:]][ISOWeek(containing: LocalDate(dayNumber: row.int(1))).description, default: 0] += row.int(2)
        }
        // Unique, new, gender and age: from the visit rows, or for a folded period from retention's snapshot.
        var people = Array(repeating: 0, count: activities.count), newPeople = people
        var byGender = Array(repeating: [String: Int](), count: activities.count), byAge = byGender
        var live: [Int64: ExportPeople] = [:]
        if let stored = try foldedExport(request.period) {
            // An export of one venue shows what that venue recorded of an activity others recorded too.
            let folded = stored.mapValues { all in filter.venueID.flatMap { all.atVenue?[String($0)] } ?? all }
            for (i, activity) in activities.enumerated() {
                guard let figures = folded[activity.id] else { continue }
                (people[i], newPeople[i], byGender[i], byAge[i]) = (figures.unique, figures.new, figures.gender, figures.age)
            }
            gatherings = activities.flatMap { activity in
                (folded[activity.id]?.gatherings[request.language.rawValue] ?? []).map { Gathering(activityID: activity.id, row: $0.row) }
            }.sorted { ($0.activityID, $0.row.date) < ($1.activityID, $1.row.date) }
        } else {
            try requirePerPersonRows(request.period, what: "the export's unique and new visitors, gender, age and gatherings")
            live = try exportPeople(filter: filter, activities: activities, bands: bands, period: request.period)
            for (i, activity) in activities.enumerated() {
                guard let figures = live[activity.id] else { continue }
                (people[i], newPeople[i]) = (figures.unique.count, figures.new.count)
                (byGender[i], byAge[i]) = (figures.gender.mapValues(\.count), figures.age.mapValues(\.count))
            }
        }
        var staffVisits = Array(repeating: [0, 0], count: activities.count)
        var staffFilter = report
        staffFilter.roles = [.volunteer, .staff]
        for row in try db.query("""
            SELECT v.activity_id, v.role, sum(v.visits) FROM day_totals v JOIN activities a ON a.id = v.activity_id
            WHERE \(filter.whereClause(role: "v.role")) GROUP BY v.activity_id, v.role
            """, named: try ReportFilter(store: self, request: staffFilter).parameters) {
            guard let i = index[row.int64(0)] else { continue }
            staffVisits[i][row.string(1) == Role.volunteer.rawValue ? 0 : 1] += row.int(2)
        }

        // What the published list lets a reader infer (GatheringFloors): its row, and its least participants.
        for (g, gathering) in gatherings.enumerated() {
            guard let i = index[gathering.activityID] else { continue }
            gatherings[g].row.place(inTableRow: i, grantMinimum: activities[i].grant.minParticipants)
        }
        let held = activities.map { a in gatherings.filter { $0.activityID == a.id }.count }
        let qualifying = activities.map { a in gatherings.filter { $0.activityID == a.id && $0.row.qualifies }.count }
        let genders = Gender.allCases.map(\.exportKey)
        let sections = [
            ExportSection(id: "activities", title: "Activities", table: CountTable(
                rowLabels: rowLabels, columnLabels: ["gatherings", "qualifying", "visits", "unique", "new"],
                cells: activities.indices.map { [held[$0], qualifying[$0], visits[$0], people[$0], newPeople[$0]] }, margins: .none,
                gatheringColumns: [0, 1])),
            ExportSection(id: "gender", title: "Gender", table: CountTable(
                rowLabels: rowLabels, columnLabels: genders, cells: activities.indices.map { i in genders.map { byGender[i][$0] ?? 0 } })),
            ExportSection(id: "age", title: "Age group", table: CountTable(
                rowLabels: rowLabels, columnLabels: bands.labels, cells: activities.indices.map { i in bands.labels.map { byAge[i][$0] ?? 0 } })),
            ExportSection(id: "staff", title: "Staff and volunteers", table: CountTable(
                rowLabels: rowLabels, columnLabels: ["volunteer", "staff"], cells: staffVisits)),
        ]
        let weeks = (request.period.firstDay.dayNumber...request.period.lastDay.dayNumber).map {
            ISOWeek(containing: LocalDate(dayNumber: $0)).description
        }.reduce(into: [String]()) { if $0.last != $1 { $0.append($1) } }
        let series = activities.indices.map { i in
            WeeklySeries(activity: rowLabels[i], points: weeks.map { WeeklyPoint(week: $0, visits: weekly[i]?[$0] ?? 0) })
        }
        let header = ExportHeader(exportedBy: request.exportedBy, exportedAt: request.exportedAt, period: request.period.label,
                                  periodFirstDay: request.period.firstDay.description, periodLastDay: request.period.lastDay.description,
                                  venue: request.venue, organizer: request.organizer, minCell: request.minCell, protection: request.protection)
        let document = ExportDocument(header: header, sections: sections, gatherings: gatherings.map(\.row), weeklyVisits: series)
        guard request.protection == .cellKey else { return document }
        return withCellKeys(document, keys: try exportCellKeys(filter: filter), activities: activities, people: live,
                            gatherings: gatherings, genders: genders, bands: bands.labels)
    }

    /// Participants' unique and new visitors per activity, split by gender and age band (of the period's last year).
    struct ExportPeople {
        var unique = Set<Int64>(), new = Set<Int64>()
        var gender: [String: Set<Int64>] = [:], age: [String: Set<Int64>] = [:]
    }

    func exportPeople(filter: ReportFilter, activities: [ExportActivity], bands: AgeBands, period: Period) throws -> [Int64: ExportPeople] {
        let wanted = Set(activities.map(\.id))
        var result: [Int64: ExportPeople] = [:]
        for row in try db.query("""
            SELECT v.activity_id, v.visitor_id, p.gender, p.birth_year, coalesce(f.first_day BETWEEN :first_day AND :last_day, 0)
            FROM visits v JOIN visitors p ON p.id = v.visitor_id JOIN activities a ON a.id = v.activity_id
            LEFT JOIN first_visits f ON f.visitor_id = v.visitor_id AND f.venue_id = v.venue_id
            WHERE \(filter.whereClause(role: "p.role"))
            """, named: filter.parameters) {
            let activity = row.int64(0), visitor = row.int64(1)
            guard wanted.contains(activity) else { continue }
            result[activity, default: ExportPeople()].unique.insert(visitor)
            if row.bool(4) { result[activity, default: ExportPeople()].new.insert(visitor) }
            result[activity, default: ExportPeople()].gender[try row.stored(2, as: Gender.self, column: "visitors.gender").exportKey, default: []].insert(visitor)
            result[activity, default: ExportPeople()].age[bands.label(birthYear: row.optionalInt(3), in: period.lastDay.year), default: []].insert(visitor)
        }
        return result
    }

    struct ExportActivity {
        var id: Int64
        var venueID: Int64
        var label: String
        var name: String
        var grant: GrantRules
    }

    /// The activities that had visits in the period, as `Venue – Activity (Organiser)`.
    func exportActivities(filter: ReportFilter) throws -> [ExportActivity] {
        try db.query("""
            SELECT DISTINCT a.id FROM day_totals v JOIN activities a ON a.id = v.activity_id
            WHERE \(filter.whereClause(role: "v.role")) ORDER BY a.venue_id, a.slug
            """, named: filter.parameters(adding: [":roles": .text(",participant,staff,volunteer,")])).map { row in
            let activity = try self.activity(id: row.int64(0))
            let venue = try self.venue(id: activity.venueID)
            return ExportActivity(id: activity.id, venueID: venue.id,
                                  label: "\(venue.name) – \(activity.name)" + (activity.organizer.map { " (\($0))" } ?? ""),
                                  name: activity.name, grant: activity.grant)
        }
    }
}
