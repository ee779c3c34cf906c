// Suppression across the tables of one export. The same figure often appears twice: the gender
// and age tables both split each activity's participants, whose totals are also a column of the
// activities table. Hiding such a total in one table is useless if another shows it, so a figure
// hidden anywhere is hidden everywhere it appears, repeating until nothing changes.

struct LinkedSuppression {
    let suppressor: Suppressor

    /// A per-row figure shown by a table: the row totals of a table with margins, or one
    /// column of a table without.
    private struct Figure {
        var table: Int
        var column: Int?   // nil: row totals (and grand total)
    }

    /// Tables with the same row labels and the same numbers in a figure are taken to show the
    /// same thing. A coincidence only hides a little more than needed, never less.
    private struct Key: Hashable {
        var labels: [String]
        var values: [Int]
    }

    func publish(_ tables: [(section: String, table: CountTable)]) throws(ExportError) -> [PublishedTable] {
        var groups: [Key: [Figure]] = [:]
        for (i, entry) in tables.enumerated() {
            let table = entry.table
            guard !table.cells.isEmpty else { continue }
            switch table.margins {
            case .totals:
                let extended = try Suppressor.withTotals(table.cells, columns: table.columnLabels.count, section: entry.section)
                let totals = extended.dropLast().map { $0.last ?? 0 }
                groups[Key(labels: table.rowLabels, values: totals), default: []].append(Figure(table: i, column: nil))
            case .none:
                // Gathering counts are never hidden, so they are linked to nothing.
                for c in table.columnLabels.indices where !table.gatheringColumns.contains(c) {
                    let column = table.cells.map { c < $0.count ? $0[c] : -1 }  // ragged: rejected by publish
                    groups[Key(labels: table.rowLabels, values: column), default: []].append(Figure(table: i, column: c))
                }
            }
        }
        let linked = groups.values.filter { $0.count > 1 }
        var forced = [Set<SuppressionGrid.Entry>](repeating: [], count: tables.count)
        var published: [PublishedTable] = []
        // Each round adds at least one forced entry, of which there are finitely many.
        let limit = tables.reduce(1) { $0 + ($1.table.cells.count + 1) * ($1.table.columnLabels.count + 1) }
        for _ in 0..<limit {
            published = []
            for (i, entry) in tables.enumerated() {
                published.append(try suppressor.publish(entry.table, section: entry.section, hiding: forced[i]))
            }
            var changed = false
            for group in linked {
                var hidden = Set<Int>()   // row index; rowCount stands for the grand total
                for figure in group { hidden.formUnion(hiddenRows(figure, in: published[figure.table])) }
                for figure in group {
                    let table = published[figure.table]
                    let column = figure.column ?? table.columnLabels.count
                    for r in hidden where figure.column == nil || r < table.cells.count {
                        let before = forced[figure.table].count
                        forced[figure.table].insert(.init(row: r, column: column))
                        if forced[figure.table].count != before && !hiddenRows(figure, in: table).contains(r) { changed = true }
                    }
                }
            }
            if !changed { break }
        }
        return published
    }

    private func hiddenRows(_ figure: Figure, in table: PublishedTable) -> Set<Int> {
        var rows = Set<Int>()
        if let c = figure.column {
            for (r, row) in table.cells.enumerated() where row[c].isSuppressed { rows.insert(r) }
        } else {
            for (r, total) in (table.rowTotals ?? []).enumerated() where total.isSuppressed { rows.insert(r) }
            if table.grandTotal?.isSuppressed == true { rows.insert(table.cells.count) }
        }
        return rows
    }
}
