// Log line format: priority prefix, key=value fields, quoting, minimum level, and check-ins
// logged without card numbers.
@testable import NarvaroCore
@testable import NarvaroDesk
@testable import NarvaroDaemon
@testable import NarvaroCLI
@testable import NarvaroCommands
@testable import NarvarodCommands
@testable import NarvaroBench
import Synchronization
import Testing

/// The lines a journal wrote.
final class CapturedLines: Sendable {
    let lines = Mutex<[String]>([])
    func withLock<T>(_ body: (inout [String]) -> T) -> T { lines.withLock { body(&$0) } }
}

@Suite struct SystemLogTests {
    func capture(_ minimum: Priority = .debug) -> (Journal, CapturedLines) {
        let lines = CapturedLines()
        let journal = Journal(minimum: minimum) { line in lines.withLock { $0.append(line) } }
        return (journal, lines)
    }

    @Test func formatsPriorityMessageAndFields() {
        let (journal, lines) = capture()
        journal.log(.info, "reader-opened", [("reader", "entre"), ("path", "/dev/input/event3")])
        #expect(lines.withLock { $0 } == ["<6>reader-opened reader=entre path=/dev/input/event3\n"])
    }

    @Test func quotesValuesWithSpacesQuotesOrNewlines() {
        #expect(Journal.line("reader-lost", [("name", "HID 0c2e:0b61"), ("why", "say \"hi\"\nbye"), ("empty", "")])
                == #"reader-lost name="HID 0c2e:0b61" why="say \"hi\"\nbye" empty="""#)
    }

    @Test func dropsLinesBelowTheMinimumLevel() {
        let (journal, lines) = capture(.notice)
        journal.log(.debug, "noise")
        journal.log(.info, "chatter")
        journal.log(.notice, "started", [("readers", "2")])
        journal.log(.error, "broken")
        #expect(lines.withLock { $0 } == ["<5>started readers=2\n", "<3>broken\n"])
    }

    @Test func aCheckInIsLoggedWithoutItsCardNumber() {
        let (journal, lines) = capture()
        let result = RecordedCheckIn(checkIn: CheckIn(id: 12, time: EventTime(microseconds: 0), reader: "entre", venue: "tingshuset", activity: "laxhjalp",
                                     activityName: "Läxhjälp", outcome: .counted, attribution: .schedule, visitorCode: "K7M2QD",
                                     visitorName: "Amir"), isNew: true)
        journal.log(.recorded(result))
        #expect(lines.withLock { $0 } == ["<6>checkin id=12 reader=entre venue=tingshuset activity=laxhjalp outcome=counted attribution=schedule\n"])
    }
}
