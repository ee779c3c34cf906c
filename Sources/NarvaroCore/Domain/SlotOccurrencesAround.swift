// The venue's slot occurrences on the days around one local day, worked out once and kept for the
// day's swipes (issue 17, goal 3): each slot's occurrences through the venue's time-zone rules, for
// every swipe, were ~15 % of a swipe's CPU. Attribution picks from them exactly as
// `SlotTiming.occurrence(containing:clock:)` would.

public struct SlotOccurrencesAround: Sendable {
    /// The local day the occurrences are around.
    public let day: LocalDate
    /// Each slot with an occurrence starting the day before, on or the day after `day`, in that order.
    let slots: [(slot: ScheduleSlot, occurrences: [SlotOccurrence])]

    public init(day: LocalDate, slots: [ScheduleSlot], clock: VenueClock) {
        self.day = day
        self.slots = slots.compactMap { slot in
            let occurrences = (-1...1).compactMap { slot.timing.occurrence(on: day.adding(days: $0), clock: clock) }
            return occurrences.isEmpty ? nil : (slot, occurrences)
        }
    }

    /// The slots running at `time` (which must fall on `day`), each with its occurrence containing it.
    func running(at time: EventTime) -> [(ScheduleSlot, SlotOccurrence)] {
        slots.compactMap { entry in entry.occurrences.first { $0.contains(time) }.map { (entry.slot, $0) } }
    }
}
