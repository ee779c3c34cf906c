// Turns raw counts into publishable ones: small counts hidden (primary suppression) and enough
// others hidden (complementary suppression) that no hidden count can be worked out from the rest.
// The method and its guarantee are explained for non-specialists in docs/suppression.md.

/// Cell suppression with threshold k (`minCell`, default 5).
///
/// Guarantee: for every hidden cell or total, at least two different values are consistent
/// with everything published in the table (every shown number and total, `<k` meaning 1…k−1,
/// `x` meaning 1 or more). Zeros are published as zeros.
public struct Suppressor: Sendable {
    public let minCell: Int

    public init(minCell: Int = 5) {
        self.minCell = minCell
    }

    /// Suppresses one table; `section` only names it in error messages.
    public func publish(_ table: CountTable, section: String = "table") throws(ExportError) -> PublishedTable {
        try publish(table, section: section, hiding: [])
    }

    /// As `publish(_:section:)`, but the given entries are hidden too (at least as `x`), because
    /// another table of the same export hides the same figure. Positions use the table with
    /// totals: column `columnLabels.count` is the row total, row `cells.count` the column totals.
    func publish(_ table: CountTable, section: String, hiding forced: Set<SuppressionGrid.Entry>) throws(ExportError) -> PublishedTable {
        guard minCell >= 2 else { throw .minCellTooSmall(minCell) }
        try validate(table, section: section)
        switch table.margins {
        case .none: return publishWithoutTotals(table, hiding: forced)
        case .totals: return try publishWithTotals(table, section: section, hiding: forced)
        }
    }

    /// Suppresses a list of counts that add up to a total the reader may know from elsewhere
    /// (e.g. participants per gathering of one activity, which add up to the activity's visits).
    /// `floors` are what the reader knows each count is at least (e.g. a qualifying gathering's minimum).
    public func publishList(_ counts: [Int], floors: [Int]? = nil, section: String = "list") throws(ExportError) -> [PublishedCount] {
        // A one-column table: the row totals repeat the counts and the column total is the sum,
        // so the list is protected as if its sum were public.
        var table = CountTable(
            rowLabels: counts.map { _ in "" }, columnLabels: [""], cells: counts.map { [$0] }, margins: .totals)
        table.floors = floors.map { $0.map { [$0] } }
        return try publish(table, section: section).cells.map { $0.first ?? .value(0) }
    }

    func validate(_ table: CountTable, section: String) throws(ExportError) {
        guard table.rowLabels.count == table.cells.count else {
            throw .labelCountMismatch(section: section, labels: table.rowLabels.count, rows: table.cells.count)
        }
        for (r, row) in table.cells.enumerated() {
            guard row.count == table.columnLabels.count else {
                throw .raggedTable(section: section, row: r, expected: table.columnLabels.count, found: row.count)
            }
            for (c, n) in row.enumerated() where n < 0 {
                throw .negativeCount(section: section, row: r, column: c, value: n)
            }
        }
        // Floors come from the same export; a misshapen one is a bug, reported rather than trapped on.
        if let floors = table.floors {
            for (r, row) in floors.enumerated() where r >= table.cells.count || row.count != table.columnLabels.count {
                throw .raggedTable(section: section + " floors", row: r, expected: table.columnLabels.count, found: row.count)
            }
            if floors.count != table.cells.count {
                throw .labelCountMismatch(section: section + " floors", labels: table.cells.count, rows: floors.count)
            }
        }
        if let floors = table.rowTotalFloors, floors.count != table.cells.count {
            throw .labelCountMismatch(section: section + " row total floors", labels: table.cells.count, rows: floors.count)
        }
    }

    private func publishWithoutTotals(_ table: CountTable, hiding forced: Set<SuppressionGrid.Entry>) -> PublishedTable {
        // Nothing links the cells, so hiding 1…k−1 suffices, except for k = 2 where "<2" would
        // say "exactly 1": those are shown as `x` instead. Gathering counts are not about people.
        // A floor the reader knows from elsewhere can leave `<k` a single value: then `x`.
        let cells = table.cells.enumerated().map { r, row in
            row.enumerated().map { c, n -> PublishedCount in
                if table.gatheringColumns.contains(c) { return .value(n) }
                let low = max(1, table.floors?[r][c] ?? 0)
                if (1..<minCell).contains(n) { return .suppressed(primary: minCell - 1 > low) }
                if n > 0 && forced.contains(.init(row: r, column: c)) { return .suppressed(primary: false) }
                return .value(n)
            }
        }
        return PublishedTable(
            rowLabels: table.rowLabels, columnLabels: table.columnLabels, cells: cells,
            rowTotals: nil, columnTotals: nil, grandTotal: nil, minCell: minCell)
    }

    private func publishWithTotals(
        _ table: CountTable, section: String, hiding forced: Set<SuppressionGrid.Entry>
    ) throws(ExportError) -> PublishedTable {
        let extended = try Self.withTotals(table.cells, columns: table.columnLabels.count, section: section)
        var grid = SuppressionGrid(extended: extended, minCell: minCell, forced: forced, floor: Self.extendedFloors(table, extended))
        // One pass is enough: protection only ever adds usable steps, so an entry found safe stays
        // safe, and every entry hidden while protecting another lies on that entry's new loop.
        for entry in grid.entries where grid.isExposed(entry) {
            _ = grid.protect(entry)
        }
        func published(_ r: Int, _ c: Int) -> PublishedCount {
            switch grid.state[r][c] {
            case .published: return .value(extended[r][c])
            case .primary: return .suppressed(primary: true)
            case .complementary: return .suppressed(primary: false)
            }
        }
        let rowCount = table.cells.count, columnCount = table.columnLabels.count
        return PublishedTable(
            rowLabels: table.rowLabels, columnLabels: table.columnLabels,
            cells: (0..<rowCount).map { r in (0..<columnCount).map { published(r, $0) } },
            rowTotals: (0..<rowCount).map { published($0, columnCount) },
            columnTotals: (0..<columnCount).map { published(rowCount, $0) },
            grandTotal: published(rowCount, columnCount),
            minCell: minCell)
    }

    /// The table's floors with totals appended: a total is at least the sum of its cells' floors,
    /// and a row total at least its own floor. Never above the value (a wrong floor helps nobody).
    static func extendedFloors(_ table: CountTable, _ extended: [[Int]]) -> [[Int]]? {
        guard table.floors != nil || table.rowTotalFloors != nil else { return nil }
        let columns = table.columnLabels.count
        var floor = extended.map { $0.map { _ in 0 } }
        for r in table.cells.indices {
            for c in 0..<columns { floor[r][c] = table.floors?[r][c] ?? 0 }
            floor[r][columns] = max(floor[r].prefix(columns).reduce(0, +), table.rowTotalFloors?[r] ?? 0)
        }
        let last = table.cells.count
        for c in 0...columns { floor[last][c] = table.cells.indices.reduce(0) { $0 + floor[$1][c] } }
        return zip(floor, extended).map { zip($0, $1).map { min($0, $1) } }
    }

    /// The counts with a row-total column and a column-total row appended.
    static func withTotals(_ cells: [[Int]], columns: Int, section: String) throws(ExportError) -> [[Int]] {
        var extended: [[Int]] = []
        var columnTotals = [Int](repeating: 0, count: columns + 1)
        for row in cells {
            var total = 0
            for n in row {
                let (sum, overflow) = total.addingReportingOverflow(n)
                guard !overflow else { throw .totalOverflow(section: section) }
                total = sum
            }
            let full = row + [total]
            for (c, n) in full.enumerated() {
                let (sum, overflow) = columnTotals[c].addingReportingOverflow(n)
                guard !overflow else { throw .totalOverflow(section: section) }
                columnTotals[c] = sum
            }
            extended.append(full)
        }
        extended.append(columnTotals)
        return extended
    }
}
