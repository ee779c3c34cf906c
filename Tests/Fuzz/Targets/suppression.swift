// Fuzz target `suppression`: the export's small-cell suppression on tables the fuzzer shapes
// (1–5 rows × 1–5 columns, counts mostly small, k = 2…6).
// Oracles: every published number is the true one; no published count (cell or total) is 1…k−1;
// and the row/column arithmetic attacker (solve any row or column, with its total, that has a single
// unknown; repeat) recovers no hidden count.
// fuzz-sources: NarvaroCore/Version.swift NarvaroCore/Export/ExportDocument.swift NarvaroCore/Export/ExportError.swift NarvaroCore/Export/PublishedTable.swift NarvaroCore/Export/SuppressionGrid.swift NarvaroCore/Export/Suppressor.swift NarvaroCore/Export/LinkedSuppression.swift NarvaroCore/Export/CellKey.swift NarvaroCore/Export/ExportProtection.swift

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    var input = FuzzBytes(data, size)
    let rows = Int(input.byte() % 5) + 1, columns = Int(input.byte() % 5) + 1
    let k = Int(input.byte() % 5) + 2
    // Half the counts small (0…k+1), the rest up to 40: small cells next to large ones are the hard case.
    let cells = (0..<rows).map { _ in (0..<columns).map { _ -> Int in
        let b = Int(input.byte())
        return b < 128 ? b % (k + 2) : b % 41
    } }
    let table = CountTable(rowLabels: (0..<rows).map { "r\($0)" }, columnLabels: (0..<columns).map { "c\($0)" }, cells: cells, margins: .totals)
    guard let published = try? Suppressor(minCell: k).publish(table) else {
        fuzzCheck(false, "publish refused a valid \(rows)×\(columns) table")
        return 0
    }
    // The full grid with totals: row `rows` holds column totals, column `columns` the row totals.
    var truth = cells.map { $0 + [$0.reduce(0, +)] }
    truth.append((0...columns).map { c in truth.reduce(0) { $0 + $1[c] } })
    var shown: [[PublishedCount]] = published.cells.enumerated().map { r, row in row + [published.rowTotals?[r] ?? .value(truth[r][columns])] }
    shown.append((published.columnTotals ?? truth[rows].dropLast().map { .value($0) }) + [published.grandTotal ?? .value(truth[rows][columns])])

    for r in 0...rows {
        for c in 0...columns {
            guard let n = shown[r][c].number else { continue }
            fuzzCheck(n == truth[r][c], "published \(n) at (\(r),\(c)) but the count is \(truth[r][c])")
            fuzzCheck(n == 0 || n >= k, "published \(n) at (\(r),\(c)), below k = \(k)")
        }
    }

    // The attacker: every line (a row with its total, a column with its total) says sum(parts) = total.
    var known: [[Int?]] = shown.map { $0.map(\.number) }
    var progress = true
    while progress {
        progress = false
        let lines: [[(Int, Int)]] = (0...rows).map { r in (0...columns).map { (r, $0) } } + (0...columns).map { c in (0...rows).map { ($0, c) } }
        for line in lines {
            let parts = Array(line.dropLast()), total = line[line.count - 1]
            let unknown = line.filter { known[$0.0][$0.1] == nil }
            guard unknown.count == 1, let cell = unknown.first else { continue }
            let sum = parts.compactMap { known[$0.0][$0.1] }.reduce(0, +)
            let value = cell == total ? sum : (known[total.0][total.1] ?? 0) - sum
            if case .suppressed(primary: true) = shown[cell.0][cell.1] {
                fuzzCheck(false, "hidden count at (\(cell.0),\(cell.1)) recovered as \(value) in \(table.cells) with k = \(k)")
            }
            known[cell.0][cell.1] = value
            progress = true
        }
    }
    return 0
}
