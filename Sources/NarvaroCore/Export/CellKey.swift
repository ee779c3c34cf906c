// The cell-key method (`export --protect cell-key`): each person has a random key, a count's key is
// the sum of its members' keys, and a fixed perturbation table turns (count, key) into a small
// noise. The same people always give the same number, so overlapping exports differ only by noise.

/// The key of a set (or multiset) of persons: the sum of their 64-bit random keys, wrapping, i.e.
/// "sum of member keys mod 1" read as a binary fraction. Uniform whatever the members.
public struct CellKey: Hashable, Sendable {
    public var raw: UInt64

    public init(_ raw: UInt64) { self.raw = raw }
    /// A person's key as stored in `visitors.cell_key` (a signed SQLite integer).
    public init(stored: Int64) { raw = UInt64(bitPattern: stored) }

    public static let zero = CellKey(0)

    public static func + (a: CellKey, b: CellKey) -> CellKey { CellKey(a.raw &+ b.raw) }
    public static func += (a: inout CellKey, b: CellKey) { a = a + b }
}

/// The perturbation table: for a count n ≥ 1 the noise is −2…+2 with weights 1:2:4:2:1 (a bell,
/// mean 0 away from the bottom), restricted to noises that keep the result at least 1 and the
/// weights renormalised. Zero is never perturbed (an empty set has no key). The key picks the
/// noise by where it falls in the cumulative weights, so the lookup is deterministic.
public struct PerturbationTable: Sendable {
    public static let standard = PerturbationTable()

    /// The largest noise in either direction: what the docs and the attacker tests assume.
    public let maxNoise = 2
    private let weights = [1, 2, 4, 2, 1]   // for noise −2, −1, 0, +1, +2

    public func noise(count n: Int, key: CellKey) -> Int {
        guard n > 0 else { return 0 }
        let allowed = (-maxNoise...maxNoise).filter { n + $0 >= 1 }
        let total = allowed.reduce(0) { $0 + weights[$1 + maxNoise] }
        // The key's top 32 bits scaled to 0..<total: exact integer arithmetic, no rounding.
        let position = Int(((key.raw >> 32) * UInt64(total)) >> 32)
        var upTo = 0
        for d in allowed {
            upTo += weights[d + maxNoise]
            if position < upTo { return d }
        }
        return allowed.last ?? 0
    }
}

/// Publishes counts by the cell-key method: gathering counts exact, every people count perturbed,
/// perturbed counts 1…k−1 shown `<k`. Totals are counts of their own (the sum of their members'
/// keys), perturbed on their own, so they need not add up, and nothing is hidden to protect them.
struct CellKeyPublisher {
    let minCell: Int
    let table = PerturbationTable.standard

    func count(_ n: Int, key: CellKey) -> PublishedCount {
        guard n > 0 else { return .value(0) }
        let perturbed = n + table.noise(count: n, key: key)
        return perturbed < minCell ? .suppressed(primary: true) : .value(perturbed)
    }

    func publish(_ t: CountTable, section: String) throws(ExportError) -> PublishedTable {
        guard minCell >= 2 else { throw .minCellTooSmall(minCell) }
        guard let keys = t.cellKeys, keys.count == t.cells.count, zip(keys, t.cells).allSatisfy({ $0.count == $1.count }) else {
            throw .cellKeysMissing(section: section)
        }
        try Suppressor(minCell: minCell).validate(t, section: section)
        let extended = try Suppressor.withTotals(t.cells, columns: t.columnLabels.count, section: section)
        let cells = t.cells.indices.map { r in
            t.cells[r].indices.map { c in t.gatheringColumns.contains(c) ? .value(t.cells[r][c]) : count(t.cells[r][c], key: keys[r][c]) }
        }
        guard t.margins == .totals else {
            return PublishedTable(rowLabels: t.rowLabels, columnLabels: t.columnLabels, cells: cells,
                                  rowTotals: nil, columnTotals: nil, grandTotal: nil, minCell: minCell)
        }
        let rowKeys = keys.map { $0.reduce(CellKey.zero, +) }
        let columnKeys = t.columnLabels.indices.map { c in keys.reduce(CellKey.zero) { $0 + $1[c] } }
        let columns = t.columnLabels.count, rows = t.cells.count
        return PublishedTable(
            rowLabels: t.rowLabels, columnLabels: t.columnLabels, cells: cells,
            rowTotals: (0..<rows).map { count(extended[$0][columns], key: rowKeys[$0]) },
            columnTotals: (0..<columns).map { count(extended[rows][$0], key: columnKeys[$0]) },
            grandTotal: count(extended[rows][columns], key: rowKeys.reduce(CellKey.zero, +)),
            minCell: minCell)
    }
}
