// The byte-level evemu parser reads numbers exactly as the String one did (Int32(String),
// UInt16(radix: 16)), and its String and byte entry points agree; the lean-daemon helpers that
// replaced Foundation calls behave as the calls did.
import Testing
@testable import NarvaroCore
@testable import NarvaroDaemon

@Suite struct InputEvemuBytesTests {
    @Test(arguments: [
        ("E: 1.000002 0X01 0x001c +5", InputEvent(time: EventTime(microseconds: 1_000_002), type: 1, code: 0x1c, value: 5)),
        ("\t E: 0001.5\t00001 ffff -2147483648 # comment", InputEvent(time: EventTime(microseconds: 1_500_000), type: 1, code: 0xffff, value: .min)),
        ("E: 9223372036854.775807 0000 0000 2147483647\r", InputEvent(time: EventTime(microseconds: .max), type: 0, code: 0, value: .max)),
    ])
    func numbersReadAsBefore(line: String, event: InputEvent) throws {
        var parser = EvemuLineParser()
        #expect(try parser.parse(line: line) == event)
        var bytesParser = EvemuLineParser()
        var copy = line
        let fromBytes = try copy.withUTF8 { try bytesParser.parse(bytes: $0) }
        #expect(fromBytes == event)
        #expect(bytesParser.lineNumber == 1)
    }

    @Test(arguments: [
        ("E: 9223372036854.775808 0000 0000 0", "time '9223372036854.775808' is too large"),
        ("E: 1.0 0x 0000 0", "event type '0x' is not a hex number from 0000 to ffff"),
        ("E: 1.0 0000 +1 0", "event code '+1' is not a hex number from 0000 to ffff"),
        ("E: 1.0 0000 0000 -", "event value '-' is not a whole number from -2147483648 to 2147483647"),
        ("E: 1.0 0000 0000 +-1", "event value '+-1' is not a whole number from -2147483648 to 2147483647"),
        ("E: 1.2.3 0000 0000 0", "time '1.2.3' is not '<seconds>.<microseconds>'"),
        ("E: 1. 0000 0000 0", "time '1.' is not '<seconds>.<microseconds>'"),
        ("e: 1.0 0000 0000 0", "unexpected text 'e: 1.0 0000 0000 0': expected 'E: <sec>.<usec> <type> <code> <value>', a header like 'N: <name>', or a '#' comment"),
        ("Ä: x", "unexpected text 'Ä: x': expected 'E: <sec>.<usec> <type> <code> <value>', a header like 'N: <name>', or a '#' comment"),
        ("I: 0003 ffff 0035", "expected 'I: <bus> <vendor> <product> <version>' as four hex numbers"),
        ("I: 0003 ffff 0035 0000 0000", "expected 'I: <bus> <vendor> <product> <version>' as four hex numbers"),
    ])
    func badNumbersFailAsBefore(line: String, reason: String) {
        var parser = EvemuLineParser()
        #expect(throws: InputError.malformedRecording(line: 1, reason: reason)) { try parser.parse(line: line) }
    }

    @Test func longBadTextIsCutAtFortyCharacters() {
        var parser = EvemuLineParser()
        let line = "E: " + String(repeating: "å", count: 50) + " 0000 0000 0"
        #expect(throws: InputError.malformedRecording(line: 1, reason: "time '\(String(repeating: "å", count: 40))…' is not '<seconds>.<microseconds>'")) {
            try parser.parse(line: line)
        }
    }

    @Test func headerNameIsTrimmedAndIdentityRead() throws {
        var parser = EvemuLineParser()
        #expect(try parser.parse(line: "N:  Sycreader  USB \t\r") == nil)
        #expect(try parser.parse(line: "I: 0003 08ff 0009 0111") == nil)
        #expect(parser.name == "Sycreader  USB")
        #expect(parser.vendor == 0x08ff && parser.product == 0x0009)
    }

    @Test func journalQuotesEveryNewlineScalar() {
        #expect(Journal.quote("a\r\nb \"c\" \\") == "\"a\\r\\nb \\\"c\\\" \\\\\"")
    }

    @Test(arguments: [("a/b", "a"), ("/b", "/"), ("b", ""), ("a/b/", "a"), ("/a/b/c.db", "/a/b"), ("/", "/")])
    func databaseDirectoryIsTheParent(path: String, parent: String) {
        #expect(NarvaroDatabase.parentDirectory(of: path) == parent)
    }
}
