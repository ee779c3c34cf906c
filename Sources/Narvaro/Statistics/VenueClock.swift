// A venue's wall clock: instants ⇄ local dates and times in its IANA time zone, DST-correct.
import Foundation

public struct VenueClock: Sendable {
    public let timeZone: TimeZone

    /// An IANA zone such as `Europe/Stockholm`.
    public init(identifier: String) throws(TimeError) {
        guard !identifier.isEmpty, let zone = TimeZone(identifier: identifier) else {
            throw .invalid("unknown time zone '\(identifier)': use an IANA name like Europe/Stockholm")
        }
        timeZone = zone
    }

    private func offsetSeconds(at t: EventTime) -> Int64 {
        Int64(timeZone.secondsFromGMT(for: Date(timeIntervalSince1970: Double(t.seconds))))
    }

    /// Local seconds since 1970-01-01T00:00 local.
    private func localSeconds(_ t: EventTime) -> Int64 { t.seconds + offsetSeconds(at: t) }

    public func localDate(of t: EventTime) -> LocalDate {
        let s = localSeconds(t)
        return LocalDate(dayNumber: Int(s >= 0 ? s / 86_400 : (s - 86_399) / 86_400))
    }

    /// Minutes after local midnight (0…1439).
    public func minuteOfDay(of t: EventTime) -> Int {
        let s = localSeconds(t)
        return Int(((s % 86_400) + 86_400) % 86_400) / 60
    }

    /// The instant of a local wall-clock time; `minute` may pass 1440 (the next day). A time that
    /// does not exist (spring forward) maps to the instant after the gap; an ambiguous time
    /// (fall back) to its first occurrence.
    public func instant(of date: LocalDate, minute: Int) -> EventTime {
        let wall = Int64(date.dayNumber) * 86_400 + Int64(minute) * 60
        // Try the offsets in force around that wall time; earliest consistent instant wins.
        let probes = [wall - 86_400, wall, wall + 86_400].map { offsetSeconds(at: EventTime(seconds: $0, microseconds: 0)) }
        let candidates = Set(probes).map { wall - $0 }.filter { offsetSeconds(at: EventTime(seconds: $0, microseconds: 0)) == wall - $0 }
        if let first = candidates.min() { return EventTime(seconds: first, microseconds: 0) }
        // In a gap: the wall time minus the offset before the gap lands after the gap.
        return EventTime(seconds: wall - (probes.min() ?? 0), microseconds: 0)
    }

    public func startOfDay(_ date: LocalDate) -> EventTime { instant(of: date, minute: 0) }
}
