// The seed of a randomised test: NARVARO_TEST_SEED when set (to replay a failure), else drawn at
// random; either way it is printed, and every #expect message should carry `seed.comment`.
@testable import NarvaroBench
import Foundation

struct TestSeed: CustomStringConvertible {
    let value: UInt64

    /// Draws the seed and prints it, so a failing run names the seed that reproduces it.
    init(_ test: String = #function) {
        if let text = ProcessInfo.processInfo.environment["NARVARO_TEST_SEED"], let fixed = UInt64(text) {
            value = fixed
        } else {
            value = UInt64.random(in: 0...UInt64.max)
        }
        print("\(test): NARVARO_TEST_SEED=\(value)")
    }

    var description: String { "NARVARO_TEST_SEED=\(value)" }

    /// A generator from this seed (SplitMix64, the same one the benchmarks use).
    func generator() -> SeededRandom { SeededRandom(seed: value) }
}
