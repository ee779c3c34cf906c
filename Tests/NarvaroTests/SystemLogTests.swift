// Log line format: priority prefix, key=value fields, quoting, minimum level.
import Synchronization
import Testing
@testable import Narvaro

@Suite struct SystemLogTests {
    @Test func formatsPriorityMessageAndFields() {
        let line = Log.format(.info, "reader opened", ["reader": "entre", "path": "/dev/input/event3"])
        #expect(line == "<6>reader opened reader=entre path=/dev/input/event3")
    }

    @Test func quotesValuesWithSpacesQuotesOrNewlines() {
        let line = Log.format(.warning, "reader lost", ["name": "HID 0c2e:0b61", "why": "say \"hi\"\nbye", "empty": ""])
        #expect(line == #"<4>reader lost name="HID 0c2e:0b61" why="say \"hi\"\nbye" empty="""#)
    }

    @Test func everyLevelHasItsSystemdPrefix() {
        let prefixes = LogLevel.allCases.map { Log.format($0, "x", [:]).prefix(3) }
        #expect(prefixes == ["<3>", "<4>", "<5>", "<6>", "<7>"])
        #expect(LogLevel(name: "Debug") == .debug)
        #expect(LogLevel(name: "loud") == nil)
    }

    @Test func dropsLinesBelowTheMinimumLevel() {
        let lines = Mutex<[String]>([])
        let log = Log(minimumLevel: .notice) { line in lines.withLock { $0.append(line) } }
        log.debug("noise")
        log.info("chatter")
        log.notice("started", ["readers": "2"])
        log.error("broken")
        #expect(lines.withLock { $0 } == ["<5>started readers=2", "<3>broken"])
    }
}
