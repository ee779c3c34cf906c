// The times a swipe may carry: from the Unix epoch up to 2100-01-01 UTC. Every way a swipe time
// enters (decoder, replay, spool, recorder) checks it, so no later arithmetic overflows and no
// swipe from year 294247 is greeted as today's.

public enum SwipeTimeRange {
    /// 1970-01-01T00:00:00Z: a kernel clock never set still gives times after this.
    public static let earliest = EventTime(microseconds: 0)
    /// 2100-01-01T00:00:00Z (exclusive): far beyond any real swipe, far inside every calendar used here.
    public static let end = EventTime(microseconds: 4_102_444_800_000_000)

    public static func contains(_ time: EventTime) -> Bool { time >= earliest && time < end }

    /// Why `time` is refused, for logs and errors.
    public static func refusal(_ time: EventTime) -> String {
        "time \(time.microseconds) µs is outside 1970-01-01..2100-01-01 UTC: check the computer's clock or the recording's --start"
    }
}
