// Suppression: small counts hidden, complementary cells chosen so the attacker in
// ExportAttackerTests cannot pin any hidden count down, on hand-made and random tables.
@testable import NarvaroCore
@testable import NarvaroDesk
@testable import NarvaroDaemon
@testable import NarvaroCLI
@testable import NarvaroCommands
@testable import NarvarodCommands
@testable import NarvaroBench

import Testing

func table(_ cells: [[Int]], margins: TableMargins = .totals) -> CountTable {
    CountTable(
        rowLabels: cells.indices.map { "row \($0)" },
        columnLabels: (cells.first ?? []).indices.map { "col \($0)" },
        cells: cells, margins: margins)
}

/// Checks everything a published table promises, then lets the attacker loose on it.
func expectSafe(_ cells: [[Int]], minCell k: Int = 5, sourceLocation: SourceLocation = #_sourceLocation) throws {
    let published = try Suppressor(minCell: k).publish(table(cells))
    let extended = try Suppressor.withTotals(cells, columns: cells.first?.count ?? 0, section: "t")
    let rows = cells.count, columns = cells.first?.count ?? 0
    let shown = published.cells.enumerated().map { r, row in row + [published.rowTotals?[r] ?? .value(-1)] }
        + [(published.columnTotals ?? []) + [published.grandTotal ?? .value(-1)]]
    for r in 0...rows {
        for c in 0...columns {
            let truth = extended[r][c]
            switch shown[r][c] {
            case .value(let n):
                #expect(n == truth, "published \(n) at (\(r),\(c)) but the count is \(truth)", sourceLocation: sourceLocation)
                #expect(!(1..<k).contains(n), "small count \(n) published at (\(r),\(c))", sourceLocation: sourceLocation)
            case .suppressed(primary: true):
                #expect((1..<k).contains(truth), "primary mark on \(truth) at (\(r),\(c))", sourceLocation: sourceLocation)
            case .suppressed(primary: false):
                #expect(truth > 0, "zero hidden at (\(r),\(c))", sourceLocation: sourceLocation)
            }
        }
    }
    // The simple rule of thumb: a row or column that hides anything hides at least two entries.
    for r in 0...rows {
        let hidden = (0...columns).filter { shown[r][$0].isSuppressed }.count
        #expect(hidden != 1, "row \(r) hides exactly one entry", sourceLocation: sourceLocation)
    }
    for c in 0...columns {
        let hidden = (0...rows).filter { shown[$0][c].isSuppressed }.count
        #expect(hidden != 1, "column \(c) hides exactly one entry", sourceLocation: sourceLocation)
    }
    // The attacker may even assume hidden `x` entries are ≥ 1 (we never hide zeros): stronger
    // than the ≥ 0 of the brief, since a smaller feasible set can only pin values down more.
    let attacker = SuppressionAttacker(table: published, complementaryFloor: 1)
    let leaks = try #require(attacker.leaks(), "attacker ran out of budget on \(cells)", sourceLocation: sourceLocation)
    #expect(leaks.isEmpty, "\(cells) → \(published.allCounts.map { $0.text(minCell: k) }) leaks \(leaks)",
            sourceLocation: sourceLocation)
}

@Suite struct ExportSuppressionTests {
    @Test func naivePrimarySuppressionLeaksAndOursDoesNot() throws {
        let cells = [[2, 40], [30, 25]]
        let naive = SuppressionAttacker(table: try naivelyPublished(cells), stopWhenAllAmbiguous: false)
        #expect(try #require(naive.leaks()).isEmpty == false)
        try expectSafe(cells)
    }

    @Test func singleSmallCellInARowGetsAPartner() throws {
        let cells = [[3, 10, 12], [8, 9, 15], [11, 7, 6]]
        let published = try Suppressor().publish(table(cells))
        #expect(published.cells[0][0] == .suppressed(primary: true))
        // The cheapest partners are the smallest cells that close a cycle: 7 and 8 … not 15.
        #expect(published.allCounts.filter { $0 == .suppressed(primary: false) }.count >= 3)
        #expect(published.rowTotals?.allSatisfy { !$0.isSuppressed } == true)
        #expect(published.grandTotal == .value(81))
        try expectSafe(cells)
    }

    @Test func smallAndBigInOneRow() throws {
        try expectSafe([[2, 40], [30, 25]])
        try expectSafe([[1, 100]])
        try expectSafe([[4], [50]])
    }

    @Test func smallTotalsAreHiddenAndCascade() throws {
        let published = try Suppressor().publish(table([[1, 2], [10, 20]]))
        #expect(published.rowTotals?[0] == .suppressed(primary: true))
        try expectSafe([[1, 2], [10, 20]])
        try expectSafe([[0, 3], [0, 0]])
        try expectSafe([[3]])
    }

    @Test func tinyTablesWhereEvenTheGrandTotalIsSmall() throws {
        // All four cells "<5" with grand total "<5" would say "each is 1": the marks are
        // downgraded to x so the reader learns less.
        try expectSafe([[1, 1], [1, 1]])
        try expectSafe([[2, 0], [0, 1]])
        try expectSafe([[1, 1, 1, 1]])
        try expectSafe([[2, 1], [1, 3]], minCell: 2)
    }

    @Test func zerosStayZeroAndEmptyTablesWork() throws {
        let published = try Suppressor().publish(table([[0, 0], [0, 12]]))
        #expect(published.cells == [[.value(0), .value(0)], [.value(0), .value(12)]])
        #expect(try Suppressor().publish(table([])).grandTotal == .value(0))
        try expectSafe([[0, 0], [0, 0]])
    }

    @Test func measureTablesOnlyHideSmallCells() throws {
        let published = try Suppressor().publish(table([[3, 40], [12, 0]], margins: .none))
        #expect(published.cells == [[.suppressed(primary: true), .value(40)], [.value(12), .value(0)]])
        #expect(published.rowTotals == nil && published.grandTotal == nil)
    }

    @Test func listsAreProtectedAgainstTheirSum() throws {
        let list = try Suppressor().publishList([3, 20, 30, 0])
        #expect(list[0] == .suppressed(primary: true))
        #expect(list.filter(\.isSuppressed).count >= 2)
        #expect(list[3] == .value(0))
    }

    @Test func badInputIsAnErrorNotACrash() {
        #expect(throws: ExportError.negativeCount(section: "s", row: 0, column: 1, value: -1)) {
            try Suppressor().publish(table([[1, -1]]), section: "s")
        }
        #expect(throws: ExportError.raggedTable(section: "s", row: 1, expected: 2, found: 1)) {
            try Suppressor().publish(CountTable(rowLabels: ["a", "b"], columnLabels: ["x", "y"], cells: [[1, 2], [3]]), section: "s")
        }
        #expect(throws: ExportError.totalOverflow(section: "s")) {
            try Suppressor().publish(table([[Int.max, 1]]), section: "s")
        }
        #expect(throws: ExportError.minCellTooSmall(1)) { try Suppressor(minCell: 1).publish(table([[1]])) }
    }

    @Test func twoHundredFiftyRandomTablesResistTheAttacker() throws {
        var rng = SeededRandom(seed: 20_261_231)
        for _ in 0..<250 {
            let rows = Int.random(in: 2...4, using: &rng), columns = Int.random(in: 2...4, using: &rng)
            // Half the tables lean small so suppression has work to do; the rest span 0…20.
            let top = Bool.random(using: &rng) ? 8 : 20
            let cells = (0..<rows).map { _ in (0..<columns).map { _ in Int.random(in: 0...top, using: &rng) } }
            try expectSafe(cells)
        }
    }
}

@Suite struct ExportSuppressionScaleTests {
    @Test func aHalfYearOfWeeksForThirtyActivitiesStaysSafeByTheRules() throws {
        // 30 activities × 26 weeks: too big for the attacker's enumeration, so check the rules
        // that do not need it, and that the suppressor finishes (it runs one pass over entries).
        var rng = SeededRandom(seed: 7)
        let cells = (0..<30).map { _ in (0..<26).map { _ in Int.random(in: 0...12, using: &rng) } }
        let published = try Suppressor().publish(table(cells))
        let hidden = published.cells.map { $0.filter(\.isSuppressed).count }
        #expect(hidden.reduce(0, +) > 0)
        for (r, row) in published.cells.enumerated() {
            let count = row.filter(\.isSuppressed).count + (published.rowTotals?[r].isSuppressed == true ? 1 : 0)
            #expect(count != 1)
            for (c, value) in row.enumerated() {
                if let n = value.number { #expect(n == cells[r][c] && (n == 0 || n >= 5)) }
            }
        }
    }
}
