// Daemon log lines on stderr: a systemd priority prefix (`<3>` … `<7>`) so journald keeps the
// level, then a short event name and key=value fields. Card numbers are never passed here.
import NarvaroCore
import Glibc

public enum Priority: Int, Comparable, Sendable {
    case error = 3, warning = 4, notice = 5, info = 6, debug = 7

    public static func < (a: Priority, b: Priority) -> Bool { a.rawValue < b.rawValue }
}

public struct Journal {
    public var minimum: Priority
    private let write: @Sendable (String) -> Void

    public init(minimum: Priority = .info, write: @escaping @Sendable (String) -> Void = { Journal.writeStandardError($0) }) {
        self.minimum = minimum
        self.write = write
    }

    /// `<6>checkin id=12 reader=entre outcome=counted`: values with spaces or quotes are quoted.
    public func log(_ priority: Priority, _ event: String, _ fields: [(String, String)] = []) {
        if let text = entry(priority, event, fields) { write(text) }
    }

    /// The line `log` writes, or nil below the minimum priority.
    func entry(_ priority: Priority, _ event: String, _ fields: [(String, String)]) -> String? {
        guard priority <= minimum else { return nil }
        var line = LineBytes(priority, event, fieldCount: fields.count)
        for (key, value) in fields { line.field(key, value) }
        return line.text()
    }

    public static func line(_ event: String, _ fields: [(String, String)]) -> String {
        var line = LineBytes(nil, event, fieldCount: fields.count)
        for (key, value) in fields { line.field(key, value) }
        return String(decoding: line.bytes, as: UTF8.self)
    }

    /// One log line built as UTF-8 bytes, then made a String once: a line per swipe, and appending
    /// String to String (25 appends of a few bytes each) cost ~8,000 instructions per check-in,
    /// more than the rest of the line's work (docs/benchmarks.md, "narvarod's own code per swipe").
    struct LineBytes {
        var bytes: [UInt8] = []

        /// `<P>event` (just `event` without a priority).
        init(_ priority: Priority?, _ event: String, fieldCount: Int) {
            bytes.reserveCapacity(24 + event.utf8.count + fieldCount * 24)
            if let priority {
                bytes.append(UInt8(ascii: "<"))
                bytes.append(contentsOf: String(priority.rawValue).utf8)
                bytes.append(UInt8(ascii: ">"))
            }
            append(event)
        }

        /// ` key=value`, the value quoted as `quote` does.
        mutating func field(_ key: String, _ value: String) {
            bytes.append(UInt8(ascii: " "))
            append(key)
            bytes.append(UInt8(ascii: "="))
            // Checked and copied from the String's own UTF-8 buffer (a generic walk over `utf8` cost more).
            var value = value
            let plain = value.withUTF8 { utf8 in
                guard Journal.isPlain(utf8) else { return false }
                bytes.append(contentsOf: utf8)
                return true
            }
            if !plain { append(Journal.quote(value)) }
        }

        private mutating func append(_ text: String) {
            var text = text
            text.withUTF8 { bytes.append(contentsOf: $0) }
        }

        /// ` key=N` for a whole number (never quoted).
        mutating func field(_ key: String, _ value: Int64) {
            bytes.append(UInt8(ascii: " "))
            append(key)
            bytes.append(UInt8(ascii: "="))
            if value < 0 { bytes.append(UInt8(ascii: "-")) }
            var magnitude = value.magnitude
            var digits = 1
            while magnitude >= 10 { magnitude /= 10; digits += 1 }
            magnitude = value.magnitude
            let end = bytes.count + digits
            bytes.append(contentsOf: repeatElement(UInt8(ascii: "0"), count: digits))
            for i in stride(from: end - 1, through: end - digits, by: -1) {
                bytes[i] = UInt8(ascii: "0") + UInt8(magnitude % 10)
                magnitude /= 10
            }
        }

        /// The line with its newline, as the String the writer takes.
        mutating func text() -> String {
            bytes.append(UInt8(ascii: "\n"))
            return String(decoding: bytes, as: UTF8.self)
        }
    }

    /// Printable ASCII without space, quote or "=" (ids, slugs, outcomes: nearly every value): needs
    /// neither quotes nor `visible`; checked on bytes, far cheaper than the Character scan in `quote`.
    static func isPlain(_ value: String) -> Bool {
        var value = value
        return value.withUTF8 { isPlain($0) }
    }

    static func isPlain(_ utf8: UnsafeBufferPointer<UInt8>) -> Bool {
        guard !utf8.isEmpty else { return false }
        for byte in utf8 where byte <= 0x20 || byte >= 0x7F || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "=") { return false }
        return true
    }

    static func quote(_ value: String) -> String {
        if isPlain(value) { return value }
        // Device names, reader names and error texts come from outside: their control characters
        // are shown (`OutsideText.visible`, which also writes a line break as \n), never executed.
        guard value.isEmpty || value.contains(where: { $0 == " " || $0 == "\"" || $0 == "=" || $0.isNewline }) else {
            return OutsideText.visible(value)
        }
        // By scalars: "\r\n" is one Character, and its parts must be shown too.
        var escaped = ""
        for scalar in value.unicodeScalars {
            switch scalar {
            case "\\": escaped += "\\\\"
            case "\"": escaped += "\\\""
            default: escaped.unicodeScalars.append(scalar)
            }
        }
        return "\"" + OutsideText.visible(escaped) + "\""
    }

    /// One write(2) per call (a line, or a group's whole lines), so lines from a crash-looping
    /// daemon never interleave mid-line.
    @Sendable public static func writeStandardError(_ text: String) {
        var text = text
        text.withUTF8 { bytes in
            var offset = 0
            while offset < bytes.count {
                guard let n = try? retryOnInterrupt("write", { Glibc.write(2, bytes.baseAddress! + offset, bytes.count - offset) }), n > 0 else { return }
                offset += n
            }
        }
    }

    /// Logs what the pipeline did: a check-in only after its commit, never with the card number.
    public func log(_ event: PipelineEvent) {
        if let text = entry(event) { write(text) }
    }

    /// Logs what the pipeline did in one step with one write(2): a group commit reports up to 256
    /// check-ins at once, and a write per line was a system call per swipe. Whole lines only, so
    /// they still never interleave mid-line.
    public func log(_ events: [PipelineEvent]) {
        var text = ""
        for event in events {
            if let line = entry(event) { text += line }
        }
        if !text.isEmpty { write(text) }
    }

    /// The line logged for `event`, or nil below the minimum priority.
    func entry(_ event: PipelineEvent) -> String? {
        switch event {
        case .recorded(let r):
            // Field by field, without an array of pairs: this line is written for every swipe.
            guard Priority.info <= minimum else { return nil }
            let c = r.checkIn
            var line = LineBytes(.info, "checkin", fieldCount: 7)
            line.field("id", c.id)
            line.field("reader", c.reader)
            line.field("venue", c.venue)
            line.field("activity", c.activity ?? "-")
            line.field("outcome", c.outcome.rawValue)
            line.field("attribution", c.attribution.rawValue)
            if !r.isNew { line.field("replayed", "already-recorded") }
            return line.text()
        case .rejected(let reader, let reason, _):
            return entry(.notice, "swipe-rejected", [("reader", reader), ("reason", reason.description)])
        case .deferred(let reader, let backlog, let error):
            return entry(.warning, "swipe-deferred", [("reader", reader), ("backlog", String(backlog)), ("error", error)])
        case .failed(let reader, let reason, _):
            return entry(.error, "swipe-lost", [("reader", reader), ("error", reason)])
        }
    }
}
