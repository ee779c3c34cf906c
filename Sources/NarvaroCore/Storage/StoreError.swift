// Errors of the store layer, each one line that says what to do. One case per kind of problem
// (docs/errors.md); a case with a message keeps the message its call site wrote.

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
        }
    }
}
