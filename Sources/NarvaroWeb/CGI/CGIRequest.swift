// A CGI/1.1 request (RFC 3875): the meta-variables from the environment and the body from
// standard input, read up to CONTENT_LENGTH and never further (§4.2). Parsed in this one place,
// as Fossil's cgi.c does, so pages only ever see decoded, checked values.

public struct CGIRequest: Sendable {
    /// Bodies longer than this are refused (413): the largest form is a few hundred bytes.
    public static let bodyLimit = 64 * 1024

    public var method: String
    /// The page, e.g. `/desk` or `/visitors/K7M2QD`: PATH_INFO, else what follows the script in the URL.
    public var path: String
    public var query: [(String, String)]
    public var form: [(String, String)]
    public var cookies: [String: String]
    /// The login nginx checked (`auth_basic`) or a proxy set; nil when nobody logged in.
    public var remoteUser: String?
    /// Whether the browser reached nginx over TLS (cookies then get `Secure`).
    public var https: Bool
    public var environment: [String: String]

    /// Reads the request. `readBody(n)` returns up to n bytes of standard input (fewer only at its end).
    public static func read(environment env: [String: String], readBody: (Int) throws -> [UInt8]) throws -> CGIRequest {
        let method = (env["REQUEST_METHOD"] ?? "GET").uppercased()
        guard ["GET", "HEAD", "POST"].contains(method) else { throw WebError.methodNotAllowed(allowed: "GET and POST") }
        var query: [(String, String)] = []
        if let text = env["QUERY_STRING"], !text.isEmpty { query = try FormDecoding.pairs(text) }
        var form: [(String, String)] = []
        if method == "POST" {
            let lengthText = env["CONTENT_LENGTH"] ?? ""
            guard let length = lengthText.isEmpty ? 0 : Int(lengthText), length >= 0 else {
                throw WebError.badRequest("CONTENT_LENGTH '\(lengthText)' is not a length")
            }
            guard length <= bodyLimit else { throw WebError.tooLarge(bodyLimit) }
            let type = (env["CONTENT_TYPE"] ?? "").split(separator: ";").first.map { String($0).lowercased() } ?? ""
            if length > 0 {
                guard type == "application/x-www-form-urlencoded" else {
                    throw WebError.badRequest("forms are sent as application/x-www-form-urlencoded, not '\(type)'")
                }
                let body = try readBody(length)
                guard body.count == length else { throw WebError.badRequest("the request body ended after \(body.count) of \(length) bytes") }
                guard let text = String(validating: body, as: UTF8.self) else { throw WebError.badRequest("the form is not valid UTF-8") }
                form = try FormDecoding.pairs(text)
            }
        }
        let user = env["REMOTE_USER"].flatMap { $0.isEmpty ? nil : $0 }
        return CGIRequest(method: method, path: Self.path(env), query: query, form: form,
                          cookies: FormDecoding.cookies(env["HTTP_COOKIE"] ?? ""), remoteUser: user,
                          https: (env["HTTPS"] ?? "").lowercased() == "on" || env["REQUEST_SCHEME"] == "https", environment: env)
    }

    /// PATH_INFO when the server splits it off; else DOCUMENT_URI / REQUEST_URI without the query.
    static func path(_ env: [String: String]) -> String {
        var path = env["PATH_INFO"].flatMap { $0.isEmpty ? nil : $0 }
            ?? (env["DOCUMENT_URI"] ?? env["REQUEST_URI"] ?? "/").split(separator: "?", maxSplits: 1).first.map(String.init) ?? "/"
        if let script = env["SCRIPT_NAME"], !script.isEmpty, script != "/", path.hasPrefix(script + "/") {
            path.removeFirst(script.count)
        }
        while path.count > 1, path.hasSuffix("/") { path.removeLast() }
        return path.isEmpty ? "/" : path
    }

    /// The first value of a query parameter; "" counts as absent.
    public func parameter(_ name: String) -> String? {
        query.first { $0.0 == name }.map(\.1).flatMap { $0.isEmpty ? nil : $0 }
    }

    /// The first value of a form field, as typed (may be empty); nil when the field was not sent.
    public func field(_ name: String) -> String? { form.first { $0.0 == name }?.1 }

    public var isPost: Bool { method == "POST" }
}
