// Builds a realistic benchmark database fast: venues, activities, schedules and readers through the
// Store API, then years of check-ins written in large transactions straight into the same tables the
// swipe path writes (checkins, visitors, cards, visits, first_visits, day_totals), kept consistent.
import NarvaroCLI
import NarvaroCore
import NarvaroDaemon
import NarvaroCommands

/// What to generate. `forSize` scales breadth, not intensity: every venue has the same weekly shape
/// (~6,000 check-ins a year), so a bigger database has more venues and a longer history.
public struct BenchmarkPlan: Sendable, Equatable {
    public var checkIns: Int
    public var venues: Int
    public var seed: UInt64
    /// The first day of the history (a Monday).
    public var firstDay: LocalDate

    public init(checkIns: Int, venues: Int, seed: UInt64 = 1, firstDay: LocalDate = LocalDate(dayNumber: 14_249)) { // 2009-01-05, a Monday
        self.checkIns = max(0, checkIns)
        self.venues = max(1, venues)
        self.seed = seed
        self.firstDay = firstDay
    }

    /// One venue per 100,000 check-ins (at least one): 10k is one venue over ~1.7 years,
    /// 100k one venue over ~17 years, 1M ten venues and 10M a hundred venues over ~17 years.
    public static func forSize(_ checkIns: Int, seed: UInt64 = 1) -> BenchmarkPlan {
        BenchmarkPlan(checkIns: checkIns, venues: max(1, Int((Double(checkIns) / 100_000).rounded())), seed: seed)
    }

    /// `10k`, `1m`, `10m` or a plain number of check-ins; nil for anything else or above 100 million.
    public static func parseSize(_ text: String) -> Int? {
        let lower = text.lowercased()
        let multiplier = lower.hasSuffix("k") ? 1_000 : lower.hasSuffix("m") ? 1_000_000 : 1
        guard let n = Int(multiplier == 1 ? lower : String(lower.dropLast())), n > 0 else { return nil }
        let (size, overflow) = n.multipliedReportingOverflow(by: multiplier)
        return overflow || size > 100_000_000 ? nil : size
    }
}

/// What was generated, and how long it took.
public struct BenchmarkSummary: Codable, Sendable, Equatable {
    public var checkIns: Int
    public var visitors: Int
    public var venues: Int
    public var firstDay: String
    public var lastDay: String
    public var seconds: Double
}

public final class BenchmarkGenerator {
    /// The card key of every benchmark database: fixed and public, so a generated database can be
    /// swiped again by later stages. Never use a benchmark database for real visitors.
    public static let cardKey = CardKey(bytes: Array("narvaro-benchmark-key-not-secret".utf8))

    public let store: Store
    public let plan: BenchmarkPlan
    /// Check-ins per transaction. Large: the swipe keys are random, so every transaction rewrites
    /// most of that index whatever its size, and fewer transactions write it fewer times.
    public var transactionSize = 500_000

    public init(store: Store, plan: BenchmarkPlan) {
        self.store = store
        self.plan = plan
    }

    /// The text a generated visitor's card `generation` (0 first, 1 after a replacement, at most 3)
    /// types on a `decimal10` reader: derived from the visitor id so later stages can swipe it again.
    public static func cardText(visitorID: Int64, generation: Int) -> String {
        String(1_000_000_000 + visitorID * 4 + Int64(generation % 4))
    }

    /// A unique visitor code for a generated visitor: the id through a bijection of 0..<30^6.
    static func visitorCode(id: Int64) -> String {
        let alphabet = VisitorCodeGenerator.alphabet
        var n = (id &* 7_919_113 &+ 12_345) % 729_000_000
        var chars: [Character] = []
        for _ in 0..<6 {
            chars.append(alphabet[Int(n % 30)])
            n /= 30
        }
        return String(chars)
    }

    /// The venue slug of generated venue `index` (0-based).
    public static func venueSlug(_ index: Int) -> String {
        let n = String(index + 1)
        return "venue-" + String(repeating: "0", count: max(0, 3 - n.count)) + n
    }

    /// Generates into an empty database. `progress` gets the number of check-ins after each transaction.
    public func run(progress: (Int) -> Void = { _ in }) throws -> BenchmarkSummary {
        let started = ContinuousClock.now
        guard try store.hasNoVenues() else {
            throw CommandError.wrongDatabase("database \(store.databasePath) is not empty: generate into a new file")
        }
        // Generation is not what is measured (the Store's bulk import drops the journal and fsync);
        // WAL and synchronous=FULL are restored at the end.
        try store.beginBulkImport()
        var writer = try BenchmarkWriter(store: store, plan: plan)
        var day = plan.firstDay.dayNumber
        while writer.written < plan.checkIns {
            try store.transaction {
                let stop = min(plan.checkIns, writer.written + transactionSize)
                while writer.written < stop {
                    try writer.generate(day: day, limit: plan.checkIns)
                    day += 1
                }
            }
            progress(writer.written)
        }
        try store.endBulkImport()
        return BenchmarkSummary(checkIns: writer.written, visitors: Int(writer.nextVisitorID - 1), venues: plan.venues,
                                firstDay: plan.firstDay.description, lastDay: LocalDate(dayNumber: writer.lastDay).description,
                                seconds: Self.seconds(ContinuousClock.now - started))
    }

    static func seconds(_ d: Duration) -> Double {
        Double(d.components.seconds) + Double(d.components.attoseconds) / 1e18
    }
}
