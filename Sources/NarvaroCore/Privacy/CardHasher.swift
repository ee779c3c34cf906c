// Card numbers are never stored: only HMAC-SHA256(card key, canonical card id), computed here
// with libcrypto. Without the key file the stored hashes cannot be tied back to a card.

import CCrypto

/// Keyed hash of a canonical card id (HMAC-SHA256 from OpenSSL's libcrypto).
public struct CardHasher: Sendable {
    private let key: [UInt8]

    public init(key: CardKey) {
        self.key = key.bytes
    }

    /// Any key length, for test vectors; production keys always come from `CardKey`.
    init(rawKey: [UInt8]) {
        self.key = rawKey
    }

    /// The 32-byte HMAC-SHA256 of the card id's UTF-8 bytes.
    public func hash(_ canonicalCard: String) -> [UInt8] {
        hash(bytes: Array(canonicalCard.utf8))
    }

    /// The hash as 64 lowercase hex digits, the form stored in the database.
    public func hexHash(_ canonicalCard: String) -> String {
        Self.hex(hash(canonicalCard))
    }

    /// HMAC-SHA256 of raw bytes, via `HMAC(EVP_sha256(), …)`.
    func hash(bytes message: [UInt8]) -> [UInt8] {
        var digest = [UInt8](repeating: 0, count: Int(EVP_MAX_MD_SIZE))
        var length: UInt32 = 0
        // Keys are 32 bytes (or short test keys), far below Int32.max; an absurd key hashes to
        // nothing rather than trapping.
        guard let keyLength = Int32(exactly: key.count) else { return [] }
        let ok = key.withUnsafeBytes { k in
            message.withUnsafeBytes { m in
                digest.withUnsafeMutableBufferPointer { d in
                    HMAC(EVP_sha256(), k.baseAddress, keyLength,
                         m.bindMemory(to: UInt8.self).baseAddress, m.count, d.baseAddress, &length) != nil
                }
            }
        }
        guard ok else { return [] }
        return Array(digest.prefix(Int(length)))
    }

    /// Lowercase hexadecimal, two digits per byte.
    public static func hex(_ bytes: [UInt8]) -> String {
        let digits = Array("0123456789abcdef")
        var out = ""
        out.reserveCapacity(bytes.count * 2)
        for b in bytes {
            out.append(digits[Int(b >> 4)])
            out.append(digits[Int(b & 0x0F)])
        }
        return out
    }
}
