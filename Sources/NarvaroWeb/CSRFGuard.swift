// CSRF protection as Fossil does it: every form carries a token, checked before anything changes.
// The token is HMAC(per-database secret, user | session cookie), so it is useless to another user,
// another browser session or another installation; it is compared in constant time.
import NarvaroCore

public struct CSRFGuard: Sendable {
    public static let cookieName = "narvaro_session"
    public static let fieldName = "csrf"

    public let session: String
    /// Whether the session id is new (the response must set the cookie).
    public let isNewSession: Bool
    private let secret: [UInt8]
    private let user: String

    /// - Parameter cookie: the browser's session cookie, if it sent a well-formed one.
    public init(secret: String, user: String, cookie: String?) {
        self.secret = Array(secret.utf8)
        self.user = user
        if let cookie, Self.isSessionID(cookie) {
            session = cookie
            isNewSession = false
        } else {
            session = Self.newSessionID()
            isNewSession = true
        }
    }

    public var token: String {
        Hex.encode(CardHasher(key: CardKey(bytes: secret)).hash("csrf|\(user)|\(session)"))
    }

    /// Throws 403 unless the request came with the session's cookie and its token.
    public func check(_ sent: String?) throws(WebError) {
        guard !isNewSession else { throw .forbidden("the form came without this browser's session cookie: reload the page and send it again") }
        guard let sent, Self.constantTimeEqual(Array(sent.utf8), Array(token.utf8)) else {
            throw .forbidden("the form's security token is missing or wrong: reload the page and send it again")
        }
    }

    /// Compares every byte whatever the first difference, so timing reveals nothing of the token.
    static func constantTimeEqual(_ a: [UInt8], _ b: [UInt8]) -> Bool {
        guard a.count == b.count else { return false }
        var difference: UInt8 = 0
        for i in a.indices { difference |= a[i] ^ b[i] }
        return difference == 0
    }

    static func isSessionID(_ text: String) -> Bool {
        text.utf8.count == 32 && text.utf8.allSatisfy { (48...57).contains($0) || (97...102).contains($0) }
    }

    static func newSessionID() -> String {
        var generator = SystemRandomNumberGenerator()  // getrandom(2) on Linux
        return Hex.encode((0..<16).map { _ in UInt8.random(in: 0...255, using: &generator) })
    }

    /// The Set-Cookie value: HttpOnly, SameSite=Strict, Secure over TLS, for this browser session.
    public func cookie(secure: Bool) -> String {
        "\(Self.cookieName)=\(session); Path=/; HttpOnly; SameSite=Strict" + (secure ? "; Secure" : "")
    }
}
