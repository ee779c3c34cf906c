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
        guard priority <= minimum else { return }
        // Built in one growing String: a line per swipe, and the map/join/interpolation it was
        // made with cost more than its write (docs/benchmarks.md, "CPU per swipe").
        var text = "<"
        text.reserveCapacity(24 + event.utf8.count + fields.count * 24)
        text += String(priority.rawValue)
        text += ">"
        Self.append(event, fields, to: &text)
        text += "\n"
        write(text)
    }

    public static func line(_ event: String, _ fields: [(String, String)]) -> String {
        var text = ""
        append(event, fields, to: &text)
        return text
    }

    private static func append(_ event: String, _ fields: [(String, String)], to text: inout String) {
        text += event
        for (key, value) in fields {
            text += " "
            text += key
            text += "="
            text += quote(value)
        }
    }

    static func quote(_ value: String) -> String {
        // Printable ASCII without space, quote or "=" (ids, slugs, outcomes: nearly every value) needs
        // neither quotes nor `visible`; checked on bytes, far cheaper than the Character scan below.
        if !value.isEmpty, value.utf8.allSatisfy({ $0 > 0x20 && $0 < 0x7F && $0 != UInt8(ascii: "\"") && $0 != UInt8(ascii: "=") }) {
            return value
        }
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

    /// One write(2) per line, so lines from a crash-looping daemon never interleave mid-line.
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
        switch event {
        case .recorded(let r):
            log(.info, "checkin", [("id", String(r.id)), ("reader", r.reader), ("venue", r.venue), ("activity", r.activity ?? "-"),
                                   ("outcome", r.outcome.rawValue), ("attribution", r.attribution.rawValue)]
                + (r.isNew ? [] : [("replayed", "already-recorded")]))
        case .rejected(let reader, let reason, _):
            log(.notice, "swipe-rejected", [("reader", reader), ("reason", reason.description)])
        case .deferred(let reader, let backlog, let error):
            log(.warning, "swipe-deferred", [("reader", reader), ("backlog", String(backlog)), ("error", error)])
        case .failed(let reader, let reason, _):
            log(.error, "swipe-lost", [("reader", reader), ("error", reason)])
        }
    }
}
