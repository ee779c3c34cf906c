// Reads an evemu recording one line at a time, so `narvarod --replay -` can decode stdin as it
// arrives. EvemuRecording.parse uses the same parser, so a file and a stream agree line by line.
// Works on the line's UTF-8 bytes: evemu syntax is ASCII, and Character-level String work was
// most of the replay's CPU (docs/benchmarks.md, "Replay against a Python peer").

/// Parses evemu text (`evemu-record` output) line by line.
///
/// Header lines (`N:`, `I:`, `P:`, `B:`, `A:`, `L:`, `S:` and any other `X:` header), `#` comments
/// and blank lines yield nil; `E:` lines yield the event with its time exactly as written (see
/// `EvemuRecording.absolute` for the offset rule). Anything else is an error naming the line.
public struct EvemuLineParser: Sendable {
    /// The number of the line most recently passed to `parse(line:)` (1-based).
    public private(set) var lineNumber = 0
    /// The device name from the `N:` line, once seen.
    public private(set) var name: String?
    /// The USB vendor id from the `I:` line, once seen.
    public private(set) var vendor: UInt16?
    /// The USB product id from the `I:` line, once seen.
    public private(set) var product: UInt16?

    static let eventSyntax = "expected 'E: <sec>.<usec> <type> <code> <value>'"

    /// A line's bytes; fields are index ranges into them, so nothing is copied until an error.
    typealias Bytes = UnsafeBufferPointer<UInt8>

    public init() {}

    /// Parses the next line (without its newline; a trailing carriage return is ignored).
    /// - Returns: the event on an `E:` line, nil for header, comment and blank lines.
    public mutating func parse(line: String) throws(InputError) -> InputEvent? {
        var line = line
        // A native String hands out its UTF-8 without copying (LineSource's lines are native).
        let result: Result<InputEvent?, InputError> = line.withUTF8 { bytes in
            do throws(InputError) { return .success(try parse(bytes: bytes)) } catch { return .failure(error) }
        }
        return try result.get()
    }

    /// Parses the next line given as UTF-8 bytes (without its newline; a trailing "\r" is ignored).
    public mutating func parse(bytes line: UnsafeBufferPointer<UInt8>) throws(InputError) -> InputEvent? {
        lineNumber += 1
        var end = line.count
        if end > 0, line[end - 1] == UInt8(ascii: "\r") { end -= 1 }
        if let event = Self.commonEvent(line, end: end) { return event }
        return try parseGeneral(line, end: end)
    }

    /// Any line (up to `end`, its "\r" dropped), without the `commonEvent` shortcut: the tests and
    /// the evemu fuzz target check that the two agree wherever the shortcut answers.
    mutating func parseGeneral(_ line: Bytes, end: Int) throws(InputError) -> InputEvent? {
        var start = 0
        while start < end, Self.isBlank(line[start]) { start += 1 }
        if start == end || line[start] == UInt8(ascii: "#") { return nil }
        let text = start..<end
        if end - start >= 2, line[start + 1] == UInt8(ascii: ":") {
            switch line[start] {
            case UInt8(ascii: "E"): return try parseEvent(line, text)
            case UInt8(ascii: "N"):
                let value = Self.trimmed(line, start + 2..<end)
                name = value.isEmpty ? nil : Self.string(line, value)
                return nil
            case UInt8(ascii: "I"):
                try parseIdentity(line, start + 2..<end)
                return nil
            case UInt8(ascii: "A")...UInt8(ascii: "Z"):
                return nil  // P:, B:, A:, L:, S:… describe the device; replay does not need them.
            default: break
            }
        }
        throw fail("unexpected text '\(Self.excerpt(line, text))': \(Self.eventSyntax), a header like 'N: <name>', or a '#' comment")
    }

    private mutating func parseIdentity(_ line: Bytes, _ text: Range<Int>) throws(InputError) {
        var fields = Fields<5>()
        fields.split(line, text)
        guard fields.count == 4, let bus = Self.hex(line, fields[0]), let vendor = Self.hex(line, fields[1]),
              let product = Self.hex(line, fields[2]), Self.hex(line, fields[3]) != nil else {
            throw fail("expected 'I: <bus> <vendor> <product> <version>' as four hex numbers")
        }
        _ = bus
        self.vendor = vendor
        self.product = product
    }

    private func parseEvent(_ line: Bytes, _ text: Range<Int>) throws(InputError) -> InputEvent {
        // The description evemu appends ("# EV_KEY / KEY_1  1") is a comment: drop it.
        var contentEnd = text.lowerBound + 2
        while contentEnd < text.upperBound, line[contentEnd] != UInt8(ascii: "#") { contentEnd += 1 }
        var fields = Fields<5>()
        fields.split(line, text.lowerBound + 2..<contentEnd)
        guard fields.count == 4 else { throw fail(Self.eventSyntax) }
        let time = try parseTime(line, fields[0])
        guard let type = Self.hex(line, fields[1]) else {
            throw fail("event type '\(Self.excerpt(line, fields[1]))' is not a hex number from 0000 to ffff")
        }
        guard let code = Self.hex(line, fields[2]) else {
            throw fail("event code '\(Self.excerpt(line, fields[2]))' is not a hex number from 0000 to ffff")
        }
        guard let value = Self.int32(line, fields[3]) else {
            throw fail("event value '\(Self.excerpt(line, fields[3]))' is not a whole number from -2147483648 to 2147483647")
        }
        return InputEvent(time: time, type: type, code: code, value: value)
    }

    /// `sec.usec`. Fewer than six fraction digits read as a decimal fraction ("1.5" is 1.500000);
    /// more than six would be finer than the kernel's microseconds, so they are rejected.
    private func parseTime(_ line: Bytes, _ field: Range<Int>) throws(InputError) -> EventTime {
        if line[field.lowerBound] == UInt8(ascii: "-") { throw fail("time '\(Self.excerpt(line, field))' is negative") }
        var dot = field.lowerBound
        while dot < field.upperBound, line[dot] != UInt8(ascii: ".") { dot += 1 }
        let whole = field.lowerBound..<dot
        let fraction = min(dot + 1, field.upperBound)..<field.upperBound
        guard dot < field.upperBound, Self.isDigits(line, whole), Self.isDigits(line, fraction) else {
            throw fail("time '\(Self.excerpt(line, field))' is not '<seconds>.<microseconds>'")
        }
        guard fraction.count <= 6 else {
            throw fail("time '\(Self.excerpt(line, field))' has more than 6 microsecond digits")
        }
        var usec: Int64 = 0
        for i in fraction { usec = usec * 10 + Int64(line[i] &- UInt8(ascii: "0")) }
        for _ in fraction.count..<6 { usec *= 10 }
        var seconds: Int64 = 0
        for i in whole {
            let (times10, o1) = seconds.multipliedReportingOverflow(by: 10)
            let (sum, o2) = times10.addingReportingOverflow(Int64(line[i] &- UInt8(ascii: "0")))
            if o1 || o2 { throw fail("time '\(Self.excerpt(line, field))' is too large") }
            seconds = sum
        }
        let (scaled, overflow) = seconds.multipliedReportingOverflow(by: 1_000_000)
        guard !overflow, scaled <= Int64.max - usec else {
            throw fail("time '\(Self.excerpt(line, field))' is too large")
        }
        return EventTime(microseconds: scaled + usec)
    }

    /// The shape evemu-record writes, `E: <sec>.<usec> <hex> <hex> <value>` then blanks and an
    /// optional `#` comment, read in one pass over the bytes: nearly every line of a recording. Nil
    /// for anything else (a `0x` prefix, a `+` sign, 13+ second digits, five hex digits, an error…),
    /// which the general path then reads; so this never accepts a line that path refuses nor reads
    /// one differently. The general path's field splitting, range checks and overflow arithmetic were
    /// most of narvarod's own CPU per swipe (docs/benchmarks.md, "narvarod's own code per swipe").
    static func commonEvent(_ line: Bytes, end: Int) -> InputEvent? {
        guard end > 2, line[0] == UInt8(ascii: "E"), line[1] == UInt8(ascii: ":") else { return nil }
        var i = 2
        while i < end, isBlank(line[i]) { i += 1 }
        // Seconds: at most 12 digits, so neither they nor their microseconds can overflow.
        var seconds: Int64 = 0
        let wholeStart = i
        while i < end, case let digit = line[i] &- UInt8(ascii: "0"), digit < 10 {
            seconds = seconds &* 10 &+ Int64(digit)
            i += 1
        }
        guard i > wholeStart, i - wholeStart <= 12, i < end, line[i] == UInt8(ascii: ".") else { return nil }
        i += 1
        var usec: Int64 = 0
        let fractionStart = i
        while i < end, case let digit = line[i] &- UInt8(ascii: "0"), digit < 10 {
            usec = usec &* 10 &+ Int64(digit)
            i += 1
        }
        let fractionDigits = i - fractionStart
        guard fractionDigits >= 1, fractionDigits <= 6 else { return nil }
        for _ in fractionDigits..<6 { usec *= 10 }
        guard let type = commonHex(line, &i, end), let code = commonHex(line, &i, end) else { return nil }
        // The value: an optional "-", then 1 to 9 digits (below 2^31 whatever they are).
        guard i < end, isBlank(line[i]) else { return nil }
        while i < end, isBlank(line[i]) { i += 1 }
        let negative = i < end && line[i] == UInt8(ascii: "-")
        if negative { i += 1 }
        var magnitude: Int32 = 0
        let valueStart = i
        while i < end, case let digit = line[i] &- UInt8(ascii: "0"), digit < 10 {
            magnitude = magnitude &* 10 &+ Int32(digit)
            i += 1
        }
        guard i > valueStart, i - valueStart <= 9 else { return nil }
        // Then only blanks up to the end or a comment.
        while i < end, isBlank(line[i]) { i += 1 }
        guard i == end || line[i] == UInt8(ascii: "#") else { return nil }
        return InputEvent(time: EventTime(microseconds: seconds * 1_000_000 + usec), type: type, code: code,
                          value: negative ? -magnitude : magnitude)
    }

    /// For `commonEvent`: blanks, then 1 to 4 hex digits followed by a blank; advances `i` past the digits.
    private static func commonHex(_ line: Bytes, _ i: inout Int, _ end: Int) -> UInt16? {
        guard i < end, isBlank(line[i]) else { return nil }
        while i < end, isBlank(line[i]) { i += 1 }
        var value: UInt16 = 0
        let start = i
        while i < end {
            let byte = line[i]
            guard let digit = hexDigit(byte) else {
                guard i > start, i - start <= 4, isBlank(byte) else { return nil }
                return value
            }
            value = value &<< 4 | UInt16(digit)
            i += 1
        }
        return nil
    }

    /// The value of one hex digit, either case; nil for any other byte.
    @inline(__always)
    static func hexDigit(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return byte &- UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return byte &- UInt8(ascii: "a") &+ 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): return byte &- UInt8(ascii: "A") &+ 10
        default: return nil
        }
    }

    private func fail(_ reason: String) -> InputError {
        .malformedRecording(line: lineNumber, reason: reason)
    }

    // MARK: Byte helpers

    static func isBlank(_ byte: UInt8) -> Bool { byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") }

    /// A 16-bit hex number as evemu writes it (`%04x`); a `0x` prefix is tolerated.
    static func hex(_ line: Bytes, _ field: Range<Int>) -> UInt16? {
        var i = field.lowerBound
        if field.count >= 2, line[i] == UInt8(ascii: "0"), line[i + 1] | 0x20 == UInt8(ascii: "x") { i += 2 }
        guard i < field.upperBound else { return nil }
        var value: UInt32 = 0
        while i < field.upperBound {
            guard let digit = hexDigit(line[i]) else { return nil }
            value = value << 4 | UInt32(digit)
            if value > 0xFFFF { return nil }
            i += 1
        }
        return UInt16(value)
    }

    /// A whole number as `Int32(String)` reads it: an optional sign, then one or more digits.
    static func int32(_ line: Bytes, _ field: Range<Int>) -> Int32? {
        var i = field.lowerBound
        let negative = line[i] == UInt8(ascii: "-")
        if negative || line[i] == UInt8(ascii: "+") { i += 1 }
        guard i < field.upperBound else { return nil }
        var magnitude: Int64 = 0
        while i < field.upperBound {
            let digit = line[i] &- UInt8(ascii: "0")
            guard digit < 10 else { return nil }
            magnitude = magnitude * 10 + Int64(digit)
            if magnitude > 1 << 31 { return nil }
            i += 1
        }
        return Int32(exactly: negative ? -magnitude : magnitude)
    }

    static func isDigits(_ line: Bytes, _ field: Range<Int>) -> Bool {
        guard !field.isEmpty else { return false }
        for i in field where line[i] &- UInt8(ascii: "0") >= 10 { return false }
        return true
    }

    static func trimmed(_ line: Bytes, _ text: Range<Int>) -> Range<Int> {
        var lower = text.lowerBound, upper = text.upperBound
        while lower < upper, isBlank(line[lower]) { lower += 1 }
        while upper > lower, isBlank(line[upper - 1]) { upper -= 1 }
        return lower..<upper
    }

    static func string(_ line: Bytes, _ range: Range<Int>) -> String {
        String(decoding: UnsafeBufferPointer(rebasing: line[range]), as: UTF8.self)
    }

    /// Keeps error messages one short line even when the input line is huge (40 Characters).
    static func excerpt(_ line: Bytes, _ range: Range<Int>) -> String {
        let text = string(line, range)
        return text.count > 40 ? String(text.prefix(40)) + "…" : text
    }
}

/// Up to N - 1 blank-separated fields of a line as ranges, without allocating; `count` keeps
/// counting past the capacity so "too many fields" is still seen.
struct Fields<let N: Int> {
    private var ranges = InlineArray<N, Range<Int>>(repeating: 0..<0)
    private(set) var count = 0

    subscript(index: Int) -> Range<Int> { ranges[index] }

    mutating func split(_ line: UnsafeBufferPointer<UInt8>, _ text: Range<Int>) {
        var i = text.lowerBound
        while true {
            while i < text.upperBound, EvemuLineParser.isBlank(line[i]) { i += 1 }
            if i == text.upperBound { return }
            let start = i
            while i < text.upperBound, !EvemuLineParser.isBlank(line[i]) { i += 1 }
            if count < N { ranges[count] = start..<i }
            count += 1
        }
    }
}
