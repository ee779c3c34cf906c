// The gatherings of a period read from the visit rows and judged against each activity's grant
// rules; the Gathering type and its texts live in Export/Gatherings.swift.

extension Store {
    func gatherings(request: ExportRequest, filter: ReportFilter, activities: [ExportActivity], bands: AgeBands) throws -> [Gathering] {
        struct Day: Hashable { var activity: Int64; var day: Int }
        var participants: [Day: Int] = [:], eligible: [Day: Int] = [:], leaders: Set<Day> = []
        let byID = Dictionary(uniqueKeysWithValues: activities.map { ($0.id, $0) })
        for row in try db.query("""
            SELECT v.activity_id, v.local_day, p.role, p.birth_year
            FROM visits v JOIN visitors p ON p.id = v.visitor_id JOIN activities a ON a.id = v.activity_id
            WHERE \(filter.whereClause(role: "p.role"))
            """, named: filter.parameters) {
            guard let activity = byID[row.int64(0)] else { continue }
            let key = Day(activity: activity.id, day: row.int(1))
            if row.string(2) != Role.participant.rawValue {
                leaders.insert(key)
                continue
            }
            participants[key, default: 0] += 1
            let age = row.optionalInt(3).map { LocalDate(dayNumber: key.day).year - $0 }
            let inRange = activity.grant.minAge.map { low in age.map { $0 >= low } ?? false } ?? true
                && activity.grant.maxAge.map { high in age.map { $0 <= high } ?? false } ?? true
            if inRange { eligible[key, default: 0] += 1 }
        }
        let text = GatheringText(request.language)
        var result: [Gathering] = []
        var clocks: [Int64: VenueClock] = [:]
        for key in Set(participants.keys).union(leaders).sorted(by: { ($0.activity, $0.day) < ($1.activity, $1.day) }) {
            guard let activity = byID[key.activity] else { continue }
            let venue = try self.venue(id: activity.venueID)
            let clock = try clocks[venue.id] ?? VenueClock(identifier: venue.timeZone)
            clocks[venue.id] = clock
            let date = LocalDate(dayNumber: key.day)
            let occurrence = try slots(activityID: activity.id).compactMap { $0.timing.occurrence(on: date, clock: clock) }.first
            let start = occurrence.map { clock.minuteOfDay(of: $0.start) }
            var reasons: [String] = []
            let rules = activity.grant
            if let minimum = rules.minParticipants, eligible[key, default: 0] < minimum {
                reasons.append(rules.minAge != nil || rules.maxAge != nil ? text.tooFewInAgeRange(minimum, rules.minAge, rules.maxAge) : text.tooFew(minimum))
            }
            if let minutes = rules.minMinutes {
                if let occurrence {
                    let length = Int((occurrence.end.microseconds - occurrence.start.microseconds) / 60_000_000)
                    if length < minutes { reasons.append(text.tooShort(minutes)) }
                } else {
                    reasons.append(text.notScheduled)
                }
            }
            if rules.leaderRequired, !leaders.contains(key) { reasons.append(text.noLeader) }
            let startText = start.map { "\($0 / 60 < 10 ? "0" : "")\($0 / 60):\($0 % 60 < 10 ? "0" : "")\($0 % 60)" } ?? ""
            result.append(Gathering(activityID: activity.id, row: GatheringRow(
                venue: venue.name, activity: activity.name, date: date.description, start: startText,
                participants: participants[key, default: 0], qualifies: reasons.isEmpty, reasons: rules.isEmpty ? [text.noRules] : reasons)))
        }
        return result
    }
}
