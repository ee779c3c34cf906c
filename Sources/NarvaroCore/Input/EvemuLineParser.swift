// Reads an evemu recording one line at a time, so `narvarod --replay -` can decode stdin as it
// arrives. EvemuRecording.parse uses the same parser, so a file and a stream agree line by line.

/// A problem in an evemu recording, always naming the line so it can be found and fixed.
public enum EvemuError: Error, CustomStringConvertible, Equatable, Sendable {
    case malformed(line: Int, reason: String)

    public var description: String {
        switch self {
        case .malformed(let line, let reason): "line \(line): \(reason)"
        }
    }
}

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

    public init() {}

    /// Parses the next line (without its newline; a trailing carriage return is ignored).
    /// - Returns: the event on an `E:` line, nil for header, comment and blank lines.
    public mutating func parse(line rawLine: String) throws(EvemuError) -> InputEvent? {
        lineNumber += 1
        let line = rawLine.hasSuffix("\r") ? String(rawLine.dropLast()) : rawLine
        let text = line.drop(while: { $0 == " " || $0 == "\t" })
        if text.isEmpty || text.hasPrefix("#") { return nil }
        if text.hasPrefix("E:") { return try parseEvent(text) }
        if text.hasPrefix("N:") {
            let value = Self.trimmed(text.dropFirst(2))
            name = value.isEmpty ? nil : String(value)
            return nil
        }
        if text.hasPrefix("I:") {
            try parseIdentity(text)
            return nil
        }
        if let first = text.first, first.isASCII, first.isUppercase, text.dropFirst().hasPrefix(":") {
            return nil  // P:, B:, A:, L:, S:… describe the device; replay does not need them.
        }
        throw fail("unexpected text '\(Self.excerpt(text))': \(Self.eventSyntax), a header like 'N: <name>', or a '#' comment")
    }

    private mutating func parseIdentity(_ text: Substring) throws(EvemuError) {
        let fields = text.dropFirst(2).split(whereSeparator: { $0 == " " || $0 == "\t" })
        let numbers = fields.compactMap { Self.hex($0) }
        guard fields.count == 4, numbers.count == 4 else {
            throw fail("expected 'I: <bus> <vendor> <product> <version>' as four hex numbers")
        }
        vendor = numbers[1]
        product = numbers[2]
    }

    private func parseEvent(_ text: Substring) throws(EvemuError) -> InputEvent {
        // The description evemu appends ("# EV_KEY / KEY_1  1") is a comment: drop it.
        let content = text.prefix(while: { $0 != "#" })
        let fields = content.dropFirst(2).split(whereSeparator: { $0 == " " || $0 == "\t" })
        guard fields.count == 4 else { throw fail(Self.eventSyntax) }
        let time = try parseTime(fields[0])
        guard let type = Self.hex(fields[1]) else {
            throw fail("event type '\(Self.excerpt(fields[1]))' is not a hex number from 0000 to ffff")
        }
        guard let code = Self.hex(fields[2]) else {
            throw fail("event code '\(Self.excerpt(fields[2]))' is not a hex number from 0000 to ffff")
        }
        guard let value = Int32(fields[3]) else {
            throw fail("event value '\(Self.excerpt(fields[3]))' is not a whole number from -2147483648 to 2147483647")
        }
        return InputEvent(time: time, type: type, code: code, value: value)
    }

    /// `sec.usec`. Fewer than six fraction digits read as a decimal fraction ("1.5" is 1.500000);
    /// more than six would be finer than the kernel's microseconds, so they are rejected.
    private func parseTime(_ field: Substring) throws(EvemuError) -> EventTime {
        if field.hasPrefix("-") { throw fail("time '\(Self.excerpt(field))' is negative") }
        let parts = field.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 2, Self.isDigits(parts[0]), Self.isDigits(parts[1]) else {
            throw fail("time '\(Self.excerpt(field))' is not '<seconds>.<microseconds>'")
        }
        guard parts[1].count <= 6 else {
            throw fail("time '\(Self.excerpt(field))' has more than 6 microsecond digits")
        }
        let fraction = parts[1] + String(repeating: "0", count: 6 - parts[1].count)
        guard let seconds = Int64(parts[0]), let usec = Int64(fraction) else {
            throw fail("time '\(Self.excerpt(field))' is too large")
        }
        let (scaled, overflow) = seconds.multipliedReportingOverflow(by: 1_000_000)
        guard !overflow, scaled <= Int64.max - usec else {
            throw fail("time '\(Self.excerpt(field))' is too large")
        }
        return EventTime(microseconds: scaled + usec)
    }

    private func fail(_ reason: String) -> EvemuError {
        .malformed(line: lineNumber, reason: reason)
    }

    /// A 16-bit hex number as evemu writes it (`%04x`); a `0x` prefix is tolerated.
    static func hex(_ field: Substring) -> UInt16? {
        let digits = field.hasPrefix("0x") || field.hasPrefix("0X") ? field.dropFirst(2) : field
        guard !digits.isEmpty, digits.allSatisfy(\.isHexDigit) else { return nil }
        return UInt16(digits, radix: 16)
    }

    static func trimmed(_ text: Substring) -> Substring {
        var rest = text.drop(while: { $0 == " " || $0 == "\t" })
        while let last = rest.last, last == " " || last == "\t" { rest = rest.dropLast() }
        return rest
    }

    static func isDigits(_ text: Substring) -> Bool {
        !text.isEmpty && text.allSatisfy { $0.isASCII && $0.isNumber }
    }

    /// Keeps error messages one short line even when the input line is huge.
    static func excerpt(_ text: Substring) -> String {
        text.count > 40 ? String(text.prefix(40)) + "…" : String(text)
    }
}
