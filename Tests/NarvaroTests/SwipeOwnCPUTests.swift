// The second round of CPU cuts on narvarod's own swipe path (issue 17) keeps what it replaced: the
// evemu shortcut reads lines as the general path does, LineSource's fixed buffer splits as a split
// at "\n" would, HeldKeys is a Set, journal lines and bound text are byte for byte the same.
import Foundation
import Testing
@testable import NarvaroCore
@testable import NarvaroDaemon

@Suite struct SwipeOwnCPUTests {
    /// What the general path gives for `text` (nil: nothing or an error), and what the shortcut gives.
    func bothReads(_ text: String) -> (general: InputEvent?, shortcut: InputEvent?) {
        var bytes = Array(text.utf8)
        return bytes.withUnsafeMutableBufferPointer { mutable in
            let line = UnsafeBufferPointer(mutable)
            let end = line.last == 0x0D ? line.count - 1 : line.count
            var parser = EvemuLineParser()
            return ((try? parser.parseGeneral(line, end: end)) ?? nil, EvemuLineParser.commonEvent(line, end: end))
        }
    }

    @Test(arguments: [
        "E: 53999.950000 0001 0002 0001\t# EV_KEY / KEY_1                1",
        "E: 0.000001 0004 0004 458792", "E:1.5 0001 001c 1", "E: 1.5 0001 001c 1\r", "E: 1.5 0001 001C -1 ",
        "E: 999999999999.999999 ffff FFFF 999999999", "E: 1.0 0001 0002 -0#x", "E:  \t1.0\t\t1 2 3  # c",
        "E: 000000000001.000001 0000 0000 0000",
    ])
    func theShortcutReadsCommonLinesAsTheGeneralPathDoes(line: String) {
        let (general, shortcut) = bothReads(line)
        #expect(shortcut != nil, "the shortcut should take this line")
        #expect(shortcut == general)
    }

    /// Lines the shortcut must leave to the general path: it would refuse them, or reads them with
    /// rules the shortcut does not carry (a `0x` prefix, a `+`, 13 second digits, a fifth hex digit).
    @Test(arguments: [
        "E: 1.0 0x01 0002 1", "E: 1.0 0001 0002 +1", "E: 1000000000000.0 0001 0002 1", "E: 1.0 00001 0002 1",
        "E: 1.0 0001 0002 1234567890", "E: 1.0000000 0001 0002 1", "E: 1. 0001 0002 1", "E: .5 0001 0002 1",
        "E: -1.0 0001 0002 1", "E: 1.0 0001 0002", "E: 1.0 0001 0002 1 5", "E: 1.0 0001 0002 1x", "E: 1.0 0001#0002 1",
        " E: 1.0 0001 0002 1", "E: 1.0 0001 0002 1\r\r", "E: 1.0 000g 0002 1", "E: 1.0 0001 0002 -", "E:", "N: name", "",
    ])
    func theShortcutLeavesOtherLinesToTheGeneralPath(line: String) {
        #expect(bothReads(line).shortcut == nil)
    }

    /// Every one-byte change of a few common lines: where the shortcut answers, it answers as the general path.
    @Test func theShortcutAgreesUnderEveryOneByteChange() {
        let alphabet = Array("0123456789abcdefABCDEFxX+-. \t#\rE:".utf8)
        var answered = 0
        for base in ["E: 53999.950000 0001 0002 0001\t# c", "E: 1.5 0004 0004 458792", "E:1.000001 ffff 001c -7"] {
            let bytes = Array(base.utf8)
            for i in bytes.indices {
                for replacement in alphabet {
                    var changed = bytes
                    changed[i] = replacement
                    let (general, shortcut) = bothReads(String(decoding: changed, as: UTF8.self))
                    if let shortcut {
                        answered += 1
                        #expect(shortcut == general, "\(String(decoding: changed, as: UTF8.self).debugDescription)")
                    }
                }
            }
        }
        #expect(answered > 500)
    }

    /// A recording several read chunks long, lines of every length up to the limit: the fixed buffer
    /// (compacted before each read) hands out exactly the lines a split at "\n" gives.
    @Test func lineSourceSplitsAcrossReadChunksAsASplitDoes() throws {
        var text = ""
        var length = 0
        while text.utf8.count < 3 * LineSource.chunkBytes {
            text += String(repeating: "x", count: length) + "\n"
            length = (length * 7 + 13) % (LineSource.maxLineBytes + 1)
        }
        text += String(repeating: "y", count: LineSource.maxLineBytes)  // the last line, at the limit, without "\n"
        let directory = try TemporaryDirectory("chunks")
        let path = directory.appending("input.evemu").path
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        let source = try LineSource(path: path)
        var lines: [[UInt8]] = []
        while case .line(let line) = try source.next(timeout: -1, { Array($0) }) { lines.append(line) }
        #expect(lines == text.utf8.split(separator: 0x0A, omittingEmptySubsequences: false).map(Array.init))
        #expect(source.lineNumber == lines.count)
    }

    /// Refusing a directory frees the read buffer once: `deinit` runs for the thrown-away source,
    /// and the initializer freed it as well at first (glibc aborted on the double free).
    @Test func aDirectoryIsRefusedWithoutFreeingTheBufferTwice() throws {
        let directory = try TemporaryDirectory("dir")
        for _ in 0..<50 {
            #expect(throws: DaemonError.self) { try LineSource(path: directory.path) }
            _ = [UInt8](repeating: 1, count: LineSource.capacity)  // reuse the freed chunk
        }
    }

    @Test func heldKeysActAsASet() {
        var held = HeldKeys()
        var set: Set<UInt16> = []
        var state: UInt32 = 7
        for _ in 0..<20_000 {
            state = state &* 1_103_515_245 &+ 12_345
            let code = UInt16(truncatingIfNeeded: state >> 8) % (state & 1 == 0 ? 300 : 0xFFFF)
            switch (state >> 24) % 5 {
            case 0, 1: held.insert(code); set.insert(code)
            case 2, 3: held.remove(code); set.remove(code)
            default: if state & 0x100 == 0 { held.removeAll(); set.removeAll() }
            }
            #expect(held.isEmpty == set.isEmpty)
            #expect(held.contains(code) == set.contains(code))
            #expect(held.contains(EventCode.keyLeftShift) == set.contains(EventCode.keyLeftShift))
        }
    }

    /// A key above 255 (kept in the Set part) held down still makes the decoder busy.
    @Test func aHeldKeyAbove255KeepsTheDecoderBusy() {
        var decoder = CardDecoder(reader: "r")
        _ = decoder.feed(InputEvent(time: EventTime(microseconds: 1), type: EventCode.keyType, code: 0x2C0, value: 1))
        #expect(!decoder.isIdle)
        _ = decoder.feed(InputEvent(time: EventTime(microseconds: 2), type: EventCode.keyType, code: 0x2C0, value: 0))
        #expect(decoder.isIdle)
    }

    @Test func cardBytesAreTheLayoutsCharacters() {
        for code in UInt16(0)...300 {
            for shifted in [false, true] {
                #expect(KeyLayout.cardByte(for: code, shifted: shifted).map { Character(Unicode.Scalar($0)) }
                        == KeyLayout.character(for: code, shifted: shifted), "code \(code)")
            }
        }
        #expect(KeyLayout.cardByte(for: .max, shifted: false) == nil)
    }

    /// The check-in line as the array of pairs made it, for new and replayed check-ins and odd values.
    @Test(arguments: [(Int64(12), true, "entre", "drop-in"), (.max, false, "front door", nil), (.min, true, "", "x=\"y\"")] as [(Int64, Bool, String, String?)])
    func theCheckInLineIsWhatThePairsGave(id: Int64, isNew: Bool, reader: String, activity: String?) {
        let checkIn = CheckIn(id: id, time: EventTime(microseconds: 1), reader: reader, venue: "bench", activity: activity,
                              activityName: nil, outcome: .duplicate, attribution: .scheduleOverlap, visitorCode: nil, visitorName: nil)
        let written = LockedLines()
        Journal(write: { written.append($0) }).log(.recorded(RecordedCheckIn(checkIn: checkIn, isNew: isNew)))
        let pairs = [("id", String(id)), ("reader", reader), ("venue", "bench"), ("activity", activity ?? "-"),
                     ("outcome", "duplicate"), ("attribution", "schedule-overlap")] + (isNew ? [] : [("replayed", "already-recorded")])
        #expect(written.lines == ["<6>" + Journal.line("checkin", pairs) + "\n"])
    }

    /// Text is bound from the String's own bytes up to its first NUL, as the C string passed before was.
    @Test(arguments: ["", "entre", "a\u{0}b", "åäö\u{1F600}", String(repeating: "long ", count: 40)])
    func boundTextReadsBackAsTheCStringDid(text: String) throws {
        let db = try TestDatabase()
        let row = try db.store.db.queryOne("SELECT ?1, typeof(?1), length(CAST(?1 AS BLOB))", text)
        let expected = String(text.prefix { $0 != "\u{0}" })
        #expect(row?.string(0) == expected)
        #expect(row?.string(1) == "text")
        #expect(row?.int(2) == expected.utf8.count)
    }

    /// A statement run with fewer values than it has parameters still finds the rest NULL, not the
    /// values of its previous run (bindings are cleared then).
    @Test func parametersLeftUnboundAreNullNotThePreviousValues() throws {
        let db = try TestDatabase()
        let sql = "SELECT ?1, ?2 IS NULL"
        #expect(try db.store.db.queryOne(sql, 1, 2)?.bool(1) == false)
        #expect(try db.store.db.queryOne(sql, 3)?.bool(1) == true)
        #expect(try db.store.db.queryOne(sql, 3)?.int(0) == 3)
    }
}

/// Lines a test's journal writer received (the writer must be Sendable).
final class LockedLines: @unchecked Sendable {
    private let lock = NSLock()
    private var stored: [String] = []
    func append(_ line: String) { lock.withLock { stored.append(line) } }
    var lines: [String] { lock.withLock { stored } }
}
