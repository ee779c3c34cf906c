// An instant as the kernel stamps input events: microseconds since the Unix epoch. Every time in
// Närvaro (swipes, check-ins, the clock of a command) is one; `VenueClock` turns it into local time.

/// A kernel timestamp in microseconds since the Unix epoch (or, in a recording with small
/// times, since the recording's start; see `EvemuRecording`).
public struct EventTime: Hashable, Comparable, Sendable, CustomStringConvertible {
    public var microseconds: Int64

    public init(microseconds: Int64) { self.microseconds = microseconds }
    /// Saturates at the ends of the range instead of trapping: times come from outside input.
    public init(seconds: Int64, microseconds usec: Int64) {
        let (scaled, overflow) = seconds.multipliedReportingOverflow(by: 1_000_000)
        let (sum, overflow2) = scaled.addingReportingOverflow(usec)
        self.microseconds = overflow || overflow2 ? (seconds < 0 ? .min : .max) : sum
    }

    /// Whole seconds, rounded down (also for times before the epoch).
    public var seconds: Int64 {
        let (quotient, remainder) = microseconds.quotientAndRemainder(dividingBy: 1_000_000)
        return remainder < 0 ? quotient - 1 : quotient
    }
    /// 0..<1_000_000. From the remainder, not `microseconds - seconds * 1_000_000`, which overflows near Int64.min.
    public var subsecondMicroseconds: Int64 {
        let remainder = microseconds % 1_000_000
        return remainder < 0 ? remainder + 1_000_000 : remainder
    }
    /// Seconds since the epoch as a floating value, for Foundation dates.
    public var unixSeconds: Double { Double(microseconds) / 1_000_000 }

    public static func < (a: EventTime, b: EventTime) -> Bool { a.microseconds < b.microseconds }
    public static func + (a: EventTime, offset: Int64) -> EventTime {
        let (sum, overflow) = a.microseconds.addingReportingOverflow(offset)
        return EventTime(microseconds: overflow ? (offset < 0 ? .min : .max) : sum)
    }

    /// `sec.usec` with six digits, as evemu writes it.
    public var description: String {
        let usec = String(subsecondMicroseconds)
        return "\(seconds).\(String(repeating: "0", count: 6 - usec.count))\(usec)"
    }
}
