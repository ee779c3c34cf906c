// The replay's CPU cuts (issue 17) keep what they replaced: LineSource's byte lines are the lines
// it hands out as Strings, the journal's byte-level fast path quotes as the Character scan did, and
// the key table's Shift column, worked out once, is what the per-press `isLetter` gave.
import Foundation
import Testing
@testable import NarvaroCore
@testable import NarvaroDaemon

@Suite struct ReplayHotPathTests {
    /// Every line as `next(timeout:)` and as `next(timeout:_:)` give it, with the line numbers.
    func lines(_ text: String, bytes: Bool) throws -> [String] {
        let directory = try TemporaryDirectory("lines")
        let path = directory.appending("input.evemu").path
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        let source = try LineSource(path: path)
        var out: [String] = []
        while true {
            if bytes {
                guard case .line(let line) = try source.next(timeout: -1, { Array($0) }) else { break }
                out.append("\(source.lineNumber):" + String(decoding: line, as: UTF8.self))
            } else {
                guard case .line(let line) = try source.next(timeout: -1) else { break }
                out.append("\(source.lineNumber):" + line)
            }
        }
        return out
    }

    @Test(arguments: ["E: 0.000001 0004 0004 458792\nN: x\r\n\n# c\nlast", "", "\n", "only\n", "å\u{0}\n\nx"])
    func byteLinesAreTheStringLines(text: String) throws {
        let strings = try lines(text, bytes: false)
        #expect(try lines(text, bytes: true) == strings)
        #expect(strings.count == text.utf8.split(separator: 0x0A, omittingEmptySubsequences: false).count - (text.hasSuffix("\n") || text.isEmpty ? 1 : 0))
    }

    @Test func anOverlongLineIsRefusedByBothReads() throws {
        let text = String(repeating: "x", count: LineSource.maxLineBytes + 1) + "\n"
        #expect(throws: DaemonError.self) { try lines(text, bytes: true) }
        #expect(throws: DaemonError.self) { try lines(text, bytes: false) }
    }

    /// The fast path's edges: DEL and other controls, "=", quotes, spaces, non-ASCII and the empty value.
    @Test(arguments: [
        ("entre", "entre"), ("drop-in_2/x.y", "drop-in_2/x.y"), ("a\u{7F}b", "a\\x7Fb"), ("a\tb", "a\\tb"),
        ("x=y", "\"x=y\""), ("a\"b", "\"a\\\"b\""), ("a b", "\"a b\""), ("", "\"\""), ("åäö", "åäö"),
        ("\u{202E}x", "<U+202E>x"), ("a\\b", "a\\b"), ("~!", "~!"),
    ])
    func journalQuotesAsTheCharacterScanDid(value: String, quoted: String) {
        #expect(Journal.quote(value) == quoted)
    }

    @Test func shiftedKeysAreWhatIsLetterGave() {
        for code in UInt16(0)...300 {
            let plain = KeyLayout.keys[code]?.character
            let old: Character? = plain.flatMap { $0.isLetter ? Character($0.uppercased()) : nil }
            #expect(KeyLayout.character(for: code, shifted: false) == plain)
            #expect(KeyLayout.character(for: code, shifted: true) == old, "code \(code)")
        }
        #expect(KeyLayout.character(for: 30, shifted: true) == "A")
    }
}
