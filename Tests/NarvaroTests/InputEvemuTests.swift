// evemu recordings: what evemu-record writes is read exactly, what we write reads back the same,
// and a bad line is reported by number with a reason a person can act on.
@testable import NarvaroCore
@testable import NarvaroDesk
@testable import NarvaroDaemon
@testable import NarvaroCLI
@testable import NarvaroCommands
@testable import NarvarodCommands
@testable import NarvaroBench
import Testing

@Suite struct InputEvemuTests {
    static let sample = """
        # EVEMU 1.3
        # Input device name: "Sycreader USB Reader"
        N: Sycreader USB Reader
        I: 0003 ffff 0035 0110
        P: 00 00 00 00 00 00 00 00
        B: 01 fe ff ff ff ff ff ff ff
        ################################
        #      Waiting for events      #
        ################################
        E: 0.000000 0004 0004 458782\t# EV_MSC / MSC_SCAN             458782
        E: 0.000000 0001 0002 0001\t# EV_KEY / KEY_1                1
        E: 0.000000 0000 0000 0000\t# ------------ SYN_REPORT (0) ---------- +0ms

        E: 0.008012 0001 0002 0\t# EV_KEY / KEY_1                0
        E: 0.016020 0001 001c 1   # description after spaces
        E: 1794931512.104870 0003 0035 -001
        E: 1794931512.104871 0003 0035 -1

        """

    @Test func readsHeaderAndEvents() throws {
        let recording = try EvemuRecording.parse(Self.sample)
        #expect(recording.name == "Sycreader USB Reader")
        #expect(recording.vendor == 0xFFFF)
        #expect(recording.product == 0x0035)
        #expect(recording.headerLines.count == 9)
        #expect(recording.headerLines.first == "# EVEMU 1.3")
        #expect(recording.events.count == 7)
        #expect(recording.events[1] == InputEvent(time: EventTime(microseconds: 0), type: 1, code: 2, value: 1))
    }

    @Test func bothValueWidthsAndTrailingDescriptions() throws {
        let events = try EvemuRecording.parse(Self.sample).events
        #expect(events[0].value == 458_782)
        #expect(events[1].value == 1)           // %04d: 0001
        #expect(events[3].value == 0)           // %d: 0, tab + description
        #expect(events[4] == InputEvent(time: EventTime(microseconds: 16_020), type: 1, code: 28, value: 1))
        #expect(events[5].value == -1)          // %04d: -001
        #expect(events[6].value == -1)          // %d: -1
        #expect(events[5].time == EventTime(seconds: 1_794_931_512, microseconds: 104_870))
    }

    @Test func writerOutputReadsBackEqual() throws {
        let original = EvemuRecording(name: "Sycreader USB Reader", vendor: 0xFFFF, product: 0x35, events: [
            InputEvent(time: EventTime(microseconds: 0), type: 4, code: 4, value: 458_782),
            InputEvent(time: EventTime(microseconds: 0), type: 1, code: 2, value: 1),
            InputEvent(time: EventTime(microseconds: 0), type: 0, code: 0, value: 0),
            InputEvent(time: EventTime(microseconds: 8_001), type: 1, code: 999, value: -7),
            InputEvent(time: EventTime(microseconds: 1_794_931_512_000_001), type: 0xFFFF, code: 0xFFFF, value: .min),
            InputEvent(time: EventTime(microseconds: 1_794_931_512_000_002), type: 3, code: 0, value: .max),
        ])
        let text = original.evemuText()
        #expect(try EvemuRecording.parse(text) == original)
        #expect(text.contains("E: 0.000000 0001 0002 0001\t# EV_KEY / KEY_1                1\n"))
        #expect(text.contains("E: 0.008001 0001 03e7 -007\t"))
        #expect(text.contains("# ------------ SYN_REPORT (0) ---------- +0ms"))
    }

    @Test func parsedRecordingRoundTrips() throws {
        let recording = try EvemuRecording.parse(Self.sample)
        #expect(try EvemuRecording.parse(recording.evemuText()) == recording)
    }

    @Test(arguments: [
        ("E: 0.000000 0001 0002", 2, "line 2: expected 'E: <sec>.<usec> <type> <code> <value>'"),
        ("E: 0.000000 0001 0002 1 7", 2, "line 2: expected 'E: <sec>.<usec> <type> <code> <value>'"),
        ("E: -1.000000 0001 0002 1", 2, "line 2: time '-1.000000' is negative"),
        ("E: 1.0000001 0001 0002 1", 2, "line 2: time '1.0000001' has more than 6 microsecond digits"),
        ("E: 12 0001 0002 1", 2, "line 2: time '12' is not '<seconds>.<microseconds>'"),
        ("E: 99999999999999999999.000000 0001 0002 1", 2, "line 2: time '99999999999999999999.000000' is too large"),
        ("E: 0.000000 10000 0002 1", 2, "line 2: event type '10000' is not a hex number from 0000 to ffff"),
        ("E: 0.000000 0001 00g2 1", 2, "line 2: event code '00g2' is not a hex number from 0000 to ffff"),
        ("E: 0.000000 0001 0002 2147483648", 2,
         "line 2: event value '2147483648' is not a whole number from -2147483648 to 2147483647"),
        ("E: 0.000000 0001 0002 one", 2, "line 2: event value 'one' is not a whole number from -2147483648 to 2147483647"),
        ("I: 0003 ffff", 2, "line 2: expected 'I: <bus> <vendor> <product> <version>' as four hex numbers"),
        ("hello", 2, "line 2: unexpected text 'hello': expected 'E: <sec>.<usec> <type> <code> <value>', a header like 'N: <name>', or a '#' comment"),
    ])
    func malformedLinesNameTheLine(line: String, number: Int, message: String) {
        // A valid event after the bad line: the parse must still stop at the bad one.
        do {
            _ = try EvemuRecording.parse("# EVEMU 1.3\n\(line)\nE: 0.000000 0001 0002 1\n")
            Issue.record("'\(line)' was accepted")
        } catch {
            #expect(error.description == message)
            #expect(error == .malformedRecording(line: number, reason: String(message.dropFirst("line 2: ".count))))
        }
    }

    @Test func errorLineNumbersCountBlankAndCommentLines() {
        let text = "# EVEMU 1.3\n\n# comment\nN: x\r\nE: 0.000000 0001 0002 1\r\n\nE: 0.1 0001\n"
        #expect(throws: InputError.malformedRecording(line: 7, reason: "expected 'E: <sec>.<usec> <type> <code> <value>'")) {
            try EvemuRecording.parse(text)
        }
    }

    @Test func shortFractionsAreDecimal() throws {
        let events = try EvemuRecording.parse("E: 1.5 0001 0002 1\nE: 2.000123 0001 0002 0\n").events
        #expect(events.map(\.time.microseconds) == [1_500_000, 2_000_123])
    }

    @Test func streamingParserMatchesWholeFileParse() throws {
        var parser = EvemuLineParser()
        var events: [InputEvent] = []
        for line in Self.sample.split(separator: "\n", omittingEmptySubsequences: false) {
            if let event = try parser.parse(line: String(line)) { events.append(event) }
        }
        #expect(events == (try EvemuRecording.parse(Self.sample)).events)
        #expect(parser.name == "Sycreader USB Reader")
        #expect(parser.lineNumber == 18)
        #expect(try parser.parse(line: "# a comment") == nil)
        #expect(throws: InputError.malformedRecording(line: 20, reason: "time 'x.000000' is not '<seconds>.<microseconds>'")) {
            try parser.parse(line: "E: x.000000 0001 0002 1")
        }
    }

    @Test func smallTimesAreOffsetsFromTheStart() {
        let start = EventTime(seconds: 1_794_931_512, microseconds: 0)
        let offset = EventTime(seconds: 2, microseconds: 500_000)
        #expect(EvemuRecording.absolute(offset, start: start) == EventTime(seconds: 1_794_931_514, microseconds: 500_000))
        let unix = EventTime(seconds: 1_000_000_000, microseconds: 0)
        #expect(EvemuRecording.absolute(unix, start: start) == unix)
        let justBelow = EventTime(microseconds: 1_000_000_000 * 1_000_000 - 1)
        #expect(EvemuRecording.absolute(justBelow, start: start) == start + justBelow.microseconds)
        #expect(EvemuRecording.absolute(offset, start: EventTime(microseconds: .max)).microseconds == .max)
    }
}
