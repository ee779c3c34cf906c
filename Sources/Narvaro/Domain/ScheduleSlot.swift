// Schedule slots in a venue's local wall-clock time: weekly (`tue 15:00-18:00`, optionally
// bounded by dates) and one-off (`2026-12-05 10:00-16:00`). A slot past midnight is written with
// `+1` (`fri 22:00-02:00+1`); on a DST-change day a slot is an hour longer or shorter in real time.

public enum SlotTiming: Hashable, Sendable, CustomStringConvertible {
    /// `start` and `end` are minutes after local midnight; `end` may pass 1440 (the next day).
    case weekly(Weekday, start: Int, end: Int, from: LocalDate?, until: LocalDate?)
    case once(LocalDate, start: Int, end: Int)

    public var description: String {
        switch self {
        case .weekly(let day, let start, let end, let from, let until):
            var text = "\(day.shortName) \(ScheduleSlot.rangeText(start, end))"
            if let from { text += " from \(from)" }
            if let until { text += " until \(until)" }
            return text
        case .once(let date, let start, let end):
            return "\(date) \(ScheduleSlot.rangeText(start, end))"
        }
    }

    /// The occurrence running at `t` (start inclusive, end exclusive), if any.
    public func occurrence(containing t: EventTime, clock: VenueClock) -> SlotOccurrence? {
        let today = clock.localDate(of: t)
        // A slot that started yesterday may still run past midnight.
        for date in [today, today.adding(days: -1)] {
            if let occurrence = occurrence(on: date, clock: clock), occurrence.start <= t, t < occurrence.end {
                return occurrence
            }
        }
        return nil
    }

    /// The occurrence that starts on local `date`, if the slot runs that day.
    public func occurrence(on date: LocalDate, clock: VenueClock) -> SlotOccurrence? {
        switch self {
        case .weekly(let day, let start, let end, let from, let until):
            guard date.isoWeekday == day.rawValue, from.map({ $0 <= date }) ?? true, until.map({ date <= $0 }) ?? true else { return nil }
            return SlotOccurrence(date: date, start: clock.instant(of: date, minute: start), end: clock.instant(of: date, minute: end))
        case .once(let day, let start, let end):
            guard day == date else { return nil }
            return SlotOccurrence(date: date, start: clock.instant(of: date, minute: start), end: clock.instant(of: date, minute: end))
        }
    }

    /// Every occurrence starting on a local date in `from...through`.
    public func occurrences(from: LocalDate, through: LocalDate, clock: VenueClock) -> [SlotOccurrence] {
        guard from <= through else { return [] }
        return (from.dayNumber...through.dayNumber).compactMap { occurrence(on: LocalDate(dayNumber: $0), clock: clock) }
    }

    /// Scheduled length in wall-clock minutes.
    public var minutes: Int {
        switch self {
        case .weekly(_, let start, let end, _, _), .once(_, let start, let end): return end - start
        }
    }
}

/// One run of a slot: the local date it starts on and its real start and end instants.
public struct SlotOccurrence: Hashable, Sendable {
    public var date: LocalDate
    public var start: EventTime
    public var end: EventTime
}

public enum ScheduleSlot {
    /// `--weekly DAY HH:MM-HH:MM [--from DATE] [--until DATE]`.
    public static func parseWeekly(day: String, range: String, from: String?, until: String?) throws(TimeError) -> SlotTiming {
        let weekday = try Weekday.parse(day)
        let (start, end) = try parseRange(range)
        let fromDate = try from.map { (s: String) throws(TimeError) in try LocalDate.parse(s) }
        let untilDate = try until.map { (s: String) throws(TimeError) in try LocalDate.parse(s) }
        if let fromDate, let untilDate, untilDate < fromDate {
            throw .invalid("--until \(untilDate) is before --from \(fromDate): give the earlier date first")
        }
        return .weekly(weekday, start: start, end: end, from: fromDate, until: untilDate)
    }

    /// `--once DATE HH:MM-HH:MM`.
    public static func parseOnce(date: String, range: String) throws(TimeError) -> SlotTiming {
        let day = try LocalDate.parse(date)
        let (start, end) = try parseRange(range)
        return .once(day, start: start, end: end)
    }

    /// `HH:MM-HH:MM`, the end optionally `+1` (next day); 24:00 is allowed as an end.
    public static func parseRange(_ text: String) throws(TimeError) -> (Int, Int) {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 2 else { throw .invalid("'\(text)' is not a time range: write HH:MM-HH:MM, e.g. 15:00-18:00") }
        var endText = Substring(parts[1])
        let nextDay = endText.hasSuffix("+1")
        if nextDay { endText = endText.dropLast(2) }
        guard let start = minutes(parts[0], allowMidnightEnd: false), let endOfDay = minutes(endText, allowMidnightEnd: !nextDay) else {
            throw .invalid("'\(text)' is not a time range: write HH:MM-HH:MM with hours 00-23 and minutes 00-59")
        }
        let end = endOfDay + (nextDay ? 1440 : 0)
        guard end > start else {
            throw .invalid("\(text): the end is before the start; write e.g. 22:00-02:00+1 for a slot that runs past midnight")
        }
        guard end - start <= 1440 else { throw .invalid("\(text): a slot cannot be longer than 24 hours") }
        return (start, end)
    }

    private static func minutes(_ text: Substring, allowMidnightEnd: Bool) -> Int? {
        let hm = text.split(separator: ":", omittingEmptySubsequences: false)
        guard hm.count == 2, hm[0].count == 2, hm[1].count == 2,
              hm.allSatisfy({ $0.allSatisfy { $0.isASCII && $0.isNumber } }),
              let h = Int(hm[0]), let m = Int(hm[1]), (0...59).contains(m) else { return nil }
        if allowMidnightEnd, h == 24, m == 0 { return 1440 }
        return (0...23).contains(h) ? h * 60 + m : nil
    }

    static func rangeText(_ start: Int, _ end: Int) -> String {
        func hm(_ m: Int) -> String {
            let h = (m / 60) % 24 == 0 && m == 1440 ? 24 : (m / 60) % 24
            return "\(h < 10 ? "0" : "")\(h):\(m % 60 < 10 ? "0" : "")\(m % 60)"
        }
        return "\(hm(start))-\(hm(end))\(end > 1440 ? "+1" : "")"
    }
}
