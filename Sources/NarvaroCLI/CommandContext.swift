// What every command gets: the global options resolved (database, card key, language), the
// environment, the output, and the clock, so commands stay small and tests can run them in-process.
import NarvaroCore
import FoundationEssentials
import Glibc

public final class CommandContext {
    public static let defaultDatabase = "/var/lib/narvaro/narvaro.db"

    public let environment: [String: String]
    public let output: any TextOutput
    public let databasePath: String
    public let cardKeyPath: String
    public let lang: Lang
    private var openStore: Store?

    init(global: ParsedArguments, environment: [String: String], output: any TextOutput) throws(CommandError) {
        self.environment = environment
        self.output = output
        // SQLite would take "" as a private temporary database and lose everything written to it.
        for option in ["--database", "--card-key"] where global.string(option)?.isEmpty == true {
            throw CommandError.usage("\(option) takes a file path, not an empty string")
        }
        databasePath = global.string("--database") ?? environment["NARVARO_DATABASE"].flatMap { $0.isEmpty ? nil : $0 } ?? Self.defaultDatabase
        cardKeyPath = CardKey.path(option: global.string("--card-key"), environment: environment)
        do { lang = try Lang.resolve(option: global.string("--lang"), environment: environment) } catch { throw CommandError.usage(error.description) }
    }

    /// The database, opened once. Only commands that set things up may create the file.
    public func store(create: Bool = false) throws -> Store {
        if let openStore { return openStore }
        let store = try Store.open(path: databasePath, create: create, cardKeyPath: cardKeyPath)
        openStore = store
        return store
    }

    /// The database for a command that only reads, opened read-only: never created, migrated or
    /// written, and the card key only loaded, never created. Staff in the database's group can run these.
    public func readStore() throws -> Store {
        if let openStore { return openStore }
        umask(0o027)
        let db = try NarvaroDatabase.openReadOnly(path: databasePath)
        let keyPath = cardKeyPath
        let store = Store(db: db, cardKey: { CardHasher(key: try CardKey.load(path: keyPath)) })
        openStore = store
        return store
    }

    public var now: EventTime { EventTime(microseconds: Int64(Date().timeIntervalSince1970 * 1_000_000)) }
    public var currentYear: Int { LocalDate(dayNumber: Int(now.seconds / 86_400)).year }

    /// Prints text for a terminal: stored and typed text in it cannot execute (`OutsideText.visible`).
    public func out(_ text: String) { output.out(OutsideText.visible(text, keepingLineBreaks: true)) }

    /// Prints a document byte for byte (CSV, HTML): its writer made its text cells safe.
    public func outDocument(_ text: String) { output.out(text) }

    /// A message on standard error, terminal-safe like `out`.
    public func err(_ text: String) { output.err(OutsideText.visible(text, keepingLineBreaks: true)) }

    /// Prints JSON (pretty) followed by a newline; JSON escapes every hidden character itself.
    public func out(_ json: JSONValue) { output.out(json.serialized(pretty: true) + "\n") }

    /// The `--format` of a command: `table` (default) or `json`, or the given choices.
    public func format(_ arguments: ParsedArguments, allowed: [String] = ["table", "json"]) throws(CommandError) -> String {
        let format = (arguments.string("--format") ?? allowed[0]).lowercased()
        guard allowed.contains(format) else { throw CommandError.usage("--format takes \(allowed.joined(separator: ", ")), not '\(format)'") }
        return format
    }

    /// Local time in the venue's zone as `2026-11-17 15:30`.
    public func localTime(_ t: EventTime, clock: VenueClock) -> String {
        let m = clock.minuteOfDay(of: t)
        return "\(clock.localDate(of: t)) \(m / 60 < 10 ? "0" : "")\(m / 60):\(m % 60 < 10 ? "0" : "")\(m % 60)"
    }
}

/// The global options both executables accept.
public let narvaroGlobalOptions: [OptionSpec] = [
    .value("--database", "DB", "the database (default $NARVARO_DATABASE, then /var/lib/narvaro/narvaro.db)"),
    .value("--card-key", "PATH", "the card key file (default $NARVARO_CARD_KEY, then /etc/narvaro/card-key)"),
    .value("--lang", "sv|en", "language of tables, help and messages (default $NARVARO_LANG, then sv if LANG is sv_*, else en)"),
]
