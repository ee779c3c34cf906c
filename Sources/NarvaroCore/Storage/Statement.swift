// A prepared statement owned by its connection's cache; reset and rebound on every use.
import CSQLite

public final class Statement {
    unowned let connection: SQLiteConnection
    let handle: OpaquePointer
    public let sql: String

    init(connection: SQLiteConnection, handle: OpaquePointer, sql: String) {
        self.connection = connection
        self.handle = handle
        self.sql = sql
    }

    deinit { sqlite3_finalize(handle) }

    /// How many parameters the statement has (`sqlite3_bind_parameter_count`), asked once.
    private lazy var parameterCount: Int32 = sqlite3_bind_parameter_count(handle)

    /// Binds `parameters` to ?1…?N (`sqlite3_bind_*`) after a reset.
    func bind(_ parameters: [any SQLBindable]) throws(StoreError) {
        sqlite3_reset(handle)
        // Clearing matters only when some parameter is left unbound: skipped when all are bound anew,
        // as on the swipe path (it was ~300 instructions per statement; docs/benchmarks.md).
        if parameters.count != Int(parameterCount) { sqlite3_clear_bindings(handle) }
        for (offset, parameter) in parameters.enumerated() {
            try bind(parameter.sqlValue, at: Int32(offset + 1))
        }
    }

    /// Binds named parameters (`:first_day`) by name (`sqlite3_bind_parameter_name`) after a reset.
    /// Every parameter the statement holds must be named and given; values it does not name are
    /// ignored, so one set of filter values serves queries that use only some of them.
    func bind(named parameters: [String: SQLValue]) throws(StoreError) {
        sqlite3_reset(handle)
        sqlite3_clear_bindings(handle)
        let count = sqlite3_bind_parameter_count(handle)
        guard count > 0 else { return }
        for index in 1...count {
            let name = sqlite3_bind_parameter_name(handle, index).map { String(cString: $0) } ?? "?"
            guard let value = parameters[name] else {
                throw .database(DatabaseError(code: SQLITE_RANGE, message: "no value for the parameter \(name)", sql: sql, path: connection.path))
            }
            try bind(value, at: index)
        }
    }

    private func bind(_ value: SQLValue, at index: Int32) throws(StoreError) {
        let rc: Int32
        switch value {
        case .null: rc = sqlite3_bind_null(handle, index)
        case .integer(let v): rc = sqlite3_bind_int64(handle, index, v)
        case .real(let v): rc = sqlite3_bind_double(handle, index, v)
        case .text(let v):
            // The String's own UTF-8, up to its first NUL as the C string passed before read it: the
            // implicit String-to-pointer conversion copied it into a new array first.
            var native = v
            rc = native.withUTF8 { utf8 in
                let length = utf8.firstIndex(of: 0) ?? utf8.count
                guard let base = utf8.baseAddress, let count = Int32(exactly: length) else {
                    return sqlite3_bind_text(handle, index, v, -1, narvaro_sqlite_transient())
                }
                return UnsafeRawPointer(base).withMemoryRebound(to: CChar.self, capacity: length) {
                    sqlite3_bind_text(handle, index, $0, count, narvaro_sqlite_transient())
                }
            }
        case .blob(let v):
            rc = v.withUnsafeBytes { sqlite3_bind_blob(handle, index, $0.baseAddress, Int32($0.count), narvaro_sqlite_transient()) }
        }
        if rc != SQLITE_OK { throw connection.error(rc, sql: sql) }
    }

    /// Executes to completion; returns `sqlite3_changes`.
    func run(_ parameters: [any SQLBindable]) throws(StoreError) -> Int {
        try bind(parameters)
        defer { sqlite3_reset(handle) }
        while true {
            let rc = sqlite3_step(handle)
            if rc == SQLITE_DONE { return Int(sqlite3_changes(connection.handle)) }
            if rc != SQLITE_ROW { throw connection.error(rc, sql: sql) }
        }
    }

    /// Executes and copies out up to `limit` rows.
    func query(_ parameters: [any SQLBindable], limit: Int = .max) throws(StoreError) -> [Row] {
        try bind(parameters)
        return try rows(limit: limit)
    }

    /// Executes with named parameters and copies out up to `limit` rows.
    func query(named parameters: [String: SQLValue], limit: Int = .max) throws(StoreError) -> [Row] {
        try bind(named: parameters)
        return try rows(limit: limit)
    }

    /// Executes and hands each row to `body` as it is stepped to, without copying it out: for
    /// the swipe path and the statistics' catch-up, where a copied `Row` (an array of values, a
    /// `String` per text) cost more than the columns read from it. `body` may run other statements
    /// on the connection; the row it gets is valid only during its call.
    func forEachRow(_ parameters: [any SQLBindable], _ body: (StepRow) throws -> Void) throws {
        try bind(parameters)
        defer { sqlite3_reset(handle) }
        while true {
            let rc = sqlite3_step(handle)
            if rc == SQLITE_DONE { return }
            if rc != SQLITE_ROW { throw connection.error(rc, sql: sql) }
            try body(StepRow(handle: handle))
        }
    }

    /// Executes and hands the first row to `body` (nil: no row), as `forEachRow`.
    func withFirstRow<T>(_ parameters: [any SQLBindable], _ body: (StepRow) throws -> T) throws -> T? {
        try bind(parameters)
        defer { sqlite3_reset(handle) }
        let rc = sqlite3_step(handle)
        if rc == SQLITE_DONE { return nil }
        if rc != SQLITE_ROW { throw connection.error(rc, sql: sql) }
        return try body(StepRow(handle: handle))
    }

    private func rows(limit: Int) throws(StoreError) -> [Row] {
        defer { sqlite3_reset(handle) }
        var rows: [Row] = []
        while rows.count < limit {
            let rc = sqlite3_step(handle)
            if rc == SQLITE_DONE { break }
            if rc != SQLITE_ROW { throw connection.error(rc, sql: sql) }
            rows.append(currentRow())
        }
        return rows
    }

    private func currentRow() -> Row {
        let count = sqlite3_column_count(handle)
        var values: [SQLValue] = []
        values.reserveCapacity(Int(count))
        for i in 0..<count {
            switch sqlite3_column_type(handle, i) {
            case SQLITE_INTEGER: values.append(.integer(sqlite3_column_int64(handle, i)))
            case SQLITE_FLOAT: values.append(.real(sqlite3_column_double(handle, i)))
            case SQLITE_TEXT:
                values.append(.text(sqlite3_column_text(handle, i).map { String(cString: $0) } ?? ""))
            case SQLITE_BLOB:
                let n = Int(sqlite3_column_bytes(handle, i))
                if n > 0, let p = sqlite3_column_blob(handle, i) {
                    values.append(.blob(Array(UnsafeRawBufferPointer(start: p, count: n))))
                } else {
                    values.append(.blob([]))
                }
            default: values.append(.null)
            }
        }
        return Row(values: values)
    }
}
