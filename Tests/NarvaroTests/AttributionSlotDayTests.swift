// The swipe path keeps each venue's slot occurrences for the day (SlotOccurrencesAround): attribution
// from them must be what working out every slot's occurrence for every swipe gave, across midnight,
// on DST Sundays and at the edges of a slot.
@testable import NarvaroCore
@testable import NarvaroDesk
@testable import NarvaroDaemon
@testable import NarvaroCLI
@testable import NarvaroCommands
@testable import NarvarodCommands
@testable import NarvaroBench
import Testing

@Suite struct AttributionSlotDayTests {
    /// Attribution as it was: each slot's occurrence containing the time, worked out for the swipe.
    static func perSwipe(_ reader: Reader, _ time: EventTime, _ slots: [ScheduleSlot], _ clock: VenueClock, dropIn: Int64) -> (Int64, AttributionSource) {
        let running = slots.compactMap { slot in slot.timing.occurrence(containing: time, clock: clock).map { (slot, $0) } }
        if let chosen = running.max(by: { ($0.1.start, $0.0.id) < ($1.1.start, $1.0.id) }) {
            return (chosen.0.activityID, running.count > 1 ? .scheduleOverlap : .schedule)
        }
        return (dropIn, .dropIn)
    }

    @Test func theDaysOccurrencesAttributeAsEachSwipesOwnDid() throws {
        let clock = try VenueClock(identifier: "Europe/Stockholm")
        let slots = [
            ScheduleSlot(id: 1, activityID: 10, timing: try SlotTiming.parseWeekly(day: "sun", range: "01:30-03:30", from: nil, until: nil)),
            ScheduleSlot(id: 2, activityID: 20, timing: try SlotTiming.parseWeekly(day: "sat", range: "22:00-02:30+1", from: nil, until: nil)),
            ScheduleSlot(id: 3, activityID: 30, timing: try SlotTiming.parseWeekly(day: "sun", range: "02:00-05:00", from: "2026-03-29", until: "2026-10-25")),
            ScheduleSlot(id: 4, activityID: 40, timing: try SlotTiming.parseOnce(date: "2026-10-25", range: "00:00-24:00")),
            ScheduleSlot(id: 5, activityID: 50, timing: try SlotTiming.parseWeekly(day: "tue", range: "15:00-18:00", from: nil, until: nil)),
        ]
        let reader = Reader(id: 1, name: "entre", venueID: 1, device: nil, usb: nil, namePattern: nil, physPattern: nil, cardFormat: .raw,
                            fixedActivityID: nil, cooldownSeconds: 10, currentActivityID: nil, currentUntil: nil, archived: false)
        var cache = SlotOccurrencesAround(day: clock.localDate(of: EventTime(microseconds: 0)), slots: slots, clock: clock)
        var compared = 0, scheduled = 0
        // Every 7.5 minutes (and the minute's edges) through the weeks holding both 2026 DST changes.
        for start in ["2026-03-27T00:00:00+01:00", "2026-10-23T00:00:00+02:00"] {
            let first = TestDatabase.time(start).microseconds
            for step in 0..<(10 * 24 * 8) {
                for edge: Int64 in [-1, 0, 1] {
                    let time = EventTime(microseconds: first + Int64(step) * 450_000_000 + edge)
                    let day = clock.localDate(of: time)
                    if cache.day != day { cache = SlotOccurrencesAround(day: day, slots: slots, clock: clock) }
                    let kept = Attribution.decide(reader: reader, time: time, around: cache, dropInID: 99)
                    let expected = Self.perSwipe(reader, time, slots, clock, dropIn: 99)
                    #expect(kept.activityID == expected.0 && kept.source == expected.1, "\(time)")
                    compared += 1
                    if kept.source != .dropIn { scheduled += 1 }
                }
            }
        }
        #expect(compared == 2 * 10 * 24 * 8 * 3)
        #expect(scheduled > 400, "the slots were running for part of the time")
    }
}
