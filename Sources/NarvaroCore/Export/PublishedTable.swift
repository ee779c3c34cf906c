// A table as it may leave the building: every count is either a number or a suppression mark.
// Built only by `Suppressor`; the writers render nothing else.

/// One published figure.
public enum PublishedCount: Sendable, Equatable, Hashable {
    case value(Int)
    /// Hidden. `primary` cells are known to be 1…k−1 and shown `<k`; complementary cells hide
    /// a number of any size (so a small one cannot be recomputed) and are shown `x`.
    case suppressed(primary: Bool)

    /// The mark for complementary suppression, as in Swedish official statistics ("x": cannot
    /// be published for reasons of confidentiality).
    public static let complementaryMark = "x"

    /// The mark for primary suppression with threshold `minCell`, e.g. `<5`.
    public static func primaryMark(minCell: Int) -> String { "<\(minCell)" }

    /// The text a reader sees: the number, `<k` or `x`.
    public func text(minCell: Int) -> String {
        switch self {
        case .value(let n): return String(n)
        case .suppressed(primary: true): return Self.primaryMark(minCell: minCell)
        case .suppressed(primary: false): return Self.complementaryMark
        }
    }

    /// The number, or `nil` when suppressed.
    public var number: Int? {
        if case .value(let n) = self { return n }
        return nil
    }

    public var isSuppressed: Bool { number == nil }
}

/// A `CountTable` after suppression, with its totals (when the table has margins).
public struct PublishedTable: Sendable, Equatable {
    public var rowLabels: [String]
    public var columnLabels: [String]
    public var cells: [[PublishedCount]]
    /// Sums along each row/column and in all; `nil` for tables with `TableMargins.none`.
    public var rowTotals: [PublishedCount]?
    public var columnTotals: [PublishedCount]?
    public var grandTotal: PublishedCount?
    public var minCell: Int

    public init(
        rowLabels: [String], columnLabels: [String], cells: [[PublishedCount]],
        rowTotals: [PublishedCount]?, columnTotals: [PublishedCount]?, grandTotal: PublishedCount?,
        minCell: Int
    ) {
        self.rowLabels = rowLabels
        self.columnLabels = columnLabels
        self.cells = cells
        self.rowTotals = rowTotals
        self.columnTotals = columnTotals
        self.grandTotal = grandTotal
        self.minCell = minCell
    }

    public var hasTotals: Bool { rowTotals != nil }

    /// Every published figure, for checks such as "nothing in 1…k−1 is shown".
    public var allCounts: [PublishedCount] {
        cells.flatMap { $0 } + (rowTotals ?? []) + (columnTotals ?? []) + (grandTotal.map { [$0] } ?? [])
    }
}
