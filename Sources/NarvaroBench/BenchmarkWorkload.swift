// The swipes the ingest measurements feed: the generated venues' active visitors (and a few
// unknown cards) swiping at Läxhjälp after the end of the history, as key events a reader types.
import NarvaroCLI
import NarvaroCore
import NarvaroDaemon
import NarvaroCommands

/// One swipe to feed, with the key events of a `decimal10` reader typing it.
public struct BenchmarkSwipe: Sendable {
    public var swipe: Swipe
    public var events: [InputEvent]
}

public enum BenchmarkWorkload {
    /// `count` swipes on Tuesday and Thursday afternoons after the last check-in in the database:
    /// each session, every recently active visitor of every venue swipes once at the entrance
    /// (3 s apart); one swipe in twenty is a card nobody has seen (a new visitor).
    public static func swipes(store: Store, count: Int, seed: UInt64) throws -> [BenchmarkSwipe] {
        let last = try store.lastCheckInDay()
        let active = try store.activeVisitors(after: last - 56)
        let entrances = try store.entranceReaders()
        guard !entrances.isEmpty, !active.isEmpty else {
            throw CommandError.wrongDatabase("database \(store.databasePath) has no generated venues with recent visits: run `narvaro bench generate` first")
        }
        let clock = try VenueClock(identifier: "Europe/Stockholm")
        var rng = SeededRandom(seed: seed)
        var nextUnknown = try store.maxVisitorID() + 1_000
        var result: [BenchmarkSwipe] = []
        var day = last + 1
        while result.count < count {
            let date = LocalDate(dayNumber: day)
            day += 1
            guard date.isoWeekday == 2 || date.isoWeekday == 4 else { continue }
            let start = clock.instant(of: date, minute: 15 * 60)
            for (reader, venueID) in entrances {
                var visitors = active[venueID] ?? []
                visitors.shuffle(using: &rng)
                for (k, visitor) in visitors.enumerated() where result.count < count {
                    var card = BenchmarkGenerator.cardText(visitorID: visitor.visitor, generation: visitor.generation)
                    if rng.chance(0.05) {
                        card = BenchmarkGenerator.cardText(visitorID: nextUnknown, generation: 0)
                        nextUnknown += 1
                    }
                    let time = start + Int64(k) * 3_000_000
                    result.append(BenchmarkSwipe(swipe: Swipe(reader: reader, card: card, time: time), events: typing(card, endingAt: time)))
                }
            }
        }
        return result
    }

    /// The events of a reader typing `card` then Enter, 5 ms per key, each press and release
    /// followed by SYN_REPORT as the kernel sends them; Enter is pressed at `time`.
    static func typing(_ card: String, endingAt time: EventTime) -> [InputEvent] {
        let codes = card.compactMap { KeyLayout.code(typing: $0) } + [EventCode.keyEnter]
        var t = time + -Int64(codes.count - 1) * 5_000
        var events: [InputEvent] = []
        events.reserveCapacity(codes.count * 4)
        for code in codes {
            events.append(InputEvent(time: t, type: EventCode.keyType, code: code, value: 1))
            events.append(InputEvent(time: t, type: EventCode.synType, code: EventCode.synReport, value: 0))
            events.append(InputEvent(time: t + 2_000, type: EventCode.keyType, code: code, value: 0))
            events.append(InputEvent(time: t + 2_000, type: EventCode.synType, code: EventCode.synReport, value: 0))
            t = t + 5_000
        }
        return events
    }
}
