// The integrity check before a report or export has a bounded cost: with a budget, PRAGMA
// quick_check stops when the time is up (a large database), and runs whole when it is not.
@testable import NarvaroCore
import Foundation
import Testing

@Suite struct StoreIntegrityBudgetTests {
    @Test func aBudgetStopsTheCheckAndNoBudgetRunsItWhole() throws {
        let db = try TestDatabase()
        let connection = db.store.db
        try connection.execute("CREATE TABLE filler(id INTEGER PRIMARY KEY, text TEXT NOT NULL) STRICT")
        try connection.execute("CREATE INDEX filler_text ON filler(text)")
        try connection.execute("""
            WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 200000)
            INSERT INTO filler(id, text) SELECT i, hex(randomblob(16)) FROM n
            """)
        let bounded = connection.quickCheck(limit: 1, budgetMilliseconds: 0)
        #expect(!bounded.complete && bounded.problems.isEmpty, "a zero budget must stop the check, not report damage")
        let whole = connection.quickCheck(limit: 1)
        #expect(whole.complete && whole.problems.isEmpty)
        // After an interrupted check the connection works as before (the handler is removed).
        #expect(try connection.scalar("SELECT count(*) FROM filler") == 200_000)
    }
}
