// Schedule slots: weekly recurring and one-off, stored in local wall-clock minutes.

extension Store {
    static let slotColumns = "id, activity_id, weekday, on_day, start_minute, end_minute, valid_from, valid_until"

    static func slot(_ row: Row) -> ScheduleSlot? {
        let start = row.int(4), end = row.int(5)
        if let weekdayNumber = row.optionalInt(2), let weekday = Weekday(rawValue: weekdayNumber) {
            return ScheduleSlot(id: row.int64(0), activityID: row.int64(1),
                                 timing: .weekly(weekday, start: start, end: end,
                                                 from: row.optionalInt(6).map { LocalDate(dayNumber: $0) },
                                                 until: row.optionalInt(7).map { LocalDate(dayNumber: $0) }))
        }
        if let day = row.optionalInt(3) {
            return ScheduleSlot(id: row.int64(0), activityID: row.int64(1), timing: .once(LocalDate(dayNumber: day), start: start, end: end))
        }
        return nil
    }

    @discardableResult
    public func addSlot(activity: Activity, timing: SlotTiming) throws -> ScheduleSlot {
        try requireInUse(activity)
        switch timing {
        case .weekly(let weekday, let start, let end, let from, let until):
            try db.run("INSERT INTO schedule_slots(activity_id, weekday, start_minute, end_minute, valid_from, valid_until) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                       activity.id, weekday.rawValue, start, end, from?.dayNumber, until?.dayNumber)
        case .once(let date, let start, let end):
            try db.run("INSERT INTO schedule_slots(activity_id, on_day, start_minute, end_minute) VALUES (?1, ?2, ?3, ?4)",
                       activity.id, date.dayNumber, start, end)
        }
        return ScheduleSlot(id: db.lastInsertRowID, activityID: activity.id, timing: timing)
    }

    /// Every slot of every (non-archived) activity at a venue.
    public func slots(venueID: Int64) throws -> [ScheduleSlot] {
        try db.query("""
            SELECT s.id, s.activity_id, s.weekday, s.on_day, s.start_minute, s.end_minute, s.valid_from, s.valid_until
            FROM schedule_slots s JOIN activities a ON a.id = s.activity_id
            WHERE a.venue_id = ?1 AND a.archived = 0 ORDER BY s.id
            """, venueID).compactMap(Self.slot)
    }

    public func slots(activityID: Int64) throws -> [ScheduleSlot] {
        try db.query("SELECT \(Self.slotColumns) FROM schedule_slots WHERE activity_id = ?1 ORDER BY id", activityID).compactMap(Self.slot)
    }

    public func removeSlot(id: Int64) throws {
        guard try db.run("DELETE FROM schedule_slots WHERE id = ?1", id) == 1 else {
            throw StoreError.notFound(kind: "schedule slot", name: "#\(id)", hint: "check `narvaro schedule list`")
        }
    }
}
