// When an activity is on: a weekly recurring slot or a one-off session, in the venue's wall-clock
// time, and the real-time instants each occurrence covers (DST-correct, across midnight).

/// A slot of an activity's schedule, as stored: its number (`schedule remove`), its activity and its timing.
public struct ScheduleSlot: Hashable, Sendable {
    public var id: Int64
    public var activityID: Int64
    public var timing: SlotTiming
}

/// When a slot happens. Minutes count from local midnight of the day the slot starts; `end` may
/// exceed 1440 for a slot that runs past midnight (at most 24 hours after `start`).
public enum SlotTiming: Hashable, Sendable {
    /// Every `weekday`, on dates from `from` through `until` (either may be open).
    case weekly(Weekday, start: Int, end: Int, from: LocalDate?, until: LocalDate?)
    /// Once, on `date`.
    case once(LocalDate, start: Int, end: Int)
}

/// One occurrence of a slot in real time: `start` included, `end` excluded.
public struct SlotOccurrence: Hashable, Sendable {
    /// The local date on which the slot starts (the day before, for a swipe after midnight).
    public let date: LocalDate
    public let start: EventTime
    public let end: EventTime

    public init(date: LocalDate, start: EventTime, end: EventTime) {
        self.date = date
        self.start = start
        self.end = end
    }

    public func contains(_ t: EventTime) -> Bool { start <= t && t < end }
}

/// A slot's timing as the CLI writes it: `tue 15:00-18:00`, `2026-12-05 10:00-16:00`, `fri 22:00-02:00+1`.
extension SlotTiming: CustomStringConvertible {

    /// Reads `--weekly DAY HH:MM-HH:MM [--from DATE] [--until DATE]`.
    public static func parseWeekly(day: String, range: String, from: String?, until: String?) throws(TimeError) -> SlotTiming {
        let weekday = try Weekday.parse(day)
        let (start, end) = try parseTimeRange(range)
        let fromDate = try from.map { (text) throws(TimeError) in try LocalDate.parse(text) }
        let untilDate = try until.map { (text) throws(TimeError) in try LocalDate.parse(text) }
        if let fromDate, let untilDate, fromDate > untilDate {
            throw .invalid(input: "from \(fromDate) until \(untilDate)", reason: "the start is after the end; the slot would never happen")
        }
        return .weekly(weekday, start: start, end: end, from: fromDate, until: untilDate)
    }

    /// Reads `--once DATE HH:MM-HH:MM`.
    public static func parseOnce(date: String, range: String) throws(TimeError) -> SlotTiming {
        let day = try LocalDate.parse(date)
        let (start, end) = try parseTimeRange(range)
        return .once(day, start: start, end: end)
    }

    /// Reads `HH:MM-HH:MM` into minutes after midnight. The end must be later than the start, or
    /// carry `+1` for the next day (`22:00-02:00+1`); `24:00` is allowed as an end.
    public static func parseTimeRange(_ text: String) throws(TimeError) -> (start: Int, end: Int) {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 2 else {
            throw .notA(.timeRange, input: text, reason: "use HH:MM-HH:MM, e.g. 15:00-18:00")
        }
        var endText = parts[1]
        let nextDay = endText.hasSuffix("+1")
        if nextDay { endText = endText.dropLast(2) }
        let start = try minutes(parts[0], allowing24: false)
        let endOfDay = try minutes(endText, allowing24: !nextDay)
        let end = nextDay ? endOfDay + 1440 : endOfDay
        if end <= start {
            let reason = end == start ? "the slot is empty" : "the end is before the start"
            throw .invalid(input: text, reason: "\(reason); write 22:00-02:00+1 for a slot that runs past midnight")
        }
        if end - start > 1440 {
            throw .invalid(input: text, reason: "a slot can last at most 24 hours")
        }
        return (start, end)
    }

    /// A time of day, `HH:MM` from 00:00 to 23:59, as minutes after midnight (`checkins --since 2026-11-17T15:00`).
    public static func minuteOfDay(_ text: String) throws(TimeError) -> Int {
        try minutes(Substring(text), allowing24: false)
    }

    /// `HH:MM` (or `H:MM`) as minutes after midnight; `24:00` only when `allowing24`.
    static func minutes(_ text: Substring, allowing24: Bool) throws(TimeError) -> Int {
        let bytes = Array(text.utf8)
        guard let colon = bytes.firstIndex(of: UInt8(ascii: ":")), (1...2).contains(colon), bytes.count == colon + 3,
              let hour = LocalDate.decimal(bytes[..<colon]), let minute = LocalDate.decimal(bytes[(colon + 1)...]),
              minute < 60, hour < 24 || (allowing24 && hour == 24 && minute == 0)
        else {
            let limit = allowing24 ? "00:00 and 24:00" : "00:00 and 23:59"
            throw .notA(.time, input: String(text), reason: "use HH:MM between \(limit)")
        }
        return hour * 60 + minute
    }

    /// Minutes after local midnight at which each occurrence starts.
    public var start: Int {
        switch self {
        case let .weekly(_, start, _, _, _), let .once(_, start, _): return start
        }
    }

    /// Minutes after local midnight of the start date at which each occurrence ends (may exceed 1440).
    public var end: Int {
        switch self {
        case let .weekly(_, _, end, _, _), let .once(_, _, end): return end
        }
    }

    /// Whether an occurrence starts on local date `date`.
    public func starts(on date: LocalDate) -> Bool {
        switch self {
        case let .weekly(weekday, _, _, from, until):
            return date.isoWeekday == weekday.rawValue && from.map { $0 <= date } != false && until.map { date <= $0 } != false
        case let .once(day, _, _):
            return date == day
        }
    }

    /// The occurrence starting on `date`, or nil if there is none or it falls wholly inside a
    /// spring-forward gap (its wall-clock times never happen).
    public func occurrence(on date: LocalDate, clock: VenueClock) -> SlotOccurrence? {
        guard starts(on: date) else { return nil }
        let occurrence = SlotOccurrence(date: date, start: clock.instant(of: date, minute: start),
                                        end: clock.instant(of: date, minute: end))
        return occurrence.start < occurrence.end ? occurrence : nil
    }

    /// The occurrence that is on at instant `t`, if any. Looks at the local day before too, so a
    /// swipe at 00:30 belongs to Friday's 22:00-02:00+1.
    public func occurrence(containing t: EventTime, clock: VenueClock) -> SlotOccurrence? {
        let today = clock.localDate(of: t)
        for offset in -1...1 {
            if let occurrence = occurrence(on: today.adding(days: offset), clock: clock), occurrence.contains(t) {
                return occurrence
            }
        }
        return nil
    }

    /// Every occurrence that starts on a local date from `from` through `through`, in order.
    public func occurrences(from: LocalDate, through: LocalDate, clock: VenueClock) -> [SlotOccurrence] {
        switch self {
        case let .once(day, _, _):
            return from <= day && day <= through ? occurrence(on: day, clock: clock).map { [$0] } ?? [] : []
        case let .weekly(weekday, _, _, validFrom, validUntil):
            let first = max(from, validFrom ?? from), last = min(through, validUntil ?? through)
            guard first <= last else { return [] }
            // Step straight from one matching weekday to the next.
            let skip = (weekday.rawValue - first.isoWeekday + 7) % 7
            return stride(from: first.dayNumber + skip, through: last.dayNumber, by: 7).compactMap {
                occurrence(on: LocalDate(dayNumber: $0), clock: clock)
            }
        }
    }

    /// `tue 15:00-18:00`, `fri 22:00-02:00+1 from 2026-09-01 until 2026-12-20`, `2026-12-05 10:00-16:00`.
    public var description: String {
        let range = "\(SlotTiming.clockText(start))-\(end > 1440 ? SlotTiming.clockText(end - 1440) + "+1" : SlotTiming.clockText(end))"
        switch self {
        case let .weekly(weekday, _, _, from, until):
            return "\(weekday.shortName) \(range)" + (from.map { " from \($0)" } ?? "") + (until.map { " until \($0)" } ?? "")
        case let .once(date, _, _):
            return "\(date) \(range)"
        }
    }

    /// `HH:MM` for minutes after midnight (1440 is `24:00`).
    static func clockText(_ minutes: Int) -> String {
        "\(LocalDate.pad(minutes / 60, 2)):\(LocalDate.pad(minutes % 60, 2))"
    }
}
