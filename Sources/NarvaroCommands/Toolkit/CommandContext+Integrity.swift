// The store for commands that publish numbers (report, export): checked with PRAGMA quick_check
// first, so a damaged database is refused with a clear message instead of printing wrong figures.
import NarvaroCore

extension CommandContext {
    public func intactStore() throws -> Store {
        let store = try store()
        try store.requireIntact()
        return store
    }
}

extension CommandContext {
    /// `readStore()` (read-only, for staff in the group) checked like `intactStore()`.
    public func intactReadStore() throws -> Store {
        let store = try readStore()
        try store.requireIntact()
        return store
    }
}
