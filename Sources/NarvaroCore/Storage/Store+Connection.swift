// What the other targets may ask of the Store's connection now that `Store.db` is internal to
// NarvaroCore: its file, its health checks and a transaction around several Store calls.
import Glibc

extension Store {
    /// The database file (for messages and the files kept next to it: spool, lock).
    public var databasePath: String { db.path }

    /// Throws `StoreError.damaged` when `PRAGMA quick_check` finds a problem.
    public func requireIntact(budgetMilliseconds: Int? = nil) throws { try db.requireIntact(budgetMilliseconds: budgetMilliseconds) }

    /// How long a statement waits for another writer's lock (`PRAGMA busy_timeout`).
    public func setBusyTimeout(milliseconds: Int) throws { try db.execute("PRAGMA busy_timeout = \(max(0, milliseconds))") }

    /// Throws `StoreError.notWritable` when this connection cannot write.
    public func requireWritable() throws { try db.requireWritable() }

    /// Runs `body` in one transaction on the Store's connection (see `SQLiteConnection.transaction`).
    public func transaction<T>(_ body: () throws -> T) throws -> T { try db.transaction(body) }
}

extension Store {
    /// The database at `path` for a program that may write (the CLI's commands, the web pages),
    /// with the card key at `cardKeyPath`. The database, its WAL and SHM are private to the service
    /// and the staff group (umask 027); only commands that set things up pass `create`.
    public static func open(path: String, create: Bool, cardKeyPath: String) throws -> Store {
        umask(0o027)
        let db = try NarvaroDatabase.open(path: path, create: create)
        let store = Store(db: db, cardKey: Store.cardKeyProvider(path: cardKeyPath, db: db))
        // Check-ins a stopped daemon left uncounted are counted before anything reads the statistics.
        // Failing that (the database busy or read-only), the command goes on: the check-ins are safe,
        // and the daemon or the next command counts them.
        _ = try? store.catchUpStatistics()
        return store
    }
}
