// A whole evemu recording in memory: its header lines and events, read from and written back
// to the text `evemu-record` produces, so recordings serve as fixtures, demos and audit trails.

/// An evemu recording: the device header and the events, times as written in the file.
public struct EvemuRecording: Equatable, Sendable {
    /// The device name from the `N:` line.
    public var name: String?
    /// USB vendor and product ids from the `I:` line.
    public var vendor, product: UInt16?
    /// Every non-event, non-blank line (header lines and comments), in file order, verbatim
    /// (a CRLF file's lines keep their "\r"). The writer emits exactly these before the events.
    public var headerLines: [String]
    public var events: [InputEvent]

    /// Event times at or above this (10^9 seconds, in 2001) are Unix times; smaller ones are
    /// offsets from the start of the replay, as recent `evemu-record` versions write them.
    public static let unixTimeThreshold = EventTime(microseconds: 1_000_000_000 * 1_000_000)

    public init(name: String?, vendor: UInt16?, product: UInt16?, headerLines: [String], events: [InputEvent]) {
        self.name = name
        self.vendor = vendor
        self.product = product
        self.headerLines = headerLines
        self.events = events
    }

    /// A recording of a USB device with a minimal header (`# EVEMU 1.3`, `N:`, `I:` with bus 0003).
    public init(name: String, vendor: UInt16, product: UInt16, events: [InputEvent]) {
        let identity = "I: 0003 \(Self.hex4(vendor)) \(Self.hex4(product)) 0000"
        self.init(name: name, vendor: vendor, product: product,
                  headerLines: ["# EVEMU 1.3", "N: \(name)", identity], events: events)
    }

    /// Parses evemu text; the first bad line stops the parse with an error naming it.
    public static func parse(_ text: String) throws(InputError) -> EvemuRecording {
        var text = text
        let result: Result<EvemuRecording, InputError> = text.withUTF8 { bytes in
            do throws(InputError) { return .success(try parse(bytes: bytes)) } catch { return .failure(error) }
        }
        return try result.get()
    }

    /// Parses evemu text given as UTF-8 bytes (what `parse(_:)` does with a String's bytes).
    public static func parse(bytes: UnsafeBufferPointer<UInt8>) throws(InputError) -> EvemuRecording {
        var parser = EvemuLineParser()
        var headerLines: [String] = []
        var events: [InputEvent] = []
        // Split at "\n" bytes, exactly as LineSource splits a stream, so a file and a stream
        // see the same lines (splitting at Characters treats "\r\r\n" as "\r" + "\r\n"); the
        // parser drops a CRLF line's "\r", and header lines keep theirs so they write back as read.
        var start = 0
        while start <= bytes.count {
            var end = start
            while end < bytes.count, bytes[end] != UInt8(ascii: "\n") { end += 1 }
            let line = UnsafeBufferPointer(rebasing: bytes[start..<end])
            start = end + 1
            if let event = try parser.parse(bytes: line) {
                events.append(event)
            } else if !line.allSatisfy({ $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\t") || $0 == UInt8(ascii: "\r") }) {
                headerLines.append(String(decoding: line, as: UTF8.self))
            }
        }
        return EvemuRecording(name: parser.name, vendor: parser.vendor, product: parser.product,
                              headerLines: headerLines, events: events)
    }

    /// The recording as evemu text: the header lines, then one `E:` line per event with the
    /// description `evemu-record` adds. Parsing the result gives back an equal recording.
    public func evemuText() -> String {
        var lines = headerLines
        var lastSync: EventTime?
        for event in events {
            var line = "E: \(event.time) \(Self.hex4(event.type)) \(Self.hex4(event.code)) \(Self.padded(event.value))\t"
            if event.type == EventCode.synType {
                let sinceLast = lastSync.map { Self.milliseconds(from: $0, to: event.time) } ?? 0
                line += "# ------------ \(Self.codeName(event)) (\(event.value)) ---------- +\(sinceLast)ms"
                lastSync = event.time
            } else {
                let code = Self.codeName(event)
                let padding = String(repeating: " ", count: max(0, 20 - code.count))
                line += "# \(Self.typeName(event.type)) / \(code)\(padding) \(event.value)"
            }
            lines.append(line)
        }
        return lines.map { $0 + "\n" }.joined()
    }

    /// The absolute kernel time of an event time read from a recording: Unix times stay as they
    /// are, offsets are added to `start` (the replay's `--start`, or now).
    public static func absolute(_ time: EventTime, start: EventTime) -> EventTime {
        if time >= unixTimeThreshold { return time }
        let (sum, overflow) = start.microseconds.addingReportingOverflow(time.microseconds)
        return EventTime(microseconds: overflow ? (time.microseconds < 0 ? .min : .max) : sum)
    }

    // MARK: Writing helpers

    static func hex4(_ number: UInt16) -> String {
        let digits = String(number, radix: 16)
        return String(repeating: "0", count: max(0, 4 - digits.count)) + digits
    }

    /// `%04d`, as evemu writes values: `0001`, `-001`, `458782`.
    static func padded(_ value: Int32) -> String {
        let digits = String(value.magnitude)
        let width = value < 0 ? 3 : 4
        let zeros = String(repeating: "0", count: max(0, width - digits.count))
        return (value < 0 ? "-" : "") + zeros + digits
    }

    static func milliseconds(from earlier: EventTime, to later: EventTime) -> Int64 {
        let (gap, overflow) = later.microseconds.subtractingReportingOverflow(earlier.microseconds)
        return overflow ? 0 : max(0, gap) / 1000
    }

    static func typeName(_ type: UInt16) -> String {
        switch type {
        case EventCode.synType: "EV_SYN"
        case EventCode.keyType: "EV_KEY"
        case 0x02: "EV_REL"
        case 0x03: "EV_ABS"
        case EventCode.mscType: "EV_MSC"
        case 0x11: "EV_LED"
        case 0x14: "EV_REP"
        default: "?"
        }
    }

    static func codeName(_ event: InputEvent) -> String {
        switch (event.type, event.code) {
        case (EventCode.synType, EventCode.synReport): "SYN_REPORT"
        case (EventCode.synType, 1): "SYN_CONFIG"
        case (EventCode.synType, 2): "SYN_MT_REPORT"
        case (EventCode.synType, EventCode.synDropped): "SYN_DROPPED"
        case (EventCode.mscType, 4): "MSC_SCAN"
        case (EventCode.keyType, let code): KeyLayout.name(of: code) ?? "?"
        default: "?"
        }
    }
}
