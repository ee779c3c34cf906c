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

    /// HMAC-SHA256 of raw bytes: copies of the key's inner and outer SHA-256 states, hashed once
    /// per key, fed the message. OpenSSL 3's one-shot `HMAC()` fetched the algorithm and hashed the
    /// padded key again on every call, twice per swipe (card and swipe key), and a duplicated
    /// `EVP_MAC_CTX` still allocated and freed four objects per hash; see docs/benchmarks.md.
    func hash(bytes message: [UInt8]) -> [UInt8] {
        guard var inner = schedule.inner, var outer = schedule.outer else { return oneShot(message) }
        var digest = [UInt8](repeating: 0, count: 32)
        let ok = message.withUnsafeBufferPointer { m in
            digest.withUnsafeMutableBufferPointer { d in
                SHA256_Update(&inner, m.baseAddress, m.count) == 1 && SHA256_Final(d.baseAddress, &inner) == 1
                    && SHA256_Update(&outer, d.baseAddress, 32) == 1 && SHA256_Final(d.baseAddress, &outer) == 1
            }
        }
        return ok ? digest : oneShot(message)
    }

    /// HMAC-SHA256 via `HMAC(EVP_sha256(), …)`: only if libcrypto's SHA-256 calls failed (they do not
    /// for any key or message; this keeps a failure from ever producing a wrong hash).
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

/// A key's HMAC-SHA256 schedule (RFC 2104): the SHA-256 states after its inner and outer pads,
/// built once per key. Plain values, only ever copied, so sharing them between threads is safe.
struct HMACKeySchedule: Sendable {
    let inner: SHA256_CTX?
    let outer: SHA256_CTX?

    init(key: [UInt8]) {
        // A key longer than SHA-256's 64-byte block is hashed first; a shorter one is zero-padded.
        var block = [UInt8](repeating: 0, count: 64)
        if key.count > 64 {
            _ = key.withUnsafeBufferPointer { SHA256($0.baseAddress, $0.count, &block) }
        } else {
            block.replaceSubrange(0..<key.count, with: key)
        }
        func padded(_ pad: UInt8) -> SHA256_CTX? {
            var state = SHA256_CTX()
            let bytes = block.map { $0 ^ pad }
            guard SHA256_Init(&state) == 1, SHA256_Update(&state, bytes, bytes.count) == 1 else { return nil }
            return state
        }
        inner = padded(0x36)
        outer = padded(0x5c)
    }
}
