// Why an export could not be produced; each message says what to fix.

/// Errors of the export layer. Counts come from the statistics, so these mean a bug or a
/// damaged database rather than a user mistake, but they must not crash the CLI.
public enum ExportError: Error, CustomStringConvertible, Equatable, Sendable {
    case minCellTooSmall(Int)
    case raggedTable(section: String, row: Int, expected: Int, found: Int)
    case labelCountMismatch(section: String, labels: Int, rows: Int)
    case negativeCount(section: String, row: Int, column: Int, value: Int)
    case totalOverflow(section: String)
    /// `--protect cell-key` without the persons' keys (e.g. from the central database).
    case cellKeysMissing(section: String)

    public var description: String {
        switch self {
        case .minCellTooSmall(let k):
            return "suppression threshold \(k) is too small: use 2 or more (the default is 5)"
        case .raggedTable(let section, let row, let expected, let found):
            return "table '\(section)' row \(row + 1) has \(found) counts, expected \(expected)"
        case .labelCountMismatch(let section, let labels, let rows):
            return "table '\(section)' has \(labels) row labels for \(rows) rows"
        case .negativeCount(let section, let row, let column, let value):
            return "table '\(section)' row \(row + 1) column \(column + 1) has negative count \(value)"
        case .totalOverflow(let section):
            return "table '\(section)' totals are too large to add up"
        case .cellKeysMissing(let section):
            return "table '\(section)' has no cell keys: --protect cell-key needs the venue's own database"
        }
    }
}
