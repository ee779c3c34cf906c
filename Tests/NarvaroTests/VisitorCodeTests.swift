// Visitor codes: one random draw per code, and every character of the alphabet reachable in every
// position (a code written in base 30 from a wrong range or digit would leave some out).
@testable import NarvaroCore
import NarvaroBench
import Testing

@Suite struct VisitorCodeTests {
    /// The benchmark's seeded generator, counting its draws.
    struct CountingGenerator: RandomNumberGenerator {
        var seeded: SeededRandom
        var draws = 0
        init(seed: UInt64) { seeded = SeededRandom(seed: seed) }
        mutating func next() -> UInt64 {
            draws += 1
            return seeded.next()
        }
    }

    @Test func aCodeTakesOneDrawAndEveryCharacterReachesEveryPosition() {
        var seen = Array(repeating: Set<Character>(), count: 6)
        var codes = Set<String>()
        for seed in 0..<3 {
            var generator = VisitorCodeGenerator(generator: CountingGenerator(seed: UInt64(seed)))
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
