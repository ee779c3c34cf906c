// A small seeded random number generator (SplitMix64) for the benchmark generator: the same seed
// gives the same database on every machine, so numbers from different runs describe the same data.
import NarvaroCLI
import NarvaroCore
import NarvaroDaemon
import NarvaroCommands
import Foundation

/// SplitMix64: fast, tiny state, good enough statistics for synthetic attendance.
public struct SeededRandom: RandomNumberGenerator, Sendable {
    private var state: UInt64

    public init(seed: UInt64) { state = seed }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// True with probability `p`.
    public mutating func chance(_ p: Double) -> Bool { Double.random(in: 0..<1, using: &self) < p }

    /// A whole number of days drawn from an exponential distribution with the given mean (at least 1).
    public mutating func exponentialDays(mean: Double) -> Int {
        let u = Double.random(in: Double.ulpOfOne..<1, using: &self)
        return max(1, Int(-mean * log(u)))
    }

    /// A uniformly chosen element; nil for an empty collection.
    public mutating func pick<C: RandomAccessCollection>(_ items: C) -> C.Element? where C.Index == Int {
        items.isEmpty ? nil : items[items.startIndex + Int.random(in: 0..<items.count, using: &self)]
    }
}
