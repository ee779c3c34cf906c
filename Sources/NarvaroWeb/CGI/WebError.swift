// The web layer's one error type (docs/errors.md): what can go wrong with a request or the web
// program's own configuration, each mapped to one status and a page that says what to do.

public enum WebError: Error, Equatable, CustomStringConvertible {
    /// 400: a missing or malformed parameter, a value the form rules refuse.
    case badRequest(String)
    /// 403: no valid CSRF token, or the user's group may not do this.
    case forbidden(String)
    /// 404: no such page, visitor or card.
    case notFound(String)
    /// 405: a GET-only page was posted to, or the reverse.
    case methodNotAllowed(allowed: String)
    /// 413: a body longer than the program reads.
    case tooLarge(Int)
    /// 500: the web program's own configuration (`web-access`) cannot be read or understood.
    case badConfiguration(String)

    public var status: Int {
        switch self {
        case .badRequest: return 400
        case .forbidden: return 403
        case .notFound: return 404
        case .methodNotAllowed: return 405
        case .tooLarge: return 413
        case .badConfiguration: return 500
        }
    }

    public var description: String {
        switch self {
        case .badRequest(let m), .forbidden(let m), .notFound(let m), .badConfiguration(let m): return m
        case .methodNotAllowed(let allowed): return "this page answers \(allowed) only"
        case .tooLarge(let limit): return "the request body is longer than \(limit) bytes"
        }
    }
}
