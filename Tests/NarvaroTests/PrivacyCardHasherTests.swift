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
