// Card hashing: HMAC-SHA256 through libcrypto must match RFC 4231, or stored hashes would not
// be portable between machines and versions.
@testable import NarvaroCore
@testable import NarvaroDesk
@testable import NarvaroDaemon
@testable import NarvaroCLI
@testable import NarvaroCommands
@testable import NarvarodCommands
@testable import NarvaroBench

import Testing

@Suite struct PrivacyCardHasherTests {
    @Test func rfc4231TestCase1() {
        let hasher = CardHasher(rawKey: [UInt8](repeating: 0x0b, count: 20))
        #expect(hasher.hexHash("Hi There")
            == "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7")
    }

    @Test func rfc4231TestCase2() {
        let hasher = CardHasher(rawKey: Array("Jefe".utf8))
        #expect(CardHasher.hex(hasher.hash("what do ya want for nothing?"))
            == "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843")
    }

    /// A key longer than SHA-256's block is hashed first (the schedule's own path for it).
    @Test func rfc4231TestCase6() {
        let hasher = CardHasher(rawKey: [UInt8](repeating: 0xaa, count: 131))
        #expect(hasher.hexHash("Test Using Larger Than Block-Size Key - Hash Key First")
            == "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54")
    }

    /// A key of exactly one block is used as it is, and an empty key and message still hash.
    @Test func aBlockSizedKeyAndAnEmptyKeyHashAsHMACDoes() {
        #expect(CardHasher(rawKey: []).hexHash("") == "b613679a0814d9ec772f95d778c35fc5ff1697c493715653c6c712144292c5ad")
        // The expected value from Python's hmac module.
        #expect(CardHasher(rawKey: (0..<64).map { UInt8($0) }).hexHash("card")
            == "bb147b9721eb6dffd4cb2f32b1989e555d658535dce5090b21ea8d9c05981c5e")
    }

    @Test func differentKeysGiveUnrelatedHashes() {
        let a = CardHasher(key: CardKey(bytes: [UInt8](repeating: 1, count: 32)))
        let b = CardHasher(key: CardKey(bytes: [UInt8](repeating: 2, count: 32)))
        #expect(a.hash("0004123456").count == 32)
        #expect(a.hash("0004123456") == a.hash("0004123456"))
        #expect(a.hash("0004123456") != b.hash("0004123456"))
        #expect(a.hash("0004123456") != a.hash("004123456"))
        #expect(CardHasher.hex([0x00, 0x0f, 0xa0, 0xff]) == "000fa0ff")
    }
}
