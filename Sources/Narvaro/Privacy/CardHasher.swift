// HMAC-SHA256 of canonical card ids with the card key, through OpenSSL libcrypto: the database
// keeps only these hashes, never card numbers.
import CCrypto

public struct CardHasher: Sendable {
    private let key: [UInt8]

    public init(key: CardKey) { self.key = key.bytes }

    /// HMAC-SHA256(key, text) (`HMAC` with `EVP_sha256`).
    public func hash(_ text: String) -> [UInt8] { hash(Array(text.utf8)) }

    public func hash(_ message: [UInt8]) -> [UInt8] {
        var out = [UInt8](repeating: 0, count: 32)
        var length: UInt32 = 0
        key.withUnsafeBytes { k in
            message.withUnsafeBytes { m in
                _ = HMAC(EVP_sha256(), k.baseAddress, Int32(k.count), m.baseAddress?.assumingMemoryBound(to: UInt8.self), m.count, &out, &length)
            }
        }
        return out
    }
}
