// The storage layer's one error type, each case one line that says what to do. One case per kind
// of problem (docs/errors.md); a case with a message keeps the message its call site wrote.

public enum StoreError: Error, CustomStringConvertible, Equatable {
    case notFound(kind: String, name: String, hint: String)
    case duplicate(kind: String, name: String)
    case ambiguous(kind: String, name: String, hint: String)
    /// A name or slug staff typed that cannot be stored: not a slug, empty, control characters.
    case badName(String)
    /// A number or length outside what the store accepts: cooldown, retention, birth year, grant rules.
    case outOfRange(String)
    /// Something the change needs was not given and cannot be chosen for the user (a reader's venue).
    case notGiven(String)
    /// The change contradicts what is stored: a card in use or revoked, the drop-in activity, a visitor with check-ins.
    case conflict(String)
    /// A typed card number, with readers of different card formats and none named.
    case cardFormatNotChosen
    /// The card key is not the key this database was created with.
    case wrongCardKey
    /// The database predates the web pages' secret.
    case noWebSecret
    /// Per-person figures asked for a period whose per-person rows retention has deleted.
    case foldedPeriod(String)
    /// A stored value no version of Närvaro writes (`column` holds `value`): the file was damaged
    /// or edited by hand. Reading on with a default would count wrongly, so the command stops.
    case corrupt(column: String, value: String)
    /// Another unknown card was swiped after the one being enrolled: nothing was changed.
    case enrolmentMoved

    // A swipe the recorder refuses for good (`SwipePipeline.dropsSwipe`): rejected, not recorded.
    /// The reader's output does not fit its card format.
    case badCard(reader: String, reason: String)
    /// The swipe's time lies outside `SwipeTimeRange`.
    case badTime(reader: String, time: EventTime)

    /// SQLite refused a statement or the file: its code, message and SQL (`DatabaseError`).
    case database(DatabaseError)

    // Opening the database file (`NarvaroDatabase`).
    case missingDirectory(String)
    case missingDatabase(String)
    case walRefused(String, mode: String)
    case newerSchema(path: String, found: Int, known: Int)
    case notAFile(path: String, kind: String)
    case olderSchema(path: String, found: Int, known: Int)
    case noSharedMemory(String)
    /// A file at schema version 0 that holds tables: another program's SQLite database.
    case foreignDatabase(path: String, table: String)

    // Trusting an open database (`DatabaseHealth.swift`).
    case damaged(path: String, problem: String)
    case notWritable(path: String, reason: String)

    /// The SQLite error this carries, if it is one: ask it `isBusy`, `isCorrupt`, …
    public var databaseError: DatabaseError? {
        if case .database(let error) = self { return error }
        return nil
    }

    /// The recorder refuses the swipe itself (bad card text or time): retrying cannot help.
    public var refusesSwipe: Bool {
        switch self {
        case .badCard, .badTime: return true
        default: return false
        }
    }

    /// A problem with the database file or SQLite rather than with what was asked of it: the
    /// server's trouble (a web page answers 500).
    public var isDatabaseTrouble: Bool {
        switch self {
        case .database, .missingDirectory, .missingDatabase, .walRefused, .newerSchema, .notAFile, .olderSchema,
             .noSharedMemory, .foreignDatabase, .damaged, .notWritable:
            return true
        default: return false
        }
    }

    public var description: String {
        switch self {
        case .notFound(let kind, let name, let hint): return "\(kind) '\(name)' not found: \(hint)"
        case .duplicate(let kind, let name): return "\(kind) '\(name)' already exists: choose another name, or edit it"
        case .ambiguous(let kind, let name, let hint): return "\(kind) '\(name)' is ambiguous: \(hint)"
        case .badName(let message), .outOfRange(let message), .notGiven(let message), .conflict(let message), .foldedPeriod(let message):
            return message
        case .cardFormatNotChosen: return "readers use different card formats: say which with --reader NAME or --card-format F"
        case .wrongCardKey: return "the card key does not match this database: restore the key the database was created with"
        case .noWebSecret: return "the database has no web secret: open it once with a current `narvaro` to migrate it"
        case .corrupt(let column, let value):
            return "the database is damaged: \(column) holds '\(value)', which Närvaro never writes: restore the database from a backup"
        case .enrolmentMoved: return "another new card was swiped meanwhile: enrol again"
        case .badCard(let reader, let reason): return "reader '\(reader)': \(reason)"
        case .badTime(let reader, let time): return "reader '\(reader)': \(SwipeTimeRange.refusal(time))"
        case .database(let error): return error.description
        case .missingDirectory, .missingDatabase, .walRefused, .newerSchema, .notAFile, .olderSchema, .noSharedMemory, .foreignDatabase:
            return openDescription
        case .damaged(let path, let problem):
            return "database \(path) is damaged (\(problem)): nothing was read or written; run `narvaro doctor` for how to recover it"
        case .notWritable(let path, let reason):
            return "database \(path) cannot be written (\(reason)): give the daemon's user write access to it and its directory, or remount the filesystem read-write"
        }
    }
}
