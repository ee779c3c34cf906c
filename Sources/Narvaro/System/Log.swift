// Log lines for journald: a systemd priority prefix (<3>…<7>), a short message and key=value
// fields, written to stderr in one write so lines never interleave.
import Glibc

/// syslog priorities, as the numbers journald reads from a `<N>` line prefix.
public enum LogLevel: Int, Comparable, Sendable, CaseIterable, CustomStringConvertible {
    case error = 3
    case warning = 4
    case notice = 5
    case info = 6
    case debug = 7

    /// More urgent levels are *smaller* numbers; `a < b` means `a` is more urgent.
    public static func < (a: LogLevel, b: LogLevel) -> Bool { a.rawValue < b.rawValue }

    public var description: String {
        switch self {
        case .error: return "error"
        case .warning: return "warning"
        case .notice: return "notice"
        case .info: return "info"
        case .debug: return "debug"
        }
    }

    /// Parses "error", "warning", "notice", "info", "debug" (for a `--log-level` option).
    public init?(name: String) {
        guard let level = LogLevel.allCases.first(where: { $0.description == name.lowercased() }) else { return nil }
        self = level
    }
}

/// A structured logger: `log.info("reader opened", ["reader": "entré", "path": "/dev/input/event3"])`
/// prints `<6>reader opened reader=entré path=/dev/input/event3`.
///
/// Privacy: NEVER pass a card number, a card hash, a nickname or any other visitor data as a message
/// or field. Log reader names, device paths, counts and outcomes only; the journal is readable by
/// administrators and kept far longer than the attendance retention period.
public struct Log: Sendable {
    /// Lines less urgent than this are dropped.
    public var minimumLevel: LogLevel
    private let sink: @Sendable (String) -> Void

    /// A logger writing to `sink` (default: standard error, which systemd sends to the journal).
    public init(minimumLevel: LogLevel = .info, sink: @escaping @Sendable (String) -> Void = Log.standardError) {
        self.minimumLevel = minimumLevel
        self.sink = sink
    }

    public func error(_ message: String, _ fields: KeyValuePairs<String, String> = [:]) { log(.error, message, fields) }
    public func warning(_ message: String, _ fields: KeyValuePairs<String, String> = [:]) { log(.warning, message, fields) }
    public func notice(_ message: String, _ fields: KeyValuePairs<String, String> = [:]) { log(.notice, message, fields) }
    public func info(_ message: String, _ fields: KeyValuePairs<String, String> = [:]) { log(.info, message, fields) }
    public func debug(_ message: String, _ fields: KeyValuePairs<String, String> = [:]) { log(.debug, message, fields) }

    /// Writes one line at `level` unless it is below `minimumLevel`. See the privacy note on `Log`.
    public func log(_ level: LogLevel, _ message: String, _ fields: KeyValuePairs<String, String> = [:]) {
        guard level <= minimumLevel else { return }
        sink(Log.format(level, message, fields))
    }

    /// The line without its newline, e.g. `<4>reader lost reader=entré error="No such device"`.
    public static func format(_ level: LogLevel, _ message: String, _ fields: KeyValuePairs<String, String>) -> String {
        var line = "<\(level.rawValue)>" + oneLine(message)
        for (key, value) in fields { line += " \(oneLine(key))=\(quoted(value))" }
        return line
    }

    /// A value as-is when it is a plain word, else in double quotes with `"` and `\` escaped.
    static func quoted(_ value: String) -> String {
        let plain = !value.isEmpty && !value.contains { $0 == " " || $0 == "\"" || $0 == "=" || $0 == "\\" || $0.isNewline || $0 == "\t" }
        if plain { return value }
        var out = "\""
        for character in value {
            switch character {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n", "\r\n", "\r": out += "\\n"
            case "\t": out += "\\t"
            default: out.append(character)
            }
        }
        return out + "\""
    }

    /// journald splits records at newlines, so a message keeps to one line.
    private static func oneLine(_ text: String) -> String {
        String(text.map { $0.isNewline ? " " : $0 })
    }

    /// Writes `line` and a newline to fd 2 in a single `write(2)`.
    public static let standardError: @Sendable (String) -> Void = { line in
        let bytes = Array((line + "\n").utf8)
        try? FileDescriptor(rawValue: STDERR_FILENO).write(bytes)
    }
}
