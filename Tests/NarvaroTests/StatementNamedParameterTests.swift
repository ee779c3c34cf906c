// Named parameters (`:first_day`) bound by name: the report queries in Storage/ use them, so a
// value given under the wrong name must fail loudly rather than bind to the wrong slot.
@testable import NarvaroCore
import Testing

@Suite struct StatementNamedParameterTests {
    @Test func bindsEachValueByItsNameWhateverTheOrderInTheStatement() throws {
        let db = try TestDatabase()
        let row = try db.store.db.queryOne("SELECT :last_day - :first_day, :roles, :venue IS NULL",
                                           named: [":first_day": .integer(3), ":last_day": .integer(10), ":roles": .text(",staff,"), ":venue": .null])
        #expect(row?.int(0) == 7)
        #expect(row?.string(1) == ",staff,")
        #expect(row?.bool(2) == true)
    }

    @Test func ignoresValuesTheStatementDoesNotName() throws {
        let db = try TestDatabase()
        let row = try db.store.db.queryOne("SELECT :venue", named: [":venue": .integer(4), ":activity": .integer(9)])
        #expect(row?.int(0) == 4)
    }

    @Test func aNameWithoutAValueOrAPositionalParameterIsAnError() throws {
        let db = try TestDatabase()
        #expect((#expect(throws: StoreError.self) { try db.store.db.queryOne("SELECT :venue, :activity", named: [":venue": .integer(4)]) })?.databaseError != nil)
        #expect((#expect(throws: StoreError.self) { try db.store.db.queryOne("SELECT ?1", named: [":venue": .integer(4)]) })?.databaseError != nil)
    }
}
