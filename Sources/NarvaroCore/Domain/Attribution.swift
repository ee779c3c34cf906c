// Which activity a swipe belongs to, in this order: the reader's current activity (set by an
// activity card, until it expires), the reader's fixed activity, the scheduled slot at the venue
// at that time (the one that started last when slots overlap), else the venue's drop-in.

public enum Attribution {
    /// Decides the activity for a swipe at `time` on `reader`. Pure: the caller supplies the
    /// venue's slots, its clock and its drop-in activity.
    public static func decide(reader: Reader, time: EventTime, slots: [ScheduleSlot], clock: VenueClock,
                              dropInID: Int64) -> (activityID: Int64, source: AttributionSource) {
        decide(reader: reader, time: time, around: SlotOccurrencesAround(day: clock.localDate(of: time), slots: slots, clock: clock),
               dropInID: dropInID)
    }

    /// `decide` with the venue's slot occurrences around the swipe's local day worked out already
    /// (the swipe path keeps them for the day).
    public static func decide(reader: Reader, time: EventTime, around: SlotOccurrencesAround,
                              dropInID: Int64) -> (activityID: Int64, source: AttributionSource) {
        if let current = reader.currentActivityID, let until = reader.currentUntil, time < until {
            return (current, .activityCard)
        }
        if let fixed = reader.fixedActivityID {
            return (fixed, .fixed)
        }
        let running = around.running(at: time)
        // The slot that started last wins; among equal starts the one added last.
        if let chosen = running.max(by: { ($0.1.start, $0.0.id) < ($1.1.start, $1.0.id) }) {
            return (chosen.0.activityID, running.count > 1 ? .scheduleOverlap : .schedule)
        }
        return (dropInID, .dropIn)
    }

    /// How long an activity card holds: to the end of that activity's running slot, else 4 hours.
    public static func activityCardExpiry(activityID: Int64, time: EventTime, slots: [ScheduleSlot], clock: VenueClock) -> EventTime {
        let ends = slots.filter { $0.activityID == activityID }.compactMap { $0.timing.occurrence(containing: time, clock: clock)?.end }
        return ends.max() ?? time + 4 * 3600 * 1_000_000
    }
}
