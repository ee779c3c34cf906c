// Errors of the store layer, each one line that says what to do.

public enum StoreError: Error, CustomStringConvertible, Equatable {
    case notFound(kind: String, name: String, hint: String)
    case duplicate(kind: String, name: String)
    case invalid(String)
    case ambiguous(kind: String, name: String, hint: String)
    /// A stored value no version of Närvaro writes (`column` holds `value`): the file was damaged
    /// or edited by hand. Reading on with a default would count wrongly, so the command stops.
    case corrupt(column: String, value: String)

    public var description: String {
        switch self {
        case .notFound(let kind, let name, let hint): return "\(kind) '\(name)' not found: \(hint)"
        case .duplicate(let kind, let name): return "\(kind) '\(name)' already exists: choose another name, or edit it"
        case .invalid(let message): return message
        case .ambiguous(let kind, let name, let hint): return "\(kind) '\(name)' is ambiguous: \(hint)"
        case .corrupt(let column, let value):
            return "the database is damaged: \(column) holds '\(value)', which Närvaro never writes: restore the database from a backup"
        }
    }
}
