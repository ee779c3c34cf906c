// The store for commands that publish numbers (report, export): checked with PRAGMA quick_check
// first, so a damaged database is refused with a clear message instead of printing wrong figures.
import NarvaroCore

extension CommandContext {
    /// How long a report or export may spend on PRAGMA quick_check before it answers: a small
    /// database is checked whole, a large one as far as this gets (narvarod checks it whole at start).
    public static let integrityBudgetMilliseconds = 250

    public func intactStore() throws -> Store {
        let store = try store()
        try store.requireIntact(budgetMilliseconds: Self.integrityBudgetMilliseconds)
        return store
    }
}

extension CommandContext {
    /// `readStore()` (read-only, for staff in the group) checked like `intactStore()`.
    public func intactReadStore() throws -> Store {
        let store = try readStore()
        try store.requireIntact(budgetMilliseconds: Self.integrityBudgetMilliseconds)
        return store
    }
}
