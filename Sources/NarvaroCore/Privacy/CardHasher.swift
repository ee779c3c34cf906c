// Card numbers are never stored: only HMAC-SHA256(card key, canonical card id), computed here
// with libcrypto. Without the key file the stored hashes cannot be tied back to a card.

import CCrypto

/// Keyed hash of a canonical card id (HMAC-SHA256 from OpenSSL's libcrypto).
public struct CardHasher: Sendable {
    private let key: [UInt8]
    private let schedule: HMACKeySchedule

    public init(key: CardKey) {
        self.key = key.bytes
        schedule = HMACKeySchedule(key: key.bytes)
    }

    /// Any key length, for test vectors; production keys always come from `CardKey`.
    init(rawKey: [UInt8]) {
        self.key = rawKey
        schedule = HMACKeySchedule(key: rawKey)
    }

    /// The 32-byte HMAC-SHA256 of the card id's UTF-8 bytes.
    public func hash(_ canonicalCard: String) -> [UInt8] {
        hash(bytes: Array(canonicalCard.utf8))
    }

    /// The hash as 64 lowercase hex digits, the form stored in the database.
    public func hexHash(_ canonicalCard: String) -> String {
        Self.hex(hash(canonicalCard))
    }

    /// HMAC-SHA256 of raw bytes: a copy of the key schedule built once (`EVP_MAC_CTX_dup`), fed
    /// the message. OpenSSL 3's one-shot `HMAC()` fetched the algorithm and hashed the padded key
    /// again on every call, twice per swipe (card and swipe key); see docs/benchmarks.md.
    func hash(bytes message: [UInt8]) -> [UInt8] {
        guard let template = schedule.context, let context = EVP_MAC_CTX_dup(template) else { return oneShot(message) }
        defer { EVP_MAC_CTX_free(context) }
        var digest = [UInt8](repeating: 0, count: 32)
        var length = 0
        let ok = message.withUnsafeBufferPointer { m in
            (m.isEmpty || EVP_MAC_update(context, m.baseAddress, m.count) == 1)
                && digest.withUnsafeMutableBufferPointer { EVP_MAC_final(context, $0.baseAddress, &length, $0.count) == 1 }
        }
        guard ok, length == 32 else { return oneShot(message) }
        return digest
    }

    /// HMAC-SHA256 via `HMAC(EVP_sha256(), …)`: for keys the schedule could not take (an empty test key).
    private func oneShot(_ message: [UInt8]) -> [UInt8] {
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

/// An HMAC-SHA256 context holding the key's inner and outer pads, built once per key. Never updated
/// after `init`, only duplicated (`EVP_MAC_CTX_dup` reads it), so sharing it between threads is safe.
final class HMACKeySchedule: @unchecked Sendable {
    let context: OpaquePointer?

    init(key: [UInt8]) {
        guard !key.isEmpty, let mac = EVP_MAC_fetch(nil, "HMAC", nil) else { context = nil; return }
        defer { EVP_MAC_free(mac) }
        guard let context = EVP_MAC_CTX_new(mac) else { self.context = nil; return }
        // OSSL_PARAM keeps the pointers it is given, so both C strings must outlive EVP_MAC_init: a
        // Swift literal passed straight to `OSSL_PARAM_construct_utf8_string` is freed when that call
        // returns (AddressSanitizer found the use after free in the cli fuzz target).
        let parameterName = Array("digest".utf8CString)
        var digestName = Array("SHA256".utf8CString)
        let ok = parameterName.withUnsafeBufferPointer { parameter in
            digestName.withUnsafeMutableBufferPointer { name in
                var parameters = [OSSL_PARAM_construct_utf8_string(parameter.baseAddress, name.baseAddress, 0), OSSL_PARAM_construct_end()]
                return key.withUnsafeBufferPointer { EVP_MAC_init(context, $0.baseAddress, $0.count, &parameters) == 1 }
            }
        }
        if ok { self.context = context } else { EVP_MAC_CTX_free(context); self.context = nil }
    }

    deinit { EVP_MAC_CTX_free(context) }
}
