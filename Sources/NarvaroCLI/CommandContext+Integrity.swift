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
    /// Says so on standard error when check-ins are not counted in the statistics yet (a daemon
    /// stopped before its catch-up, and this connection may not write to count them).
    public func intactReadStore() throws -> Store {
        let store = try readStore()
        try store.requireIntact(budgetMilliseconds: Self.integrityBudgetMilliseconds)
        if let behind = try? store.checkInsBehindStatistics(), behind > 0 {
            err(lang.text("warning: {} check-ins are not in these figures yet: narvarod counts them when it runs, or any narvaro command that writes (e.g. `narvaro stats verify`)",
                          String(behind)) + "\n")
        }
        return store
    }
}
