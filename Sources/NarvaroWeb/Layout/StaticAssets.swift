// The stylesheet and the one script, served under fingerprinted names (`/static/desk-1a2b3c4d.js`)
// so nginx can cache them for a year: a new build has new names. `narvaro-web --write-static DIR`
// writes them for nginx to serve; the program answers them too when nginx passes them on.

public struct StaticAsset: Sendable {
    public var name: String
    public var contentType: String
    public var content: String

    /// `desk.js` → `desk-<8 hex digits of its content's FNV-1a hash>.js`.
    public var fingerprintedName: String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in content.utf8 { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
        let hex = String(hash, radix: 16)
        let stamp = String(String(repeating: "0", count: max(0, 16 - hex.count)) + hex).prefix(8)
        guard let dot = name.lastIndex(of: ".") else { return "\(name)-\(stamp)" }
        return "\(name[..<dot])-\(stamp)\(name[dot...])"
    }

    public var path: String { "/static/" + fingerprintedName }

    public static let stylesheet = StaticAsset(name: "narvaro.css", contentType: "text/css; charset=utf-8", content: WebStyle.css)
    public static let deskScript = StaticAsset(name: "desk.js", contentType: "text/javascript; charset=utf-8", content: DeskScript.source)
    public static let all = [stylesheet, deskScript]

    public static func named(_ fingerprinted: String) -> StaticAsset? { all.first { $0.fingerprintedName == fingerprinted } }

    public var response: CGIResponse {
        CGIResponse(status: 200, headers: [("Content-Type", contentType), ("Cache-Control", "public, max-age=31536000, immutable"),
                                           ("X-Content-Type-Options", "nosniff")], body: Array(content.utf8))
    }
}
