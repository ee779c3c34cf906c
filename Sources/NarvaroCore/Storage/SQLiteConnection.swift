// A small typed wrapper over one sqlite3 connection: prepared statements cached and reused,
// parameters always bound, errors carrying the extended code, message and SQL.
import CSQLite

/// One connection. Not thread-safe by design: the daemon is single-threaded and the CLI
/// opens its own connection.
public final class SQLiteConnection {
    package let handle: OpaquePointer
    public let path: String
    private var statements: [String: Statement] = [:]

    /// Opens (`sqlite3_open_v2`) the database at `path`; creates it when `create` is true.
    public init(path: String, readOnly: Bool = false, create: Bool = true) throws(StoreError) {
        var db: OpaquePointer?
        var flags = SQLITE_OPEN_NOMUTEX | SQLITE_OPEN_EXRESCODE
        flags |= readOnly ? SQLITE_OPEN_READONLY : (SQLITE_OPEN_READWRITE | (create ? SQLITE_OPEN_CREATE : 0))
        let rc = sqlite3_open_v2(path, &db, flags, WALCoalescingVFS.name)
        guard rc == SQLITE_OK, let db else {
            let message = db.map { String(cString: sqlite3_errmsg($0)) } ?? "out of memory"
            if let db { sqlite3_close_v2(db) }
            throw .database(DatabaseError(code: rc, message: message, path: path))
        }
        sqlite3_extended_result_codes(db, 1)
        self.handle = db
        self.path = path
    }

    /// SQLITE_FCNTL_PERSIST_WAL: the -wal and -shm files stay when this, the last connection, closes.
    func setPersistentWAL() throws(StoreError) {
        var on: Int32 = 1
        let rc = sqlite3_file_control(handle, "main", SQLITE_FCNTL_PERSIST_WAL, &on)
        guard rc == SQLITE_OK else { throw .database(DatabaseError(code: rc, message: "cannot keep the WAL files (SQLITE_FCNTL_PERSIST_WAL)", path: path)) }
    }

    deinit {
        statements.removeAll()
        sqlite3_close_v2(handle)
    }

    /// Runs one or more statements without parameters (`sqlite3_exec`): schema and pragmas only.
    public func execute(_ sql: String) throws(StoreError) {
        var errorMessage: UnsafeMutablePointer<CChar>?
        let rc = sqlite3_exec(handle, sql, nil, nil, &errorMessage)
        if rc != SQLITE_OK {
            let message = errorMessage.map { String(cString: $0) } ?? String(cString: sqlite3_errmsg(handle))
            sqlite3_free(errorMessage)
            throw .database(DatabaseError(code: sqlite3_extended_errcode(handle), message: message, sql: sql, path: path))
        }
    }

    /// The prepared statement for `sql`, prepared once per connection and reused.
    public func statement(_ sql: String) throws(StoreError) -> Statement {
        if let cached = statements[sql] { return cached }
        var stmt: OpaquePointer?
        let rc = sqlite3_prepare_v3(handle, sql, -1, UInt32(SQLITE_PREPARE_PERSISTENT), &stmt, nil)
        guard rc == SQLITE_OK, let stmt else { throw error(rc, sql: sql) }
        let statement = Statement(connection: self, handle: stmt, sql: sql)
        statements[sql] = statement
        return statement
    }

    /// Runs a statement that returns no rows; returns the number of rows changed.
    @discardableResult
    public func run(_ sql: String, _ parameters: any SQLBindable...) throws(StoreError) -> Int {
        try statement(sql).run(parameters)
    }

    /// All rows of a query.
    public func query(_ sql: String, _ parameters: any SQLBindable...) throws(StoreError) -> [Row] {
        try statement(sql).query(parameters)
    }

    /// The first row of a query, if any.
    public func queryOne(_ sql: String, _ parameters: any SQLBindable...) throws(StoreError) -> Row? {
        try statement(sql).query(parameters, limit: 1).first
    }

    /// All rows of a query whose parameters were assembled at run time.
    public func query(_ sql: String, bindings: [SQLValue]) throws(StoreError) -> [Row] {
        try statement(sql).query(bindings)
    }

    /// The first row of a query whose parameters were assembled at run time.
    public func queryOne(_ sql: String, bindings: [SQLValue]) throws(StoreError) -> Row? {
        try statement(sql).query(bindings, limit: 1).first
    }

    /// All rows of a query with named parameters (`:first_day`); see `Statement.bind(named:)`.
    func query(_ sql: String, named parameters: [String: SQLValue]) throws(StoreError) -> [Row] {
        try statement(sql).query(named: parameters)
    }

    /// The first row of a query with named parameters.
    func queryOne(_ sql: String, named parameters: [String: SQLValue]) throws(StoreError) -> Row? {
        try statement(sql).query(named: parameters, limit: 1).first
    }

    public var lastInsertRowID: Int64 { sqlite3_last_insert_rowid(handle) }
    /// Rows this connection has inserted, updated or deleted since it opened (`sqlite3_total_changes64`):
    /// a cache of what it read can tell whether a write of its own may have changed it.
    package var totalChanges: Int64 { sqlite3_total_changes64(handle) }
    public var isInTransaction: Bool { sqlite3_get_autocommit(handle) == 0 }

    /// Runs `body` in one `BEGIN IMMEDIATE` transaction: committed if it returns, rolled back if it throws.
    /// IMMEDIATE takes the write lock up front, so a busy database fails here, before any work.
    public func transaction<T>(_ body: () throws -> T) throws -> T {
        // Nested inside another transaction (a change and its audit row, written together): a
        // savepoint, so the inner part can fail alone while the outer one decides what commits.
        if isInTransaction {
            try execute("SAVEPOINT nested")
            do {
                let result = try body()
                try execute("RELEASE nested")
                return result
            } catch {
                try? execute("ROLLBACK TO nested")
                try? execute("RELEASE nested")
                throw error
            }
        }
        // Prepared once and reused: `execute` would parse BEGIN and COMMIT again for every swipe.
        _ = try statement("BEGIN IMMEDIATE").run([])
        do {
            let result = try body()
            _ = try statement("COMMIT").run([])
            return result
        } catch {
            if isInTransaction { try? execute("ROLLBACK") }
            throw error
        }
    }

    /// A single integer from a pragma or query (`PRAGMA user_version`, `PRAGMA data_version`).
    public func scalar(_ sql: String) throws(StoreError) -> Int64 {
        try queryOne(sql)?.int64(0) ?? 0
    }

    package func error(_ rc: Int32, sql: String?) -> StoreError {
        .database(DatabaseError(code: sqlite3_extended_errcode(handle), message: String(cString: sqlite3_errmsg(handle)), sql: sql, path: path))
    }
}
