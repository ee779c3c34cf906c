// Errors of the store layer, each one line that says what to do.

public enum StoreError: Error, CustomStringConvertible, Equatable {
    case notFound(kind: String, name: String, hint: String)
    case duplicate(kind: String, name: String)
    case invalid(String)
    case ambiguous(kind: String, name: String, hint: String)

    public var description: String {
        switch self {
        case .notFound(let kind, let name, let hint): return "\(kind) '\(name)' not found: \(hint)"
        case .duplicate(let kind, let name): return "\(kind) '\(name)' already exists: choose another name, or edit it"
        case .invalid(let message): return message
        case .ambiguous(let kind, let name, let hint): return "\(kind) '\(name)' is ambiguous: \(hint)"
        }
    }
}
