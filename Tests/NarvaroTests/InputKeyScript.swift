// Test helper: writes key events the way a USB card reader sends them (MSC_SCAN, EV_KEY,
// SYN_REPORT, ~8 ms per HID report), so decoder tests read like what happens at the reader.
@testable import NarvaroCore
@testable import NarvaroDesk
@testable import NarvaroDaemon
@testable import NarvaroCLI
@testable import NarvaroCommands
@testable import NarvarodCommands
@testable import NarvaroBench

/// Builds a stream of kernel events with a running clock (microseconds).
struct KeyScript {
    var now: Int64
    var events: [InputEvent] = []
    /// Time between HID reports: a full-speed USB keyboard is polled every 8 ms.
    var reportInterval: Int64 = 8_000

    init(start: Int64 = 1_794_931_512_000_000) { now = start }

    var time: EventTime { EventTime(microseconds: now) }

    mutating func wait(_ microseconds: Int64) { now += microseconds }

    /// One EV_KEY change in its own HID report (scan code, key, SYN_REPORT).
    mutating func key(_ code: UInt16, _ value: Int32) {
        events.append(InputEvent(time: time, type: EventCode.mscType, code: 4, value: 0x70000 + Int32(code)))
        events.append(InputEvent(time: time, type: EventCode.keyType, code: code, value: value))
        sync()
    }

    mutating func sync(_ code: UInt16 = EventCode.synReport) {
        events.append(InputEvent(time: time, type: EventCode.synType, code: code, value: 0))
    }

    /// Press, one report later release, one report later ready for the next key.
    mutating func tap(_ code: UInt16) {
        key(code, 1)
        wait(reportInterval)
        key(code, 0)
        wait(reportInterval)
    }

    /// Types card text: digits on the digit row, uppercase letters with Left Shift held.
    mutating func type(_ text: String) {
        for character in text {
            guard let code = KeyLayout.code(typing: character) else { continue }
            if character.isUppercase { key(EventCode.keyLeftShift, 1) }
            tap(code)
            if character.isUppercase { key(EventCode.keyLeftShift, 0) }
        }
    }

    mutating func typeKeypad(_ digits: String) {
        for digit in digits { if let code = KeyLayout.code(typing: digit, keypad: true) { tap(code) } }
    }

    /// Presses Enter and returns the time of the press (the swipe's time).
    @discardableResult
    mutating func enter(_ code: UInt16 = EventCode.keyEnter) -> EventTime {
        let pressed = time
        tap(code)
        return pressed
    }
}

/// Runs events through a decoder and collects everything it reports.
func decode(_ events: [InputEvent], _ decoder: CardDecoder = CardDecoder(reader: "entré")) -> [DecoderOutput] {
    var decoder = decoder
    return events.compactMap { decoder.feed($0) }
}
