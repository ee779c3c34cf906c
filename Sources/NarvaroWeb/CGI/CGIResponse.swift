// A CGI response: a Status line and headers, a blank line, the body (RFC 3875 §6). Every HTML
// page carries the security headers: no inline script or style, no framing, no MIME sniffing.
import NarvaroCore

public struct CGIResponse: Sendable {
    public var status: Int
    public var headers: [(String, String)]
    public var body: [UInt8]

    public init(status: Int = 200, headers: [(String, String)] = [], body: [UInt8] = []) {
        self.status = status
        self.headers = headers
        self.body = body
    }

    /// The headers every HTML (and JSON) answer sends.
    public static let securityHeaders: [(String, String)] = [
        ("Content-Security-Policy", "default-src 'self'; img-src 'self' data:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'"),
        ("X-Content-Type-Options", "nosniff"),
        ("Referrer-Policy", "no-referrer"),
        ("X-Frame-Options", "DENY"),
        ("Cache-Control", "no-store"),
    ]

    public static func html(_ page: String, status: Int = 200) -> CGIResponse {
        CGIResponse(status: status, headers: [("Content-Type", "text/html; charset=utf-8")] + securityHeaders, body: Array(page.utf8))
    }

    public static func json(_ value: JSONText, status: Int = 200) -> CGIResponse {
        CGIResponse(status: status, headers: [("Content-Type", "application/json; charset=utf-8")] + securityHeaders, body: Array(value.text.utf8))
    }

    /// 303 See Other: after a POST that changed something, the browser asks for `location` with GET.
    public static func redirect(_ location: String) -> CGIResponse {
        CGIResponse(status: 303, headers: [("Location", location)] + securityHeaders, body: [])
    }

    public func header(_ name: String) -> String? {
        headers.first { $0.0.lowercased() == name.lowercased() }?.1
    }

    static func reason(_ status: Int) -> String {
        switch status {
        case 200: return "OK"
        case 303: return "See Other"
        case 400: return "Bad Request"
        case 403: return "Forbidden"
        case 404: return "Not Found"
        case 405: return "Method Not Allowed"
        case 413: return "Payload Too Large"
        default: return status >= 500 ? "Internal Server Error" : "Status"
        }
    }

    /// The bytes written to standard output; a HEAD answer has headers only.
    public func serialized(head: Bool = false) -> [UInt8] {
        var text = "Status: \(status) \(Self.reason(status))\r\n"
        for (name, value) in headers { text += "\(name): \(value)\r\n" }
        text += "Content-Length: \(body.count)\r\n\r\n"
        return Array(text.utf8) + (head ? [] : body)
    }
}

/// Serialized JSON, so the response type does not depend on how it was built.
public struct JSONText: Sendable {
    public var text: String
    public init(_ value: JSONValue) { text = value.serialized(pretty: false) }
}
