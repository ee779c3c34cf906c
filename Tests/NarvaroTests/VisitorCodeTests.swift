// Visitor codes: one random draw per code, and every character of the alphabet reachable in every
// position (a code written in base 30 from a wrong range or digit would leave some out).
@testable import NarvaroCore
import Testing

@Suite struct VisitorCodeTests {
    /// SplitMix64, counting its draws.
    struct CountingGenerator: RandomNumberGenerator {
        var state: UInt64
        var draws = 0
        mutating func next() -> UInt64 {
            draws += 1
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }

    @Test func aCodeTakesOneDrawAndEveryCharacterReachesEveryPosition() {
        var seen = Array(repeating: Set<Character>(), count: 6)
        var codes = Set<String>()
        for seed in 0..<3 {
            var generator = VisitorCodeGenerator(generator: CountingGenerator(state: UInt64(seed)))
            for _ in 0..<1_000 {
                let code = generator.next()
                #expect(VisitorCodeGenerator.isValid(code), "\(code)")
                for (position, character) in code.enumerated() { seen[position].insert(character) }
                codes.insert(code)
            }
            #expect((generator.generator as? CountingGenerator)?.draws == 1_000, "one draw a code")
        }
        #expect(seen.allSatisfy { $0.count == VisitorCodeGenerator.alphabet.count })
        #expect(codes.count > 2_990, "3,000 codes out of 30⁶ should almost never repeat")
    }
}
