// Converts between kernel instants and a venue's wall clock (local date, minute of day),
// DST-correct, from the system tz database's TZif files (ZoneRules): no Foundation, no ICU.

/// A venue's time zone, used to decide which local day (and ISO week) a swipe belongs to and
/// when a scheduled slot starts and ends in real time.
public struct VenueClock: Hashable, Sendable {
    /// The zone's IANA name.
    public let identifier: String
    let rules: ZoneRules

    /// A clock for an IANA zone name such as `Europe/Stockholm`, read from the tz database
    /// (`TimeZoneName.directory`).
    public init(identifier: String) throws(TimeError) {
        try self.init(identifier: identifier, zoneDirectory: TimeZoneName.directory)
    }

    init(identifier: String, zoneDirectory: String) throws(TimeError) {
        guard let rules = ZoneCache.rules(for: identifier, directory: zoneDirectory) else {
            throw .unknownTimeZone(identifier)
        }
        self.identifier = identifier
        self.rules = rules
    }

    // Two clocks of the same name are the same clock (the file is read once per process).
    public static func == (a: VenueClock, b: VenueClock) -> Bool { a.identifier == b.identifier }
    public func hash(into hasher: inout Hasher) { hasher.combine(identifier) }

    /// The venue's local date at instant `t`.
    public func localDate(of t: EventTime) -> LocalDate {
        LocalDate(dayNumber: LocalDate.floorDiv(localSeconds(of: t), 86_400))
    }

    /// Minutes since local midnight at instant `t` (0…1439).
    public func minuteOfDay(of t: EventTime) -> Int {
        let s = localSeconds(of: t)
        return (s - LocalDate.floorDiv(s, 86_400) * 86_400) / 60
    }

    /// The instant at which the wall clock shows `minute` minutes after midnight of `date`
    /// (`minute` ≥ 1440 runs into the following days). A time skipped when clocks go forward maps
    /// to the first instant after the gap; a time that occurs twice when clocks go back maps to
    /// the first occurrence. So later wall times never map to earlier instants.
    public func instant(of date: LocalDate, minute: Int) -> EventTime {
        // Split into whole days and a minute within the day without multiplying `minute` back up.
        let remainder = minute % 1440
        let days = minute / 1440 - (remainder < 0 ? 1 : 0)
        let wall = date.adding(days: days).dayNumber * 86_400 + (remainder < 0 ? remainder + 1440 : remainder) * 60
        // Clamp to what EventTime can hold (about ±292,000 years) so a nonsense minute cannot trap.
        let seconds = min(max(utcSeconds(forWall: wall), -9_000_000_000_000), 9_000_000_000_000)
        return EventTime(microseconds: Int64(seconds) * 1_000_000)
    }

    /// The instant of local midnight at the start of `date`.
    public func startOfDay(_ date: LocalDate) -> EventTime {
        instant(of: date, minute: 0)
    }

    // MARK: - Offsets

    /// The zone's offset from UTC at `t`, in seconds (3600 for CET, 7200 for CEST).
    public func utcOffsetSeconds(at t: EventTime) -> Int { offset(atUTC: Int(clamping: t.seconds)) }

    func offset(atUTC utc: Int) -> Int { rules.offset(atUTC: utc) }

    /// Wall-clock seconds since 1970-01-01T00:00 local for instant `t`.
    func localSeconds(of t: EventTime) -> Int {
        // Not `t.seconds`: that traps for times near Int64.min, and a garbled recording can hold one.
        let utc = LocalDate.floorDiv(Int(t.microseconds), 1_000_000)
        return utc + offset(atUTC: utc)
    }

    /// The earliest UTC second whose wall time is `wall`, or the end of the gap if none is.
    func utcSeconds(forWall wall: Int) -> Int {
        // The answer lies within a day of `wall`; assume at most one offset change in that window
        // (true of every real zone), so the offsets a day either side are the only candidates.
        let candidates = Set([offset(atUTC: wall - 86_400), offset(atUTC: wall), offset(atUTC: wall + 86_400)])
        let matches = candidates.map { wall - $0 }.filter { offset(atUTC: $0) == wall - $0 }
        if let first = matches.min() { return first }

        // In a gap: wall times from T + before to T + after never happen, so the transition T
        // lies in (wall - after, wall - before]. Find it by bisection on the offset.
        let before = candidates.min() ?? 0, after = candidates.max() ?? 0
        var low = wall - after, high = wall - before  // offset(low) == before, offset(high) == after
        while high - low > 1 {
            let mid = low + (high - low) / 2
            if offset(atUTC: mid) == offset(atUTC: high) { high = mid } else { low = mid }
        }
        return high
    }
}
