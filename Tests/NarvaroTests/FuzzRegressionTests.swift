// Inputs the fuzzers (scripts/fuzz, docs/fuzzing.md) found to break a parser's promise, kept here
// so the normal suite fails if the bug comes back. Each test names the target that found it.
@testable import NarvaroCore
@testable import NarvaroDesk
@testable import NarvaroDaemon
@testable import NarvaroCLI
@testable import NarvaroCommands
@testable import NarvarodCommands
@testable import NarvaroBench
import Testing

@Suite struct FuzzRegressionTests {
    /// Parses like `narvarod --replay -`: LineSource splits at "\n" bytes only.
    static func streamEvents(_ text: String) throws(InputError) -> [InputEvent] {
        var parser = EvemuLineParser()
        var events: [InputEvent] = []
        for line in text.utf8.split(separator: 0x0A, omittingEmptySubsequences: false) {
            if let event = try parser.parse(line: String(decoding: line, as: UTF8.self)) { events.append(event) }
        }
        return events
    }

    /// evemu: a header line ending in carriage returns came back with one fewer, because "\r\n"
    /// is one Character and the file was split at Characters.
    @Test(arguments: ["# x\r", "N: x\r\r", "# EVEMU 1.3\r\nN: \u{FFFD}eade\r\u{FFFD}E\u{1A} 0.00000\r\r"])
    func evemuHeaderLinesWithCarriageReturnsRoundTrip(text: String) throws {
        let recording = try EvemuRecording.parse(text)
        #expect(try EvemuRecording.parse(recording.evemuText()) == recording)
    }

    /// evemu: "\r\r\n" ended a line before one "\r" for a file but before two for a stream, so a
    /// file replayed while the same bytes on stdin failed.
    @Test func evemuFileAndStreamAgreeOnDoubledCarriageReturns() throws {
        let text = "E: 0.1 0001 0002 1\r\r\nE: 0.2 0001 001c 1\n"
        let file = Result { () throws(InputError) in try EvemuRecording.parse(text).events }
        let stream = Result { () throws(InputError) in try Self.streamEvents(text) }
        #expect(file == stream)
    }

    /// evemu: CRLF recordings keep reading as before: events, name and blank lines.
    @Test func evemuCRLFRecordingsStillRead() throws {
        let recording = try EvemuRecording.parse("# EVEMU 1.3\r\nN: Reader\r\n\r\nE: 0.1 0001 0002 1\r\n")
        #expect(recording.name == "Reader")
        #expect(recording.events.count == 1)
        #expect(recording.headerLines.count == 2)
        #expect(try Self.streamEvents("# EVEMU 1.3\r\nN: Reader\r\n\r\nE: 0.1 0001 0002 1\r\n") == recording.events)
    }
}
