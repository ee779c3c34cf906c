// Folded history: before retention deletes a period's per-person rows it keeps what every report
// (each filter, role set and --by) and the export showed for that period; afterwards those read
// the snapshot. Before `historyStart` only snapshots and the anonymous day totals remain.

import FoundationEssentials

extension Store {
    /// The first local day whose per-person rows retention has kept (nil: nothing deleted yet).
    /// Databases folded before this was recorded derive it from their newest folded half-year.
    public func historyStart() throws -> LocalDate? {
        if let day = try db.queryOne("SELECT value FROM meta WHERE key = 'history_starts'").flatMap({ Int($0.string(0)) }) {
            return LocalDate(dayNumber: day)
        }
        let halves = try db.query("SELECT period FROM folded_periods WHERE period GLOB '[0-9][0-9][0-9][0-9]-H[12]'").compactMap { try? Period.parse($0.string(0)) }
        guard let newest = halves.max(by: { $0.lastDay < $1.lastDay }) else { return nil }
        return ISOWeek(containing: newest.lastDay.adding(days: 1)).monday
    }

    /// Whether `first...last` reaches into deleted history that had visits (so per-person figures over it are gone).
    func reachesFoldedHistory(_ first: LocalDate, _ last: LocalDate) throws -> Bool {
        guard let start = try historyStart(), first < start else { return false }
        return try db.queryOne("SELECT 1 FROM day_totals WHERE local_day BETWEEN ?1 AND ?2 LIMIT 1",
                               first.dayNumber, min(last.dayNumber, start.dayNumber - 1)) != nil
    }

    /// Refuses per-person figures for a period that is not folded but reaches into deleted history.
    func requirePerPersonRows(_ period: Period, what: String) throws {
        guard try reachesFoldedHistory(period.firstDay, period.lastDay) else { return }
        let start = try historyStart().map(\.description) ?? "?"
        throw StoreError.foldedPeriod("\(what) for \(period.label) not available for folded periods: retention kept per-person rows only from \(start) on "
            + "and folded whole ISO weeks, months and half-years before that; ask for one of those (e.g. --week \(ISOWeek(containing: period.firstDay)))")
    }

    /// The normal form of a report's filters: the key of its snapshot. An activity keeps the venue it
    /// was asked with (none: wherever it was recorded), since a reader may record another venue's
    /// activity and a check-in's venue is its reader's.
    func foldedScope(_ filter: ReportFilter, roles: Set<Role>) -> String {
        // The activity's own organizer: `ReportFilter` refuses another one.
        foldedScopeKey(roles: roles, venueID: filter.venueID, activityID: filter.activityID,
                       organizer: filter.activityID == nil ? filter.organizer : nil)
    }

    private func foldedScopeKey(roles: Set<Role>, venueID: Int64?, activityID: Int64?, organizer: String?) -> String {
        "roles=\(roles.map(\.rawValue).sorted().joined(separator: ","));venue=\(venueID ?? 0);activity=\(activityID ?? 0);organizer=\(organizer ?? "")"
    }

    /// Where an activity without a venue was kept before session 11: under its own venue, counting
    /// only what that venue's readers recorded (right for every activity no other venue records).
    private func legacyFoldedScope(_ filter: ReportFilter, roles: Set<Role>) throws -> String? {
        guard filter.venueID == nil, let activity = filter.activityID,
              let venue = try db.queryOne("SELECT venue_id FROM activities WHERE id = ?1", activity)?.int64(0) else { return nil }
        return foldedScopeKey(roles: roles, venueID: venue, activityID: activity, organizer: nil)
    }

    /// The snapshot for a folded period and these filters; nil when the period has none (not folded,
    /// or folded by an older Närvaro, which kept only `period_totals`).
    func foldedReport(_ request: ReportRequest, filter: ReportFilter) throws -> FoldedReport? {
        guard case .range = request.period else {
            if case .day = request.period { return nil }
            let label = request.period.label
            guard try db.queryOne("SELECT 1 FROM folded_reports WHERE period = ?1 LIMIT 1", label) != nil else { return nil }
            var body = try db.queryOne("SELECT body FROM folded_reports WHERE period = ?1 AND scope = ?2", label,
                                       foldedScope(filter, roles: request.roles))?.string(0)
            if body == nil, let legacy = try legacyFoldedScope(filter, roles: request.roles) {
                body = try db.queryOne("SELECT body FROM folded_reports WHERE period = ?1 AND scope = ?2", label, legacy)?.string(0)
            }
            guard let body else { return .empty }
            return try JSONDecoder().decode(FoldedReport.self, from: Data(body.utf8))
        }
        return nil
    }

    /// Every report of `period` under every filter that had visits in its window, and the export's
    /// per-activity figures, as rows to write. Computed for all periods before any is written, since
    /// reports read a period's snapshot as soon as it has one.
    /// `firstRecorded`: `activitiesFirstRecorded()`, read once for every period folded together.
    func foldedSnapshot(_ period: Period, firstRecorded: [Int64: [Int64: Int]]) throws -> FoldedSnapshot {
        var snapshot = FoldedSnapshot(period: period.label)
        // What a report of the period reads: from the previous period or the 4 weeks before, to the
        // end of the ISO week holding its last day (the trailing average's last week).
        let windowStart = min(period.previous.firstDay, period.firstDay.adding(days: -28), ISOWeek(containing: period.lastDay).monday.adding(days: -21))
        let windowEnd = max(period.lastDay, ISOWeek(containing: period.lastDay).sunday)
        let venues = try db.query("SELECT id, slug FROM venues").map { (id: $0.int64(0), slug: $0.string(1)) }
        let activities = try db.query("SELECT a.id, a.slug, ve.slug, a.venue_id, a.organizer FROM activities a JOIN venues ve ON ve.id = a.venue_id").map {
            (id: $0.int64(0), name: "\($0.string(2))/\($0.string(1))", venue: $0.string(2), venueID: $0.int64(3), organizer: $0.optionalString(4))
        }
        let organizers = Set(activities.compactMap(\.organizer)).sorted()
        /// `alsoWithoutVenue`: this activity's report at its own venue is also its report without a
        /// venue (nothing of it recorded elsewhere); computed with the venue, SQLite's faster plan.
        struct Scope { var venue: String?; var activity: String?; var organizer: String?; var where_: String; var alsoWithoutVenue = false }
        var scopes = [Scope(venue: nil, activity: nil, organizer: nil, where_: "1")]
        scopes += venues.map { Scope(venue: $0.slug, activity: nil, organizer: nil, where_: "t.venue_id = \($0.id)") }
        for activity in activities {
            // Wherever it was recorded; then at each venue that recorded it, computed again only when
            // another venue's readers recorded it too, ever before the window's end (else that report
            // is the same, kept twice: the trailing average counts weeks from the first check-in).
            let recordedAt = (firstRecorded[activity.id] ?? [:]).filter { $0.value <= windowEnd.dayNumber }.keys.sorted()
            let everywhere = "t.activity_id = \(activity.id)"
            if recordedAt.allSatisfy({ $0 == activity.venueID }) {
                scopes.append(Scope(venue: activity.venue, activity: activity.name, organizer: nil, where_: everywhere, alsoWithoutVenue: true))
                continue
            }
            scopes.append(Scope(venue: nil, activity: activity.name, organizer: nil, where_: everywhere))
            for venue in venues where recordedAt.contains(venue.id) {
                scopes.append(Scope(venue: venue.slug, activity: activity.name, organizer: nil, where_: "t.venue_id = \(venue.id) AND \(everywhere)"))
            }
        }
        for organizer in organizers {
            let ids = activities.filter { $0.organizer == organizer }.map { String($0.id) }.joined(separator: ",")
            scopes.append(Scope(venue: nil, activity: nil, organizer: organizer, where_: "t.activity_id IN (\(ids))"))
            scopes += venues.map { Scope(venue: $0.slug, activity: nil, organizer: organizer, where_: "t.venue_id = \($0.id) AND t.activity_id IN (\(ids))") }
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        for (index, scope) in scopes.enumerated() {
            let visited = try db.queryOne("SELECT 1 FROM day_totals t WHERE t.local_day BETWEEN ?1 AND ?2 AND \(scope.where_) LIMIT 1",
                                          windowStart.dayNumber, windowEnd.dayNumber) != nil
            guard visited || index == 0 else { continue }
            for roles in foldedRoleSets {
                let request = ReportRequest(period: period, venue: scope.venue, activity: scope.activity, organizer: scope.organizer, roles: roles)
                let live = try attendance(request)
                var breakdowns: [String: [FoldedReport.Line]] = [:]
                for (by, rows) in try self.breakdowns(request, by: Breakdown.allCases) {
                    breakdowns[by.rawValue] = rows.map { FoldedReport.Line(label: $0.label, figures: $0.figures) }
                }
                let report = FoldedReport(rows: live.rows.map { .init(venue: $0.venue, activity: $0.activity, activityName: $0.activityName, organizer: $0.organizer, figures: $0.figures) },
                                            total: live.total, breakdowns: breakdowns, trends: try trends(request))
                let body = String(decoding: try encoder.encode(report), as: UTF8.self)
                snapshot.reports.append((foldedScope(try ReportFilter(store: self, request: request), roles: roles), body))
                if scope.alsoWithoutVenue {
                    var everywhere = request
                    everywhere.venue = nil
                    snapshot.reports.append((foldedScope(try ReportFilter(store: self, request: everywhere), roles: roles), body))
                }
            }
        }
        snapshot.exports = try foldedExportRows(period, encoder: encoder)
        return snapshot
    }

    func write(_ snapshot: FoldedSnapshot) throws {
        for (scope, body) in snapshot.reports {
            try db.run("INSERT OR REPLACE INTO folded_reports(period, scope, body) VALUES (?1, ?2, ?3)", snapshot.period, scope, body)
        }
        for (activity, body) in snapshot.exports {
            try db.run("INSERT OR REPLACE INTO folded_exports(period, activity_id, body) VALUES (?1, ?2, ?3)", snapshot.period, activity, body)
        }
    }

    /// The export's per-person figures for each activity of the period, and its gatherings in both languages.
    private func foldedExportRows(_ period: Period, encoder: JSONEncoder) throws -> [(Int64, String)] {
        let request = ReportRequest(period: period, roles: [.participant])
        let filter = try ReportFilter(store: self, request: request)
        let bands = try ageBands()
        let activities = try exportActivities(filter: filter)
        let people = try exportPeople(filter: filter, activities: activities, bands: bands, period: period)
        let everyone = try ReportFilter(store: self, request: ReportRequest(period: period, roles: Set(Role.allCases)))
        let gatherings = try foldedGatherings(period, filter: everyone, activities: activities, bands: bands)
        // Activities recorded at a venue not their own: each recording venue's figures too.
        let recordedAt = try venuesRecording(from: period.firstDay, through: period.lastDay)
        var rows: [(Int64, String)] = [(0, "{}")]
        for activity in activities {
            var body = Self.foldedExportActivity(people[activity.id], gatherings: gatherings[activity.id])
            let venues = recordedAt[activity.id] ?? []
            if venues.contains(where: { $0 != activity.venueID }) {
                var atVenue: [String: FoldedExportActivity] = [:]
                for venue in venues {
                    let slug = try self.venue(id: venue).slug
                    let here = try ReportFilter(store: self, request: ReportRequest(period: period, venue: slug, roles: [.participant]))
                    let everyoneHere = try ReportFilter(store: self, request: ReportRequest(period: period, venue: slug, roles: Set(Role.allCases)))
                    atVenue[String(venue)] = Self.foldedExportActivity(
                        try exportPeople(filter: here, activities: [activity], bands: bands, period: period)[activity.id],
                        gatherings: try foldedGatherings(period, filter: everyoneHere, activities: [activity], bands: bands)[activity.id])
                }
                body.atVenue = atVenue
            }
            rows.append((activity.id, String(decoding: try encoder.encode(body), as: UTF8.self)))
        }
        return rows
    }

    /// The first day each venue's readers recorded each activity: activity → venue → local day.
    func activitiesFirstRecorded() throws -> [Int64: [Int64: Int]] {
        var first: [Int64: [Int64: Int]] = [:]
        for row in try db.query("SELECT activity_id, venue_id, min(local_day) FROM day_totals GROUP BY activity_id, venue_id") {
            first[row.int64(0), default: [:]][row.int64(1)] = row.int(2)
        }
        return first
    }

    /// The venues whose readers recorded each activity between `first` and `last`.
    private func venuesRecording(from first: LocalDate, through last: LocalDate) throws -> [Int64: [Int64]] {
        var venues: [Int64: [Int64]] = [:]
        for row in try db.query("SELECT DISTINCT activity_id, venue_id FROM day_totals WHERE local_day BETWEEN ?1 AND ?2",
                                first.dayNumber, last.dayNumber) {
            venues[row.int64(0), default: []].append(row.int64(1))
        }
        return venues
    }

    private static func foldedExportActivity(_ people: ExportPeople?, gatherings: [String: [FoldedGathering]]?) -> FoldedExportActivity {
        let figures = people ?? ExportPeople()
        return FoldedExportActivity(unique: figures.unique.count, new: figures.new.count, gender: figures.gender.mapValues(\.count),
                                    age: figures.age.mapValues(\.count), gatherings: gatherings ?? [:])
    }

    /// The gatherings of `activities` under `filter`, per activity and language.
    private func foldedGatherings(_ period: Period, filter: ReportFilter, activities: [ExportActivity], bands: AgeBands) throws -> [Int64: [String: [FoldedGathering]]] {
        var gatherings: [Int64: [String: [FoldedGathering]]] = [:]
        for language in [Lang.sv, .en] {
            let exportRequest = ExportRequest(period: period, exportedBy: "", exportedAt: "", language: language)
            for gathering in try self.gatherings(request: exportRequest, filter: filter, activities: activities, bands: bands) {
                gatherings[gathering.activityID, default: [:]][language.rawValue, default: []].append(FoldedGathering(gathering.row))
            }
        }
        return gatherings
    }

    /// The export snapshot of a folded period, per activity; nil when the period has none.
    func foldedExport(_ period: Period) throws -> [Int64: FoldedExportActivity]? {
        if case .day = period { return nil }
        if case .range = period { return nil }
        let rows = try db.query("SELECT activity_id, body FROM folded_exports WHERE period = ?1", period.label)
        guard !rows.isEmpty else { return nil }
        var result: [Int64: FoldedExportActivity] = [:]
        for row in rows where row.int64(0) != 0 {
            result[row.int64(0)] = try JSONDecoder().decode(FoldedExportActivity.self, from: Data(row.string(1).utf8))
        }
        return result
    }
}
