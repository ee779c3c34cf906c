// An attacker for the suppression tests: from a published table alone it enumerates every integer
// filling consistent with what is shown, to see whether some hidden count has only one possible value.
@testable import NarvaroCore
@testable import NarvaroDesk
@testable import NarvaroDaemon
@testable import NarvaroCLI
@testable import NarvaroCommands
@testable import NarvarodCommands
@testable import NarvaroBench

import Testing

/// Finds, by bounded exhaustive search, the values each hidden entry can take.
///
/// Knowledge: published numbers and totals are exact; `<k` means 1…k−1; `x` means at least
/// `complementaryFloor` (0 as the brief states it, 1 if the attacker also knows zeros are never
/// hidden). Hidden counts are searched up to `cap`, so "two values found" is always true but
/// "one value found" could in principle be an artefact of the cap (never in these small tables).
struct SuppressionAttacker {
    /// Position in the table with totals: row == rows means column total, column == columns row total.
    struct Position: Hashable { var row: Int; var column: Int }

    enum Outcome: Equatable {
        /// Values found for every hidden entry (search stopped early once all had two).
        case feasible([Position: Set<Int>])
        case budgetExceeded
    }

    let table: PublishedTable
    var complementaryFloor = 0
    /// Lower bounds the attacker knows from elsewhere (e.g. the list of gatherings), by position.
    var floors: [Position: Int] = [:]
    var stopWhenAllAmbiguous = true
    var budget = 3_000_000

    private var rowCount: Int { table.cells.count }
    private var columnCount: Int { table.columnLabels.count }

    private var cap: Int {
        let published = table.allCounts.compactMap(\.number)
        return (published.max() ?? 0) + 2 * table.minCell
    }

    private func range(of count: PublishedCount, at p: Position) -> ClosedRange<Int> {
        let floor = floors[p] ?? 0
        switch count {
        case .value(let n): return n...n
        case .suppressed(primary: true): return max(1, floor)...max(max(1, floor), table.minCell - 1)
        case .suppressed(primary: false): return max(complementaryFloor, floor)...Int.max
        }
    }

    func run() -> Outcome {
        guard let rowTotals = table.rowTotals, let columnTotals = table.columnTotals,
              let grand = table.grandTotal else { return .feasible([:]) }
        let hiddenCells = (0..<rowCount).flatMap { r in
            (0..<columnCount).filter { table.cells[r][$0].isSuppressed }.map { Position(row: r, column: $0) }
        }
        var hiddenAll = Set(hiddenCells)
        for r in 0..<rowCount where rowTotals[r].isSuppressed { hiddenAll.insert(Position(row: r, column: columnCount)) }
        for c in 0..<columnCount where columnTotals[c].isSuppressed { hiddenAll.insert(Position(row: rowCount, column: c)) }
        if grand.isSuppressed { hiddenAll.insert(Position(row: rowCount, column: columnCount)) }

        var seen: [Position: Set<Int>] = [:]
        var filling = table.cells.map { $0.map { $0.number ?? 0 } }
        var steps = 0
        var stop = false
        let grandRange = range(of: grand, at: Position(row: rowCount, column: columnCount))

        func ambiguousEverywhere() -> Bool {
            hiddenAll.allSatisfy { (seen[$0]?.count ?? 0) >= 2 }
        }

        func record() {
            var grandSum = 0
            for r in 0..<rowCount {
                let sum = filling[r].reduce(0, +)
                grandSum += sum
                if rowTotals[r].isSuppressed { seen[Position(row: r, column: columnCount), default: []].insert(sum) }
            }
            for c in 0..<columnCount where columnTotals[c].isSuppressed {
                let sum = (0..<rowCount).reduce(0) { $0 + filling[$1][c] }
                seen[Position(row: rowCount, column: c), default: []].insert(sum)
            }
            if grand.isSuppressed { seen[Position(row: rowCount, column: columnCount), default: []].insert(grandSum) }
            for p in hiddenCells { seen[p, default: []].insert(filling[p.row][p.column]) }
            if stopWhenAllAmbiguous && ambiguousEverywhere() { stop = true }
        }

        // Partial sums must stay below every upper bound; completed rows/columns must be in range.
        func consistent(afterRow r: Int, column c: Int) -> Bool {
            let rowSum = filling[r][0...c].reduce(0, +)
            let rowRange = range(of: rowTotals[r], at: Position(row: r, column: columnCount))
            if rowSum > rowRange.upperBound { return false }
            if c == columnCount - 1 && !rowRange.contains(rowSum) { return false }
            let columnSum = (0...r).reduce(0) { $0 + filling[$1][c] }
            let columnRange = range(of: columnTotals[c], at: Position(row: rowCount, column: c))
            if columnSum > columnRange.upperBound { return false }
            if r == rowCount - 1 && !columnRange.contains(columnSum) { return false }
            let sofar = (0..<r).reduce(0) { $0 + filling[$1].reduce(0, +) } + rowSum
            if sofar > grandRange.upperBound { return false }
            if r == rowCount - 1 && c == columnCount - 1 && !grandRange.contains(sofar) { return false }
            return true
        }

        func fill(_ index: Int) {
            if stop { return }
            steps += 1
            if steps > budget { stop = true; return }
            if index == rowCount * columnCount {
                record()
                return
            }
            let r = index / columnCount, c = index % columnCount
            let domain: ClosedRange<Int>
            let floor = floors[Position(row: r, column: c)] ?? 0
            switch table.cells[r][c] {
            case .value(let n): domain = n...n
            case .suppressed(primary: true): domain = max(1, floor)...max(max(1, floor), table.minCell - 1)
            case .suppressed(primary: false): domain = max(complementaryFloor, floor)...max(complementaryFloor, floor, cap)
            }
            for v in domain {
                filling[r][c] = v
                if consistent(afterRow: r, column: c) { fill(index + 1) }
                if stop { return }
            }
        }

        fill(0)
        if steps > budget { return .budgetExceeded }
        var result: [Position: Set<Int>] = [:]
        for p in hiddenAll { result[p] = seen[p] ?? [] }
        return .feasible(result)
    }

    /// Hidden entries with fewer than two feasible values: each is a disclosure.
    func leaks() -> [Position]? {
        guard case .feasible(let values) = run() else { return nil }
        return values.filter { $0.value.count < 2 }.map(\.key).sorted { ($0.row, $0.column) < ($1.row, $1.column) }
    }
}

/// Primary suppression only, as a naive exporter would do it: the baseline that must leak.
func naivelyPublished(_ cells: [[Int]], minCell k: Int = 5) throws -> PublishedTable {
    let extended = try Suppressor.withTotals(cells, columns: cells.first?.count ?? 0, section: "naive")
    let mark = { (n: Int) -> PublishedCount in (1..<k).contains(n) ? .suppressed(primary: true) : .value(n) }
    let rows = cells.count, columns = cells.first?.count ?? 0
    return PublishedTable(
        rowLabels: cells.map { _ in "r" }, columnLabels: (0..<columns).map { _ in "c" },
        cells: (0..<rows).map { r in (0..<columns).map { mark(extended[r][$0]) } },
        rowTotals: (0..<rows).map { mark(extended[$0][columns]) },
        columnTotals: (0..<columns).map { mark(extended[rows][$0]) },
        grandTotal: mark(extended[rows][columns]), minCell: k)
}

@Suite struct ExportAttackerSelfTests {
    @Test func attackerRecomputesACellFromItsRowTotal() throws {
        // Without complementary suppression, 42 − 40 gives the hidden 2 away.
        let naive = try naivelyPublished([[2, 40], [30, 25]])
        let attacker = SuppressionAttacker(table: naive, stopWhenAllAmbiguous: false)
        let leaks = try #require(attacker.leaks())
        #expect(leaks.contains(.init(row: 0, column: 0)))
        guard case .feasible(let values) = attacker.run() else { Issue.record("budget"); return }
        #expect(values[.init(row: 0, column: 0)] == [2])
    }

    @Test func attackerFindsBothValuesOfATrulyAmbiguousCell() {
        // Two hidden cells in a row with a published total of 7: (1,6)…(4,3) are all possible.
        let table = PublishedTable(
            rowLabels: ["a"], columnLabels: ["p", "q"],
            cells: [[.suppressed(primary: true), .suppressed(primary: false)]],
            rowTotals: [.value(7)], columnTotals: [.suppressed(primary: true), .suppressed(primary: false)],
            grandTotal: .value(7), minCell: 5)
        let attacker = SuppressionAttacker(table: table, stopWhenAllAmbiguous: false)
        guard case .feasible(let values) = attacker.run() else { Issue.record("budget"); return }
        #expect(values[.init(row: 0, column: 0)] == [1, 2, 3, 4])
        #expect(attacker.leaks() == [])
    }
}

/// Floors (lower bounds the reader knows from the list of gatherings, docs/suppression.md step 5):
/// an attacker who uses them recovers nothing from tables suppressed with them, and does recover
/// counts from the same tables suppressed as if nobody knew them.
@Suite struct ExportAttackerFloorTests {
    @Test func randomTablesWithKnownFloorsResistTheAttacker() throws {
        var rng = SeededRandom(seed: 15)
        var leaksWithoutFloors = 0
        for _ in 0..<150 {
            let rows = Int.random(in: 2...3, using: &rng), columns = Int.random(in: 2...3, using: &rng)
            let cells = (0..<rows).map { _ in (0..<columns).map { _ in Int.random(in: 0...6, using: &rng) } }
            // Some cells and row totals with a known lower bound, up to their value.
            let floors = cells.map { $0.map { n in Bool.random(using: &rng) ? Int.random(in: 0...n, using: &rng) : 0 } }
            let rowTotalFloors = cells.map { row in Bool.random(using: &rng) ? Int.random(in: 0...row.reduce(0, +), using: &rng) : 0 }
            var known: [SuppressionAttacker.Position: Int] = [:]
            for r in 0..<rows {
                for c in 0..<columns where floors[r][c] > 0 { known[.init(row: r, column: c)] = floors[r][c] }
                if rowTotalFloors[r] > 0 { known[.init(row: r, column: columns)] = rowTotalFloors[r] }
            }
            var table = CountTable(rowLabels: cells.map { _ in "r" }, columnLabels: (0..<columns).map { _ in "c" }, cells: cells)
            table.floors = floors
            table.rowTotalFloors = rowTotalFloors
            let published = try Suppressor().publish(table)
            var attacker = SuppressionAttacker(table: published)
            attacker.complementaryFloor = 1
            attacker.floors = known
            let leaks = try #require(attacker.leaks(), "attacker budget exceeded for \(cells)")
            #expect(leaks.isEmpty, "\(cells) floors \(floors) row floors \(rowTotalFloors): \(leaks)")

            table.floors = nil
            table.rowTotalFloors = nil
            var blind = SuppressionAttacker(table: try Suppressor().publish(table))
            blind.complementaryFloor = 1
            blind.floors = known
            if let found = blind.leaks(), !found.isEmpty { leaksWithoutFloors += 1 }
        }
        #expect(leaksWithoutFloors > 0, "the floors never mattered: the test would not notice their loss")
    }
}
