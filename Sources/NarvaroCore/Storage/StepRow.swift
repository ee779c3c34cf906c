// The row a statement has just stepped to, read in place (`Statement.forEachRow`): the columns are
// read straight from SQLite, with the same meaning as `Row`'s accessors (`stored`: Row+StoredValue.swift).
import CSQLite

struct StepRow {
    let handle: OpaquePointer

    func int64(_ i: Int32) -> Int64 {
        sqlite3_column_type(handle, i) == SQLITE_INTEGER ? sqlite3_column_int64(handle, i) : 0
    }
    func int(_ i: Int32) -> Int { Int(int64(i)) }
    func optionalInt64(_ i: Int32) -> Int64? {
        sqlite3_column_type(handle, i) == SQLITE_INTEGER ? sqlite3_column_int64(handle, i) : nil
    }
    func optionalInt(_ i: Int32) -> Int? { optionalInt64(i).map { Int($0) } }
    func bool(_ i: Int32) -> Bool { int64(i) != 0 }

    func optionalString(_ i: Int32) -> String? {
        guard sqlite3_column_type(handle, i) == SQLITE_TEXT, let text = sqlite3_column_text(handle, i) else { return nil }
        return String(cString: text)
    }
    func string(_ i: Int32) -> String { optionalString(i) ?? "" }
}
